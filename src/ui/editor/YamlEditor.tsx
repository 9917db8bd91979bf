import Editor from '@monaco-editor/react';
import './monaco';

interface YamlEditorProps {
  readonly value: string;
  readonly onChange: (text: string) => void;
}

export default function YamlEditor({ value, onChange }: YamlEditorProps) {
  return (
    <Editor
      language="yaml"
      value={value}
      onChange={(text) => onChange(text ?? '')}
      options={{
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        tabSize: 2,
      }}
      theme={window.matchMedia('(prefers-color-scheme: dark)').matches ? 'vs-dark' : 'vs'}
    />
  );
}
