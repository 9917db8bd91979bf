/** The top bar: the flow's name, then its commands, every button read from the command registry. */
import { CommandButton } from '../commands/CommandButton';
import { attachFilePicker, openFile } from '../commands/flowCommands';
import { Icon } from '../icons';
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
        <CommandButton id="flow.versions" className="icon-only" icon={<Icon name="history" />} />
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
        <CommandButton id="flow.downloadAdmf">As ADMF-PC</CommandButton>
        <CommandButton id="flow.share">Share link</CommandButton>
      </nav>
      <div className="toolbar-group" role="toolbar" aria-label="Edit">
        <CommandButton id="edit.undo" className="icon-only" icon={<Icon name="undo" />} />
        <CommandButton id="edit.redo" className="icon-only" icon={<Icon name="redo" />} />
        <CommandButton id="edit.add" icon={<Icon name="add" />}>
          Add…
        </CommandButton>
        <CommandButton id="edit.addNote" className="icon-only" icon={<Icon name="note" />} />
        <CommandButton id="canvas.autoLayout" icon={<Icon name="layout" />}>
          Auto-layout
        </CommandButton>
        <CommandButton id="help.commands" className="icon-only" icon={<Icon name="commands" />} />
        <CommandButton id="help.shortcuts" className="icon-only" icon={<Icon name="help" />} />
      </div>
    </header>
  );
}
