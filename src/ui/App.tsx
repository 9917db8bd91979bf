/**
 * Flow Studio's page: toolbar, palette, canvas, inspector and YAML editor side by side, and the
 * run views below. This file lays them out and mounts the dialogs; what the user can do lives in
 * the command registry (./commands), which the toolbar, the keys and the palettes all read.
 */
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Canvas } from './canvas/Canvas';
import { fitCanvas } from './canvas/view';
import { CommandPalette } from './commands/CommandPalette';
import { addComponent } from './commands/editCommands';
import { openFile } from './commands/flowCommands';
import { registerAppCommands } from './commands/index';
import { useShortcuts } from './commands/useCommands';
import { ConflictDialog } from './dialogs/ConflictDialog';
import { FlowsDialog } from './dialogs/FlowsDialog';
import { ProblemDialog } from './dialogs/ProblemDialog';
import { ShareDialog } from './dialogs/ShareDialog';
import { ShortcutsDialog } from './dialogs/ShortcutsDialog';
import { TemplatesDialog } from './dialogs/TemplatesDialog';
import { VersionsDialog } from './dialogs/VersionsDialog';
import { AdmfOffer } from './editor/AdmfOffer';
import { loadYamlEditor } from './editor/loadMonaco';
import { Inspector } from './inspector/Inspector';
import { Palette } from './palette/Palette';
import { QuickAdd } from './palette/QuickAdd';
import { GridSummary } from './research/GridSummary';
import { RunPanel } from './run/RunPanel';
import { useRun } from './run/runStore';
import { type DialogName, useDialogs } from './store/dialogs';
import { useFlow } from './store/instance';
import { ProblemsBar } from './toolbar/ProblemsBar';
import { Toolbar } from './toolbar/Toolbar';

const YamlEditor = lazy(loadYamlEditor);

registerAppCommands();

function Dialogs() {
  const dialog = useDialogs((state) => state.dialog);
  const problem = useDialogs((state) => state.problem);
  const shareUrl = useDialogs((state) => state.shareUrl);
  const dialogs = useDialogs.getState;
  const close = (name: DialogName) => () => dialogs().close(name);
  return (
    <>
      <TemplatesDialog
        open={dialog === 'templates'}
        onClose={close('templates')}
        onOpen={(template) => {
          useFlow.getState().openNew(template);
          dialogs().close('templates');
        }}
      />
      <FlowsDialog open={dialog === 'flows'} onClose={close('flows')} />
      <VersionsDialog open={dialog === 'versions'} onClose={close('versions')} />
      <ShortcutsDialog open={dialog === 'shortcuts'} onClose={close('shortcuts')} />
      <CommandPalette open={dialog === 'commands'} onClose={close('commands')} />
      <QuickAdd
        open={dialog === 'quickAdd'}
        onClose={close('quickAdd')}
        onPick={(component) => {
          const at = dialogs().quickAddAt;
          dialogs().close('quickAdd');
          addComponent(component, at ?? undefined);
        }}
      />
      <ProblemDialog problem={problem} onClose={() => dialogs().showProblem(null)} />
      <ShareDialog url={shareUrl} onClose={() => dialogs().showShareUrl(null)} />
      <ConflictDialog />
    </>
  );
}

function Notices() {
  const notice = useFlow((state) => state.notice);
  const saveError = useFlow((state) => state.saveError);
  // An information notice goes after the user has had six seconds to read it: counted from when
  // the page is in view, so that a notice that arrives in a tab in the background (another tab's
  // change to this flow) is still there when the user comes back to it.
  useEffect(() => {
    if (notice?.kind !== 'info' || notice.sticky) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const startWhenVisible = () => {
      if (timer !== undefined || document.visibilityState !== 'visible') return;
      timer = setTimeout(() => useFlow.getState().notify(null), 6000);
    };
    startWhenVisible();
    document.addEventListener('visibilitychange', startWhenVisible);
    return () => {
      document.removeEventListener('visibilitychange', startWhenVisible);
      clearTimeout(timer);
    };
  }, [notice]);
  return (
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
            onClick={() => useFlow.getState().notify(null)}
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
  );
}

function Designer() {
  const text = useFlow((state) => state.text);
  const diagnostics = useFlow((state) => state.parsed.diagnostics);
  const reading = useFlow((state) => state.reading);
  const [reveal, setReveal] = useState<{ line: number; column: number; at: number } | null>(null);
  const store = useFlow.getState;
  useShortcuts();

  // Opening or closing the run views resizes the canvas: keep the whole flow in sight.
  const runViewsOpen = useRun((state) => state.expanded);
  const runViewsWere = useRef(runViewsOpen);
  useEffect(() => {
    if (runViewsWere.current === runViewsOpen) return;
    runViewsWere.current = runViewsOpen;
    const timer = setTimeout(() => fitCanvas(200), 60);
    return () => clearTimeout(timer);
  }, [runViewsOpen]);

  return (
    <div className="app">
      <Toolbar />
      <Palette onAdd={(component) => addComponent(component)} />
      <main className="canvas-area" aria-label="Canvas">
        <Canvas
          onQuickAdd={(position) => useDialogs.getState().openQuickAdd(position)}
          onFileDrop={(file) => void openFile(file)}
        />
      </main>
      <div className="side">
        <Inspector />
        <section className="yaml-panel" aria-label="YAML">
          <h2 className="panel-title">YAML</h2>
          {/* nokey: React Flow takes Space (pan) and Delete from any element that is not a text field, and Monaco types through an EditContext, not a textarea. */}
          <div className="yaml-editor nokey">
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
          <AdmfOffer />
          <ProblemsBar
            diagnostics={diagnostics}
            reading={reading}
            onReveal={(line, column) => setReveal({ line, column, at: Date.now() })}
          />
          <GridSummary />
        </section>
      </div>
      <RunPanel />
      <Notices />
      <Dialogs />
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
