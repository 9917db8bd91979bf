/**
 * A dialog to find one thing by typing and take it with Enter, as VS Code's quick pick: the field
 * has the focus as soon as it opens, arrows move through the matches, a click takes one.
 * Quick-add and the command palette are both this.
 */
import { type ReactNode, useId, useMemo, useState } from 'react';
import { Dialog } from './Dialog';

interface SearchDialogProps<T> {
  readonly title: string;
  readonly open: boolean;
  readonly onClose: () => void;
  readonly inputLabel: string;
  readonly placeholder: string;
  readonly search: (query: string) => readonly T[];
  readonly keyOf: (item: T) => string;
  readonly render: (item: T) => ReactNode;
  readonly disabled?: (item: T) => boolean;
  readonly onPick: (item: T) => void;
  readonly empty: (query: string) => ReactNode;
}

export function SearchDialog<T>(props: SearchDialogProps<T>) {
  // The dialog renders its body only while open: each opening starts a fresh search.
  return (
    <Dialog title={props.title} open={props.open} onClose={props.onClose}>
      <SearchBody {...props} />
    </Dialog>
  );
}

function SearchBody<T>({
  title,
  onClose,
  inputLabel,
  placeholder,
  search,
  keyOf,
  render,
  disabled,
  onPick,
  empty,
}: SearchDialogProps<T>) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const id = useId();
  const found = useMemo(() => search(query), [search, query]);
  const optionId = (i: number) => `${id}-option-${i}`;
  const take = (item: T | undefined) => {
    if (item === undefined || disabled?.(item)) return;
    onPick(item);
  };
  return (
    <>
      <input
        type="text"
        className="search-input"
        aria-label={inputLabel}
        role="combobox"
        aria-expanded
        aria-controls={`${id}-results`}
        aria-activedescendant={found[index] !== undefined ? optionId(index) : undefined}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        data-autofocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setIndex(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setIndex((i) => Math.min(found.length - 1, i + 1));
          else if (event.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
          else if (event.key === 'Enter') take(found[index]);
          // One Escape closes (a search field's own Escape would first only clear it).
          else if (event.key === 'Escape') onClose();
          else return;
          event.preventDefault();
        }}
      />
      <div id={`${id}-results`} className="search-results" role="listbox" aria-label={title}>
        {found.map((item, i) => (
          <div
            key={keyOf(item)}
            id={optionId(i)}
            role="option"
            tabIndex={-1}
            aria-selected={i === index}
            aria-disabled={disabled?.(item) || undefined}
            className={i === index ? 'active' : ''}
            onMouseMove={() => i !== index && setIndex(i)}
            onMouseDown={(event) => {
              event.preventDefault();
              take(item);
            }}
            onKeyDown={(event) => event.key === 'Enter' && take(item)}
          >
            {render(item)}
          </div>
        ))}
        {found.length === 0 && <p className="search-empty">{empty(query)}</p>}
      </div>
    </>
  );
}
