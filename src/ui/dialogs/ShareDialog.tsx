import { Dialog } from './Dialog';

export function ShareDialog({ url, onClose }: { url: string | null; onClose: () => void }) {
  return (
    <Dialog title="Share this flow" open={url !== null} onClose={onClose}>
      <p>The link carries the whole flow; nothing is uploaded. It was copied to the clipboard.</p>
      <input
        className="share-url"
        readOnly
        value={url ?? ''}
        aria-label="Share link"
        onFocus={(event) => event.target.select()}
      />
      <div className="row">
        <a className="button" href={url ?? '#'} target="_blank" rel="noopener">
          Open in a new tab
        </a>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
