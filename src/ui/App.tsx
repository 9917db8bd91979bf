/**
 * Flow Studio's page: toolbar, palette, canvas, inspector and YAML editor side by side, and the
 * run views below. This file wires them together and owns the global commands and shortcuts.
 */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { copySelection, flowToGraph } from '../flow';
import { Canvas } from './canvas/Canvas';
import type { ContainerNode } from './canvas/elements';
import { FlowsDialog } from './dialogs/FlowsDialog';
import { type Problem, ProblemDialog } from './dialogs/ProblemDialog';
import { ShareDialog } from './dialogs/ShareDialog';
import { ShortcutsDialog } from './dialogs/ShortcutsDialog';
import { TemplatesDialog } from './dialogs/TemplatesDialog';
import { Inspector } from './inspector/Inspector';
import { Palette } from './palette/Palette';
import { QuickAdd } from './palette/QuickAdd';
import { RunPanel } from './run/RunPanel';
import { useRun } from './run/runStore';
import { importFlowText } from './store/importFlow';
import { useFlow } from './store/instance';
import { shareLink } from './store/share';
import { ProblemsBar } from './toolbar/ProblemsBar';

const YamlEditor = lazy(() => import('./editor/YamlEditor'));

type DialogName = 'templates' | 'flows' | 'shortcuts' | 'quickAdd' | null;

/** Keys typed into a field belong to that field, not to the page's shortcuts. */
function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  return (
    element.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) ||
    element.closest('.monaco-editor') !== null
  );
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${
    name
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'flow'
  }.yaml`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Designer() {
  const text = useFlow((state) => state.text);
  const diagnostics = useFlow((state) => state.parsed.diagnostics);
  const notice = useFlow((state) => state.notice);
  const saveError = useFlow((state) => state.saveError);
  const canUndo = useFlow((state) => state.history.past.length > 0);
  const canRedo = useFlow((state) => state.history.future.length > 0);
  const name = useFlow((state) => state.model?.name ?? 'Untitled flow');
  const [dialog, setDialog] = useState<DialogName>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [shareUrl, setShareUrl] = useState<string | null>(null);
  const [reveal, setReveal] = useState<{ line: number; column: number; at: number } | null>(null);
  const quickAddAt = useRef<{ x: number; y: number } | null>(null);
  const clipboard = useRef('');
  const fileInput = useRef<HTMLInputElement>(null);
  const flow = useReactFlow<ContainerNode>();
  const store = useFlow.getState;

  const freeSpot = useCallback(() => {
    const nodes = flow.getNodes();
    const box = document.querySelector('.canvas-wrapper')?.getBoundingClientRect();
    const centre = box
      ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
      : { x: 0, y: 0 };
    let spot = { x: centre.x - 90, y: centre.y - 40 };
    while (
      nodes.some(
        (node) =>
          Math.abs(node.position.x - spot.x) < 150 && Math.abs(node.position.y - spot.y) < 80,
      )
    ) {
      spot = { x: spot.x + 30, y: spot.y + 90 };
    }
    return spot;
  }, [flow]);

  const addComponent = useCallback(
    (component: string, at?: { x: number; y: number }) => {
      const result = store().edit({
        type: 'addContainer',
        name: component,
        component,
        position: at ?? freeSpot(),
      });
      if (result.ok) {
        const added = result.renamed?.[component] ?? component;
        store().select({ nodes: [added], edges: [] });
      }
    },
    [freeSpot],
  );

  const openText = useCallback((incoming: string, source: string) => {
    const imported = importFlowText(incoming, source);
    if (!imported.ok) {
      setProblem({
        title: imported.title,
        problems: imported.problems,
        note: 'Your open flow was not changed.',
      });
      return;
    }
    store().openNew(imported.text);
    store().notify({
      kind: 'info',
      message: `Opened “${imported.name}” as a new flow.`,
      details: imported.notes,
    });
  }, []);

  const openFile = useCallback(
    async (file: File) => {
      if (!/\.(ya?ml)$/i.test(file.name)) {
        setProblem({
          title: `${file.name} is not a YAML file`,
          problems: ['Open a .yaml or .yml flow file.'],
          note: 'Your open flow was not changed.',
        });
        return;
      }
      openText(await file.text(), file.name);
    },
    [openText],
  );

  const copy = useCallback(async (cut: boolean) => {
    const selected = store().selection.nodes;
    if (selected.length === 0) return;
    const fragment = copySelection(store().text, selected);
    clipboard.current = fragment;
    try {
      await navigator.clipboard.writeText(fragment);
    } catch {
      // The page-local copy still serves paste in this tab.
    }
    if (cut) store().edit({ type: 'removeContainers', names: [...selected] });
    store().notify({
      kind: 'info',
      message: `${cut ? 'Cut' : 'Copied'} ${selected.length} container${selected.length > 1 ? 's' : ''}.`,
    });
  }, []);

  const paste = useCallback(async (fragment?: string) => {
    let source = fragment;
    if (source === undefined) {
      try {
        source = await navigator.clipboard.readText();
      } catch {
        source = clipboard.current;
      }
    }
    if (!source) return;
    const result = store().edit({ type: 'paste', yaml: source, offset: { x: 40, y: 40 } });
    if (result.ok && result.renamed) {
      const added = new Set(Object.values(result.renamed));
      store().select({ nodes: [...added], edges: [] });
    }
  }, []);

  const layout = useCallback(async () => {
    const model = store().model;
    if (!model) return;
    // ELK is large: it loads the first time someone asks for a layout.
    const { autoLayout } = await import('./canvas/autoLayout');
    store().edit({ type: 'moveContainers', positions: await autoLayout(model) });
    setTimeout(() => flow.fitView({ padding: 0.15, duration: 300 }), 50);
  }, [flow]);

  const share = useCallback(async () => {
    const link = shareLink(store().text, window.location.href);
    if (!link.ok) {
      setProblem({ title: 'This flow is too large to share as a link', problems: [link.error] });
      return;
    }
    try {
      await navigator.clipboard.writeText(link.url);
    } catch {
      // The dialog shows the link to copy by hand.
    }
    setShareUrl(link.url);
  }, []);

  // Deleting goes by the store's selection, the one the canvas mirrors, so what is deleted is
  // exactly what is shown selected, whichever way it was selected (click, select all, paste).
  const deleteSelection = useCallback((): boolean => {
    const { nodes, edges } = store().selection;
    const model = store().model;
    if (!model || (nodes.length === 0 && edges.length === 0)) return false;
    const names = new Set(nodes);
    if (names.size > 0) store().edit({ type: 'removeContainers', names: [...names] }, null);
    const chosen = new Set(edges);
    for (const edge of flowToGraph(model).edges) {
      if (!chosen.has(edge.id) || edge.pattern === 'feedback') continue;
      if (names.has(edge.source) || names.has(edge.target)) continue;
      store().edit({ type: 'disconnect', source: edge.source, target: edge.target }, null);
    }
    store().select({ nodes: [], edges: [] });
    return true;
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typingIn(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        if (!deleteSelection()) return;
      } else if (mod && key === 'enter') {
        const run = useRun.getState();
        if (run.phase === 'running') run.pause();
        else run.run();
      } else if (mod && key === 'z' && !event.shiftKey) store().undo();
      else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) store().redo();
      else if (mod && key === 'c') void copy(false);
      else if (mod && key === 'x') void copy(true);
      else if (mod && key === 'v') void paste();
      else if (mod && key === 'd') {
        const selected = store().selection.nodes;
        if (selected.length > 0) void paste(copySelection(store().text, selected));
      } else if (mod && key === 'a') {
        store().select({
          nodes: store().model?.containers.map((container) => container.name) ?? [],
          edges: [],
        });
      } else if (mod && key === 's') download(name, store().text);
      else if ((mod && key === 'k') || (!mod && event.key === '/')) {
        quickAddAt.current = null;
        setDialog('quickAdd');
      } else if (!mod && event.key === '?') setDialog('shortcuts');
      else if (!mod && event.shiftKey && key === 'l') void layout();
      else if (!mod && !event.shiftKey && key === 'f')
        flow.fitView({ padding: 0.15, duration: 300 });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [copy, deleteSelection, flow, layout, name, paste]);

  // Opening or closing the run views resizes the canvas: keep the whole flow in sight.
  const runViewsOpen = useRun((state) => state.expanded);
  const runViewsWere = useRef(runViewsOpen);
  useEffect(() => {
    if (runViewsWere.current === runViewsOpen) return;
    runViewsWere.current = runViewsOpen;
    const timer = setTimeout(() => flow.fitView({ padding: 0.15, duration: 200 }), 60);
    return () => clearTimeout(timer);
  }, [runViewsOpen, flow]);

  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const timer = setTimeout(() => store().notify(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="app-title">ADMF-PC Flow Studio</h1>
        <span className="flow-name" data-testid="flow-name" title="Flow name">
          {name}
        </span>
        <nav className="toolbar-group" aria-label="Flow">
          <button type="button" onClick={() => setDialog('flows')}>
            My flows
          </button>
          <button type="button" onClick={() => setDialog('templates')}>
            Templates
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Open…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".yaml,.yml"
            hidden
            aria-label="Open a YAML flow file"
            data-testid="open-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void openFile(file);
              event.target.value = '';
            }}
          />
          <button type="button" onClick={() => download(name, store().text)}>
            Download
          </button>
          <button type="button" onClick={() => void share()}>
            Share link
          </button>
        </nav>
        <div className="toolbar-group">
          <button
            type="button"
            onClick={() => store().undo()}
            disabled={!canUndo}
            aria-label="Undo"
            title="Undo (Ctrl+Z)"
          >
            ↶
          </button>
          <button
            type="button"
            onClick={() => store().redo()}
            disabled={!canRedo}
            aria-label="Redo"
            title="Redo (Ctrl+Shift+Z)"
          >
            ↷
          </button>
          <button
            type="button"
            onClick={() => setDialog('quickAdd')}
            title="Add a component (Ctrl+K)"
          >
            Add…
          </button>
          <button type="button" onClick={() => void layout()} title="Auto-layout (Shift+L)">
            Auto-layout
          </button>
          <button
            type="button"
            onClick={() => setDialog('shortcuts')}
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
          >
            ?
          </button>
        </div>
      </header>
      <Palette onAdd={addComponent} />
      <main className="canvas-area" aria-label="Canvas">
        <Canvas
          onQuickAdd={(position) => {
            quickAddAt.current = position;
            setDialog('quickAdd');
          }}
          onFileDrop={(file) => void openFile(file)}
        />
      </main>
      <div className="side">
        <Inspector />
        <section className="yaml-panel" aria-label="YAML">
          <h2 className="panel-title">YAML</h2>
          <div className="yaml-editor">
            <Suspense fallback={<p className="muted">Loading the editor…</p>}>
              <YamlEditor
                value={text}
                diagnostics={diagnostics}
                onChange={(next) => store().setText(next)}
                onUndo={() => store().undo()}
                onRedo={() => store().redo()}
                reveal={reveal}
              />
            </Suspense>
          </div>
          <ProblemsBar
            diagnostics={diagnostics}
            onReveal={(line, column) => setReveal({ line, column, at: Date.now() })}
          />
        </section>
      </div>
      <RunPanel />
      <div className="notices" aria-live="polite">
        {notice && (
          <div
            className={`notice ${notice.kind}`}
            role={notice.kind === 'error' ? 'alert' : 'status'}
          >
            <span>{notice.message}</span>
            {notice.details?.map((detail) => (
              <small key={detail}>{detail}</small>
            ))}
            <button
              type="button"
              className="icon-button"
              aria-label="Dismiss"
              onClick={() => store().notify(null)}
            >
              ✕
            </button>
          </div>
        )}
        {saveError && (
          <div className="notice error" role="alert">
            {saveError}
          </div>
        )}
      </div>
      <TemplatesDialog
        open={dialog === 'templates'}
        onClose={() => setDialog(null)}
        onOpen={(template) => {
          store().openNew(template);
          setDialog(null);
        }}
      />
      <FlowsDialog open={dialog === 'flows'} onClose={() => setDialog(null)} />
      <ShortcutsDialog open={dialog === 'shortcuts'} onClose={() => setDialog(null)} />
      <QuickAdd
        open={dialog === 'quickAdd'}
        onClose={() => setDialog(null)}
        onPick={(component) => {
          setDialog(null);
          addComponent(component, quickAddAt.current ?? undefined);
        }}
      />
      <ProblemDialog problem={problem} onClose={() => setProblem(null)} />
      <ShareDialog url={shareUrl} onClose={() => setShareUrl(null)} />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Designer />
    </ReactFlowProvider>
  );
}
