/** The quick-add search (Ctrl+K, "/" or a double-click on the canvas): type, then Enter. */
import { useCallback } from 'react';
import { CATALOGUE, type ComponentSpec } from '../../flow';
import { SearchDialog } from '../dialogs/SearchDialog';
import { search as searchCatalogue } from './search';

interface QuickAddProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onPick: (component: string) => void;
}

export function QuickAdd({ open, onClose, onPick }: QuickAddProps) {
  const search = useCallback((query: string) => searchCatalogue(CATALOGUE, query).slice(0, 12), []);
  return (
    <SearchDialog<ComponentSpec>
      title="Add a component"
      open={open}
      onClose={onClose}
      inputLabel="Component to add"
      placeholder="sma, crossover, broker…"
      search={search}
      keyOf={(spec) => spec.id}
      onPick={(spec) => onPick(spec.id)}
      empty={(query) => `No component matches “${query}”.`}
      render={(spec) => (
        <>
          <strong>{spec.label}</strong>{' '}
          <span className={`chip kind-${spec.kind}`}>{spec.kind}</span>
          <div className="muted">{spec.description}</div>
        </>
      )}
    />
  );
}
