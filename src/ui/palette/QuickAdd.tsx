/** The quick-add search (Ctrl+K, "/" or a double-click on the canvas): type, then Enter. */
import { useMemo, useState } from 'react';
import { CATALOGUE } from '../../flow';
import { Dialog } from '../dialogs/Dialog';
import { matches } from './Palette';

interface QuickAddProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onPick: (component: string) => void;
}

export function QuickAdd({ open, onClose, onPick }: QuickAddProps) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const found = useMemo(
    () => CATALOGUE.filter((spec) => matches(spec, query)).slice(0, 12),
    [query],
  );
  const pick = (id: string | undefined) => {
    if (!id) return;
    onPick(id);
    setQuery('');
    setIndex(0);
  };
  return (
    <Dialog title="Add a component" open={open} onClose={onClose}>
      <input
        type="search"
        className="quick-add-input"
        aria-label="Component to add"
        aria-controls="quick-add-results"
        aria-activedescendant={found[index] ? `quick-add-${found[index].id}` : undefined}
        placeholder="sma, crossover, broker…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setIndex(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setIndex((i) => Math.min(found.length - 1, i + 1));
          else if (event.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
          else if (event.key === 'Enter') pick(found[index]?.id);
          else return;
          event.preventDefault();
        }}
      />
      <div
        id="quick-add-results"
        className="quick-add-results"
        role="listbox"
        aria-label="Matching components"
      >
        {found.map((spec, i) => (
          <div
            key={spec.id}
            id={`quick-add-${spec.id}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === index}
            className={i === index ? 'active' : ''}
            onMouseDown={() => pick(spec.id)}
            onKeyDown={(event) => event.key === 'Enter' && pick(spec.id)}
          >
            <strong>{spec.label}</strong>{' '}
            <span className={`chip kind-${spec.kind}`}>{spec.kind}</span>
            <div className="muted">{spec.description}</div>
          </div>
        ))}
      </div>
    </Dialog>
  );
}
