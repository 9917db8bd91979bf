/**
 * Mounts the designer. Loaded by ../main.tsx once React and the canvas library are evaluated, so
 * that each part of the start-up runs in a task of its own.
 */
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { openSharedLink } from './commands/flowCommands';
import { isShareHash } from './store/share';

// A share link carries a flow in its hash: it opens as a new flow. The hash is cleared before the
// link is read, so that neither a reload nor a link that fails can open it (or fail) again.
// A link pasted into the address bar of a tab already showing the app only changes the hash.
function openLinkInHash() {
  const hash = window.location.hash;
  if (!isShareHash(hash)) return;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  void openSharedLink(hash);
}

export function start(): void {
  openLinkInHash();
  window.addEventListener('hashchange', openLinkInHash);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  // A transition renders in slices that yield to the browser every few milliseconds: the first
  // render of the whole designer is otherwise one task of 150-300 ms on a slow machine.
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
}
