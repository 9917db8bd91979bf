/**
 * Every component of the catalogue, grouped by kind and searchable. Drag one onto the canvas, or
 * pick it with the keyboard (arrows, Enter) to add it at a free spot.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { CATALOGUE, CONTAINER_KINDS, type ComponentSpec } from '../../flow';
import { COMPONENT_MIME } from '../canvas/Canvas';

export function matches(spec: ComponentSpec, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = [spec.id, spec.label, spec.kind, spec.description, ...(spec.keywords ?? [])]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

interface PaletteProps {
  readonly onAdd: (component: string) => void;
}

function PaletteView({ onAdd }: PaletteProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  const found = useMemo(() => CATALOGUE.filter((spec) => matches(spec, query)), [query]);
  const focusItem = (index: number) => {
    const next = Math.max(0, Math.min(found.length - 1, index));
    setActive(next);
    list.current?.querySelectorAll<HTMLElement>('[role="option"]')[next]?.focus();
  };
  return (
    <aside className="palette" aria-label="Palette">
      <input
        type="search"
        className="palette-search"
        placeholder="Search components"
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
          } else if (event.key === 'Enter' && found[0]) onAdd(found[0].id);
        }}
      />
      <div className="palette-list" role="listbox" aria-label="Components" ref={list}>
        {CONTAINER_KINDS.map((kind) => {
          const ofKind = found.filter((spec) => spec.kind === kind);
          if (ofKind.length === 0) return null;
          return (
            <div key={kind} role="presentation" className="palette-group">
              <div className={`palette-kind kind-${kind}`} role="presentation">
                {kind}
              </div>
              {/* biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox, per ARIA's listbox pattern. */}
              <div role="group" aria-label={kind}>
                {ofKind.map((spec) => {
                  const index = found.indexOf(spec);
                  return (
                    <div
                      key={spec.id}
                      role="option"
                      aria-selected={index === active}
                      tabIndex={index === active ? 0 : -1}
                      className={`palette-item kind-${kind}`}
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
            </div>
          );
        })}
        {found.length === 0 && <div className="palette-empty">No component matches “{query}”.</div>}
      </div>
    </aside>
  );
}

export const Palette = memo(PaletteView);
