import { summaryOf, TEMPLATES } from '../templates';
import { Dialog } from './Dialog';

export function TemplatesDialog({
  open,
  onClose,
  onOpen,
}: {
  open: boolean;
  onClose: () => void;
  onOpen: (text: string) => void;
}) {
  return (
    <Dialog title="Templates" open={open} onClose={onClose} wide>
      <ul className="template-grid">
        {TEMPLATES.map((template) => (
          <li key={template.id} className="template-card">
            <h3>{template.title}</h3>
            <span className="chip">{template.pattern}</span>
            <p className="muted">{summaryOf(template.text)}</p>
            <button
              type="button"
              onClick={() => onOpen(template.text)}
              aria-label={`Open template ${template.title}`}
            >
              Open as a new flow
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
