/** The top bar: the flow's name, then its commands, every button read from the command registry. */
import { CommandButton } from '../commands/CommandButton';
import { attachFilePicker, openFile } from '../commands/flowCommands';
import { useFlow } from '../store/instance';

export function Toolbar() {
  const name = useFlow((state) => state.model?.name ?? 'Untitled flow');
  return (
    <header className="toolbar">
      <h1 className="app-title">ADMF-PC Flow Studio</h1>
      <span className="flow-name" data-testid="flow-name" title="Flow name">
        {name}
      </span>
      <nav className="toolbar-group" aria-label="Flow">
        <CommandButton id="flow.new">New</CommandButton>
        <CommandButton id="flow.library">My flows</CommandButton>
        <CommandButton id="flow.templates">Templates</CommandButton>
        <CommandButton id="flow.open">Open…</CommandButton>
        <input
          ref={attachFilePicker}
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
        <CommandButton id="flow.download">Download</CommandButton>
        <CommandButton id="flow.share">Share link</CommandButton>
      </nav>
      <div className="toolbar-group" role="toolbar" aria-label="Edit">
        <CommandButton id="edit.undo" icon="↶" />
        <CommandButton id="edit.redo" icon="↷" />
        <CommandButton id="edit.add">Add…</CommandButton>
        <CommandButton id="canvas.autoLayout" />
        <CommandButton id="help.commands" icon="⋯" />
        <CommandButton id="help.shortcuts" icon="?" />
      </div>
    </header>
  );
}
