/**
 * The YAML side of the designer. It shows the flow's text, reports each keystroke, shows every
 * problem as a marker at its line, and hands undo and redo to the designer's one history, so
 * Ctrl+Z in the editor undoes a canvas change too.
 *
 * A text longer than the editor takes (a megabyte pasted by mistake) never reaches Monaco, whose
 * rendering of one pasted megabyte holds the page for seconds: the paste is taken before Monaco
 * sees it, and such a text is shown as a notice with its size, Undo and Download instead.
 */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type { Diagnostic } from '../../flow';
import { saveTextFile } from '../files';
import { monaco, prefersDark } from './monaco';

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

/** Characters the editor takes; longer texts are shown as a notice (flows may have 2 MB). */
export const EDITOR_LIMIT = 200_000;

export default function YamlEditor(props: YamlEditorProps) {
  const large = props.value.length > EDITOR_LIMIT;
  // Monaco stays mounted and laid out under the notice, holding the last text it could take:
  // unmounting, hiding or resizing it would cost more than the paste it avoids.
  const box = useRef<HTMLDivElement>(null);
  const size = useBoxSize(box);
  return (
    <div className="yaml-monaco" ref={box}>
      {size && <MonacoYaml {...props} size={size} />}
      {large && <LargeText value={props.value} onUndo={props.onUndo} />}
    </div>
  );
}

interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The box's first size, as the browser's own layout gives it (a resize observer reads no layout).
 * Monaco is created with it: measuring its container itself forces a layout of the whole page in
 * the task that creates the editor (70 ms of its 100-260 ms at start-up on this machine).
 */
function useBoxSize(box: React.RefObject<HTMLDivElement | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize((known) => known ?? { width, height });
      observer.disconnect();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [box]);
  return size;
}

function MonacoYaml({
  value,
  diagnostics,
  onChange,
  onUndo,
  onRedo,
  reveal,
  size,
}: YamlEditorProps & { readonly size: Size }) {
  const editorRef = useRef<StandaloneEditor | null>(null);
  const applying = useRef(false);
  const handlers = useRef({ onChange, onUndo, onRedo });
  handlers.current = { onChange, onUndo, onRedo };
  // What the editor must show once it exists: Monaco is created a little after this component
  // (it loads in stages), and the text, the problems or a line to show may change meanwhile.
  const latest = useRef({ value, diagnostics, reveal });
  latest.current = { value, diagnostics, reveal };

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    const pending = latest.current;
    applying.current = true;
    syncText(editor, pending.value);
    applying.current = false;
    showProblems(editor, pending.value, pending.diagnostics);
    if (pending.reveal) showLine(editor, pending.reveal);
    // Monaco's bracket-pair tree over a long run of nested brackets costs seconds per edit.
    editor.getModel()?.updateOptions({
      bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false },
    });
    // A paste that would make the text longer than the editor takes is applied to the flow's
    // text directly: the editor gives way to the notice without rendering it.
    editor.getDomNode()?.addEventListener(
      'paste',
      (event) => {
        const model = editor.getModel();
        const selection = editor.getSelection();
        const pasted = event.clipboardData?.getData('text/plain') ?? '';
        if (!model || !selection) return;
        const start = model.getOffsetAt(selection.getStartPosition());
        const end = model.getOffsetAt(selection.getEndPosition());
        if (model.getValueLength() - (end - start) + pasted.length <= EDITOR_LIMIT) return;
        event.preventDefault();
        event.stopPropagation();
        const text = model.getValue();
        const next = text.slice(0, start) + pasted + text.slice(end);
        // Taking the clipboard's megabyte is this task's work; reading it is the next task's.
        setTimeout(() => handlers.current.onChange(next), 0);
      },
      true,
    );
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
    if (!editor) return;
    applying.current = true;
    syncText(editor, value);
    applying.current = false;
  }, [value]);

  useEffect(() => {
    const editor = editorRef.current;
    if (editor) showProblems(editor, value, diagnostics);
  });

  useEffect(() => {
    const editor = editorRef.current;
    if (editor && reveal) showLine(editor, reveal);
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
      defaultValue={value.length > EDITOR_LIMIT ? '' : value}
      onMount={onMount}
      theme={prefersDark() ? 'vs-dark' : 'vs'}
      options={{
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        wordWrap: 'on',
        tabSize: 2,
        automaticLayout: true,
        dimension: size,
        ariaLabel: 'Flow YAML',
        quickSuggestions: { other: true, comments: false, strings: true },
        // Sticky scroll and folding from the indentation, not from the YAML worker: the worker's
        // outline of a 500-container flow (thousands of symbols) and its folding ranges were sent
        // back after every edit and took 11-20 ms to read on the page's thread, a dropped frame
        // on every drop on the canvas. For YAML the indentation gives the same scopes.
        stickyScroll: { defaultModel: 'indentationModel' },
        foldingStrategy: 'indentation',
      }}
    />
  );
}

function LargeText({ value, onUndo }: { value: string; onUndo: () => void }) {
  const size =
    value.length >= 1e6
      ? `${(value.length / 1e6).toFixed(1)} MB`
      : `${Math.round(value.length / 1e3)} KB`;
  return (
    <section className="yaml-large" aria-label="YAML too large to edit">
      <p>
        <strong>This YAML is {size}, too large to edit here.</strong> The editor takes up to{' '}
        {EDITOR_LIMIT.toLocaleString('en-US')} characters (a flow may have 2 MB). It is kept as a
        draft; its problems are listed below, and the canvas shows the last flow that could be read.
      </p>
      <div className="row">
        <button type="button" onClick={onUndo}>
          Undo
        </button>
        <button type="button" onClick={() => saveTextFile('flow-draft.yaml', value, 'text/yaml')}>
          Download the text
        </button>
      </div>
      <pre className="yaml-large-preview">
        {value.slice(0, 2_000)}
        {value.length > 2_000 ? '…' : ''}
      </pre>
    </section>
  );
}

/** Replaces only the part of the editor's text that differs from `value` (one undoable edit). */
function syncText(editor: StandaloneEditor, value: string): void {
  const model = editor.getModel();
  if (!model || value.length > EDITOR_LIMIT) return;
  const current = model.getValue();
  if (current === value) return;
  let start = 0;
  while (start < current.length && start < value.length && current[start] === value[start]) start++;
  let endOld = current.length;
  let endNew = value.length;
  while (endOld > start && endNew > start && current[endOld - 1] === value[endNew - 1]) {
    endOld--;
    endNew--;
  }
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(endOld);
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
}

/** The flow's problems as markers at their lines (none while the text is too large to edit). */
function showProblems(
  editor: StandaloneEditor,
  value: string,
  diagnostics: readonly Diagnostic[],
): void {
  const model = editor.getModel();
  if (!model) return;
  if (value.length > EDITOR_LIMIT) {
    monaco.editor.setModelMarkers(model, 'flow-studio', []);
    return;
  }
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
}

/** Moves the caret to a line and shows it (a problem clicked in the list). */
function showLine(editor: StandaloneEditor, reveal: NonNullable<YamlEditorProps['reveal']>): void {
  editor.revealLineInCenter(reveal.line);
  editor.setPosition({ lineNumber: reveal.line, column: reveal.column });
  editor.focus();
}
