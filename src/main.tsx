import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { importFlowText } from './ui/store/importFlow';
import { useFlow } from './ui/store/instance';
import { flowFromHash } from './ui/store/share';
import './ui/styles.css';

// A share link carries a flow in its hash: open it as a new flow, then clear the hash so a reload
// does not open it twice.
const shared = flowFromHash(window.location.hash);
if (shared !== null) {
  const imported = importFlowText(shared, 'The shared link');
  if (imported.ok) {
    useFlow.getState().openNew(imported.text);
    useFlow
      .getState()
      .notify({ kind: 'info', message: `Opened the shared flow “${imported.name}”.` });
  } else {
    useFlow
      .getState()
      .notify({ kind: 'error', message: imported.title, details: imported.problems });
  }
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
