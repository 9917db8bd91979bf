/**
 * The YAML side of the designer. It shows the flow's text, reports each keystroke, shows every
 * problem as a marker at its line, and hands undo and redo to the designer's one history, so
 * Ctrl+Z in the editor undoes a canvas change too.
 */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../flow';
import { monaco } from './monaco';

type StandaloneEditor = Parameters<OnMount>[0];

interface YamlEditorProps {
  readonly value: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly onChange: (text: string) => void;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  /** Moves the caret to a line (a problem clicked in the list). */
  readonly reveal?: { readonly line: number; readonly column: number; readonly at: number } | null;
}

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

function prefersDark(): boolean {
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

export default function YamlEditor({
  value,
  diagnostics,
  onChange,
  onUndo,
  onRedo,
  reveal,
}: YamlEditorProps) {
  const editorRef = useRef<StandaloneEditor | null>(null);
  const applying = useRef(false);
  const handlers = useRef({ onChange, onUndo, onRedo });
  handlers.current = { onChange, onUndo, onRedo };

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ, () => handlers.current.onUndo());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, () =>
      handlers.current.onRedo(),
    );
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY, () => handlers.current.onRedo());
    editor.onDidChangeModelContent(() => {
      if (!applying.current) handlers.current.onChange(editor.getValue());
    });
  };

  // A change made elsewhere (canvas, inspector, undo) replaces only the part of the text that differs,
  // so the caret and the scroll position stay where the user left them.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const current = model.getValue();
    if (current === value) return;
    let start = 0;
    while (start < current.length && start < value.length && current[start] === value[start])
      start++;
    let endOld = current.length;
    let endNew = value.length;
    while (endOld > start && endNew > start && current[endOld - 1] === value[endNew - 1]) {
      endOld--;
      endNew--;
    }
    const from = model.getPositionAt(start);
    const to = model.getPositionAt(endOld);
    applying.current = true;
    model.pushEditOperations(
      [],
      [
        {
          range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column),
          text: value.slice(start, endNew),
        },
      ],
      () => null,
    );
    applying.current = false;
  }, [value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'flow-studio',
      diagnostics.map((d) => ({
        severity: SEVERITY[d.severity],
        message: d.message,
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: d.endLine,
        endColumn: d.endLine === d.line && d.endColumn <= d.column ? d.column + 1 : d.endColumn,
        source: 'Flow Studio',
      })),
    );
  });

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !reveal) return;
    editor.revealLineInCenter(reveal.line);
    editor.setPosition({ lineNumber: reveal.line, column: reveal.column });
    editor.focus();
  }, [reveal]);

  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => monaco.editor.setTheme(media.matches ? 'vs-dark' : 'vs');
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, []);

  return (
    <Editor
      path="flow.yaml"
      defaultLanguage="yaml"
      defaultValue={value}
      onMount={onMount}
      theme={prefersDark() ? 'vs-dark' : 'vs'}
      options={{
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        wordWrap: 'on',
        tabSize: 2,
        automaticLayout: true,
        ariaLabel: 'Flow YAML',
        quickSuggestions: { other: true, comments: false, strings: true },
      }}
    />
  );
}
