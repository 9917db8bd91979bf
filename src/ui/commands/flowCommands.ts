/** Commands on whole flows: new, open, download, share, templates, the user's library. */
import { emptyFlowText, exportAdmf } from '../../flow';
import { saveTextFile } from '../files';
import { useDialogs } from '../store/dialogs';
import { reader, useFlow } from '../store/instance';
import { flowFromHash, shareLink } from '../store/share';
import type { Command } from './registry';

const store = useFlow.getState;

/** A file name from the flow's name: "SMA crossover (pipeline)" → sma-crossover-pipeline.yaml. */
export function fileNameFor(name: string): string {
  const base = name
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `${base || 'flow'}.yaml`;
}

function download(name: string, text: string, suffix = '') {
  saveTextFile(fileNameFor(name).replace(/\.yaml$/, `${suffix}.yaml`), text, 'text/yaml');
}

/**
 * Downloads the flow as an ADMF-PC clean-syntax config; when parts of it have no counterpart
 * there, they are listed first and the download waits for the user.
 */
function downloadAdmf() {
  const { model, text } = store();
  if (!model) return;
  const exported = exportAdmf(model, text);
  const save = () => download(model.name, exported.text, '.admf');
  if (exported.unmapped.length === 0) {
    save();
    return;
  }
  useDialogs.getState().showProblem({
    title: 'Some parts have no ADMF-PC counterpart',
    note: 'The ADMF-PC config leaves these out:',
    problems: exported.unmapped,
    action: { label: 'Download the ADMF-PC config', run: save },
  });
}

/** Opens YAML text brought in from outside as a new flow, or says why it cannot. */
export async function openText(incoming: string, source: string): Promise<void> {
  // A large file is read in the reader worker: the page stays responsive meanwhile.
  const imported = await reader.importText(incoming, source);
  if (!imported.ok) {
    useDialogs.getState().showProblem({
      title: imported.title,
      problems: imported.problems,
      note: 'Your open flow was not changed.',
    });
    return;
  }
  store().openNew(imported.text);
  // (Under its own name if the library already has a flow of that name.)
  store().notify({
    kind: 'info',
    message: `Opened “${store().model?.name ?? imported.name}” as a new flow.`,
    details: imported.notes,
  });
}

/**
 * Opens the flow a share link carries, as a new flow; a link that is damaged, cut short, too large
 * or not a flow says so, and leaves the user's flows as they were.
 */
export async function openSharedLink(hash: string): Promise<void> {
  const shared = flowFromHash(hash);
  if (!shared) return;
  if (!shared.ok) {
    useDialogs.getState().showProblem({
      title: 'The shared link could not be opened',
      problems: [shared.problem],
      note: 'Your flows were not changed.',
    });
    return;
  }
  await openText(shared.text, 'The shared link');
}

export async function openFile(file: File): Promise<void> {
  if (!/\.(ya?ml)$/i.test(file.name)) {
    useDialogs.getState().showProblem({
      title: `${file.name} is not a YAML file`,
      problems: ['Open a .yaml or .yml flow file.'],
      note: 'Your open flow was not changed.',
    });
    return;
  }
  await openText(await file.text(), file.name);
}

let picker: HTMLInputElement | null = null;
/** The page's file input for "Open…", which App renders once. */
export function attachFilePicker(input: HTMLInputElement | null): void {
  picker = input;
}

async function share() {
  const link = shareLink(store().text, window.location.href);
  if (!link.ok) {
    useDialogs
      .getState()
      .showProblem({ title: 'This flow is too large to share as a link', problems: [link.error] });
    return;
  }
  try {
    await navigator.clipboard.writeText(link.url);
  } catch {
    // The dialog shows the link to copy by hand.
  }
  useDialogs.getState().showShareUrl(link.url);
}

export function flowCommands(): Command[] {
  return [
    {
      id: 'flow.new',
      label: 'New empty flow',
      category: 'Flow',
      keywords: ['create', 'blank'],
      run: () => store().openNew(emptyFlowText(`Flow ${store().library.flows.length + 1}`)),
    },
    {
      id: 'flow.open',
      label: 'Open a YAML file…',
      category: 'Flow',
      keys: ['Mod+O'],
      keywords: ['import', 'load'],
      run: () => picker?.click(),
    },
    {
      id: 'flow.library',
      label: 'My flows…',
      category: 'Flow',
      keywords: ['library', 'rename', 'switch'],
      run: () => useDialogs.getState().open('flows'),
    },
    {
      id: 'flow.versions',
      label: 'Version history…',
      category: 'Flow',
      keywords: ['history', 'restore', 'revert', 'earlier', 'versions'],
      run: () => useDialogs.getState().open('versions'),
    },
    {
      id: 'flow.templates',
      label: 'Templates…',
      category: 'Flow',
      keywords: ['example', 'sample'],
      run: () => useDialogs.getState().open('templates'),
    },
    {
      id: 'flow.download',
      label: 'Download the flow as YAML',
      category: 'Flow',
      keys: ['Mod+S'],
      inFields: true,
      keywords: ['save', 'export'],
      run: () => download(store().model?.name ?? 'flow', store().text),
    },
    {
      id: 'flow.downloadAdmf',
      label: 'Download as an ADMF-PC config',
      category: 'Flow',
      keywords: ['export', 'admf', 'clean syntax', 'config'],
      run: downloadAdmf,
    },
    {
      id: 'flow.share',
      label: 'Copy a share link',
      category: 'Flow',
      keywords: ['url', 'link'],
      run: share,
    },
  ];
}
