import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { openSharedLink } from './ui/commands/flowCommands';
import { isShareHash } from './ui/store/share';
import './ui/styles.css';

// A share link carries a flow in its hash: it opens as a new flow. The hash is cleared before the
// link is read, so that neither a reload nor a link that fails can open it (or fail) again.
// A link pasted into the address bar of a tab already showing the app only changes the hash.
function openLinkInHash() {
  const hash = window.location.hash;
  if (!isShareHash(hash)) return;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  void openSharedLink(hash);
}
openLinkInHash();
window.addEventListener('hashchange', openLinkInHash);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
