/**
 * Every component of the catalogue, by kind and, within a kind, by family (oscillators, breakouts,
 * regimes…). A kind folds away with its heading. Search matches ids, names, families, keywords and
 * outputs and lists the best matches first. Drag a component onto the canvas, or pick it with the
 * keyboard (arrows, Enter) to add it at a free spot.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { CATALOGUE, CONTAINER_KINDS, type ComponentSpec, type ContainerKind } from '../../flow';
import { COMPONENT_MIME } from '../canvas/Canvas';
import { search } from './search';

export { matches } from './search';

interface PaletteProps {
  readonly onAdd: (component: string) => void;
}

interface Section {
  readonly kind: ContainerKind;
  readonly total: number;
  readonly groups: readonly { readonly name: string; readonly specs: readonly ComponentSpec[] }[];
}

/**
 * Kinds in palette order, each with its families; while searching, one list per kind, best match
 * first, and the kind holding the best match first.
 */
function sections(found: readonly ComponentSpec[], searching: boolean): Section[] {
  const kinds = searching
    ? [...CONTAINER_KINDS].sort((a, b) => rank(found, a) - rank(found, b))
    : CONTAINER_KINDS;
  return kinds
    .map((kind) => {
      const ofKind = found.filter((spec) => spec.kind === kind);
      const groups = new Map<string, ComponentSpec[]>();
      for (const spec of ofKind) {
        const name = searching ? '' : (spec.group ?? '');
        groups.set(name, [...(groups.get(name) ?? []), spec]);
      }
      return {
        kind,
        total: ofKind.length,
        groups: [...groups].map(([name, specs]) => ({ name, specs })),
      };
    })
    .filter((section) => section.total > 0);
}

const rank = (found: readonly ComponentSpec[], kind: ContainerKind) => {
  const at = found.findIndex((spec) => spec.kind === kind);
  return at < 0 ? Number.POSITIVE_INFINITY : at;
};

function PaletteView({ onAdd }: PaletteProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [folded, setFolded] = useState<ReadonlySet<ContainerKind>>(new Set());
  const list = useRef<HTMLDivElement>(null);
  const searching = query.trim() !== '';
  const found = useMemo(() => search(CATALOGUE, query), [query]);
  const shown = useMemo(() => sections(found, searching), [found, searching]);
  const isOpen = (kind: ContainerKind) => searching || !folded.has(kind);
  // The options in screen order: what the arrows walk through.
  const visible = shown.flatMap((section) =>
    isOpen(section.kind) ? section.groups.flatMap((group) => group.specs) : [],
  );
  const focusItem = (index: number) => {
    const next = Math.max(0, Math.min(visible.length - 1, index));
    setActive(next);
    list.current?.querySelectorAll<HTMLElement>('[role="option"]')[next]?.focus();
  };
  const toggle = (kind: ContainerKind) =>
    setFolded((was) => {
      const next = new Set(was);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  return (
    <aside className="palette" aria-label="Palette">
      <input
        type="search"
        className="palette-search"
        placeholder={`Search ${CATALOGUE.length} components`}
        aria-label="Search components"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            focusItem(0);
          } else if (event.key === 'Enter' && visible[0]) onAdd(visible[0].id);
        }}
      />
      {searching && (
        <div className="palette-count" role="status">
          {found.length === 0
            ? ''
            : `${found.length} match${found.length === 1 ? '' : 'es'}, best first`}
        </div>
      )}
      <div className="palette-list" role="listbox" aria-label="Components" ref={list}>
        {shown.map((section) => (
          <div key={section.kind} role="presentation" className="palette-group">
            <button
              type="button"
              className={`palette-kind kind-${section.kind}`}
              aria-expanded={isOpen(section.kind)}
              aria-label={`${section.kind} (${section.total})`}
              disabled={searching}
              onClick={() => toggle(section.kind)}
            >
              <span aria-hidden="true" className="palette-caret">
                {isOpen(section.kind) ? '▾' : '▸'}
              </span>
              <span>{section.kind}</span>
              <span className="palette-kind-count">{section.total}</span>
            </button>
            {isOpen(section.kind) &&
              section.groups.map((group) => (
                // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox, per ARIA's listbox pattern.
                <div
                  key={group.name}
                  role="group"
                  aria-label={group.name ? `${section.kind}: ${group.name}` : section.kind}
                >
                  {group.name && (
                    <div className="palette-family" role="presentation">
                      {group.name}
                    </div>
                  )}
                  {group.specs.map((spec) => {
                    const index = visible.indexOf(spec);
                    return (
                      <div
                        key={spec.id}
                        role="option"
                        aria-selected={index === active}
                        tabIndex={index === active ? 0 : -1}
                        className={`palette-item kind-${section.kind}`}
                        draggable
                        title={spec.description}
                        data-testid={`palette-${spec.id}`}
                        onDragStart={(event) => {
                          event.dataTransfer.setData(COMPONENT_MIME, spec.id);
                          event.dataTransfer.effectAllowed = 'copy';
                        }}
                        onDoubleClick={() => onAdd(spec.id)}
                        onKeyDown={(event) => {
                          if (event.key === 'Enter' || event.key === ' ') {
                            event.preventDefault();
                            onAdd(spec.id);
                          } else if (event.key === 'ArrowDown') {
                            event.preventDefault();
                            focusItem(index + 1);
                          } else if (event.key === 'ArrowUp') {
                            event.preventDefault();
                            focusItem(index - 1);
                          }
                        }}
                        onFocus={() => setActive(index)}
                      >
                        <span className="palette-label">{spec.label}</span>
                        <span className="palette-id">{spec.id}</span>
                      </div>
                    );
                  })}
                </div>
              ))}
          </div>
        ))}
        {found.length === 0 && <div className="palette-empty">No component matches “{query}”.</div>}
      </div>
    </aside>
  );
}

export const Palette = memo(PaletteView);
