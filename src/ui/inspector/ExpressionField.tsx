/**
 * A rule expression's field: typed as text, checked as you type against the names upstream, with
 * completion (arrows, Enter or Tab; Ctrl+Space opens it), the help of the name at the caret, and a
 * preview where each name explains itself on hover and a problem is underlined at its column.
 * A valid expression applies at once; one with a problem applies when the field loses focus, so
 * nothing typed is lost, and the flow shows the problem until it is fixed.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { checkExpression, type ExpressionScope, type ParamSpec, vocabulary } from '../../flow';
import { complete, insertion, tokens, wordAt } from './expressionText';

type ExpressionSpec = Extract<ParamSpec, { type: 'expression' }>;

interface ExpressionFieldProps {
  readonly name: string;
  readonly spec: ExpressionSpec;
  readonly value: string;
  readonly scope: ExpressionScope | null;
  readonly onChange: (value: string) => void;
}

const KIND_LABEL = {
  field: 'bar',
  indicator: 'indicator',
  output: 'output',
  state: 'state',
  function: 'function',
} as const;

export function ExpressionField({ name, spec, value, scope, onChange }: ExpressionFieldProps) {
  const id = useId();
  const listId = `${id}-list`;
  const [draft, setDraft] = useState(value);
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLTextAreaElement>(null);
  /** Where the caret goes once an accepted completion is in the field. */
  const caretAfterAccept = useRef<number | null>(null);
  useEffect(() => setDraft(value), [value]);
  // Placed as the accepted text is drawn, before the next key is handled. (Placed a frame later,
  // on a slow machine it moved the caret back after keys typed meanwhile: "SMA_50R".)
  useLayoutEffect(() => {
    const at = caretAfterAccept.current;
    if (at === null) return;
    caretAfterAccept.current = null;
    input.current?.setSelectionRange(at, at);
  });

  const words = useMemo(() => (scope ? vocabulary(scope) : []), [scope]);
  const check = useMemo(() => {
    if (draft.trim() === '')
      return spec.optional
        ? null
        : { ok: false as const, message: 'An expression is needed', start: 0, end: 0 };
    if (!scope) return null;
    const result = checkExpression(draft, scope);
    return result.ok ? null : result;
  }, [draft, scope, spec.optional]);
  const { word, start } = wordAt(draft, caret);
  const suggestions = open ? complete(words, word) : [];
  const shown = Math.min(active, Math.max(0, suggestions.length - 1));
  const atCaret = useMemo(() => {
    const base = wordAt(draft, caret).word.replace(/\.$/, '');
    const full = /^[A-Za-z0-9_.]*/.exec(draft.slice(caret))?.[0] ?? '';
    const name = base + full;
    return words.find((w) => w.name === name) ?? words.find((w) => w.name === name.split('.')[0]);
  }, [draft, caret, words]);

  const update = (text: string, at: number) => {
    setDraft(text);
    setCaret(at);
    if (text.trim() === '' ? spec.optional : scope && checkExpression(text, scope).ok)
      onChange(text);
  };
  const accept = (index: number) => {
    const entry = suggestions[index];
    if (!entry) return;
    const inserted = insertion(entry);
    const text = draft.slice(0, start) + inserted + draft.slice(caret);
    const at = start + inserted.length;
    caretAfterAccept.current = at;
    update(text, at);
    setOpen(false);
  };

  const hint = `${id}-hint`;
  return (
    <div className={`field expression-field${check ? ' invalid' : ''}`} data-param={name}>
      <label htmlFor={id} title={spec.description}>
        {spec.label}
      </label>
      <div className="expression-box">
        <textarea
          id={id}
          ref={input}
          rows={2}
          spellCheck={false}
          autoComplete="off"
          value={draft}
          placeholder={spec.placeholder}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-activedescendant={suggestions.length > 0 ? `${listId}-${shown}` : undefined}
          aria-invalid={check !== null}
          aria-describedby={hint}
          onChange={(event) => {
            update(event.target.value, event.target.selectionStart);
            setOpen(true);
            setActive(0);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onBlur={() => {
            setOpen(false);
            // Keep what was typed even with a problem: the flow then shows the problem.
            if (draft !== value) onChange(draft);
          }}
          onKeyDown={(event) => {
            if (event.key === ' ' && event.ctrlKey) {
              event.preventDefault();
              setOpen(true);
              return;
            }
            if (suggestions.length > 0) {
              if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                const step = event.key === 'ArrowDown' ? 1 : -1;
                setActive((shown + step + suggestions.length) % suggestions.length);
                return;
              }
              if (event.key === 'Enter' || event.key === 'Tab') {
                event.preventDefault();
                accept(shown);
                return;
              }
              if (event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                setOpen(false);
                return;
              }
            }
            // An expression is one line: Enter applies it rather than breaking it.
            if (event.key === 'Enter') {
              event.preventDefault();
              if (draft !== value) onChange(draft);
            }
          }}
        />
        {suggestions.length > 0 && (
          <div
            className="expression-suggestions"
            role="listbox"
            id={listId}
            aria-label="Suggestions"
          >
            {suggestions.map((entry, index) => (
              <div
                key={entry.name}
                id={`${listId}-${index}`}
                role="option"
                tabIndex={-1}
                aria-selected={index === shown}
                className={index === shown ? 'active' : ''}
                onMouseDown={(event) => {
                  event.preventDefault();
                  accept(index);
                }}
              >
                <span className={`expression-kind ${entry.kind}`}>{KIND_LABEL[entry.kind]}</span>
                <code>{entry.name}</code>
                <span className="muted">{entry.detail}</span>
              </div>
            ))}
          </div>
        )}
      </div>
      <div className="expression-preview" aria-hidden="true" data-testid={`preview-${name}`}>
        {tokens(draft, words).map((token) => {
          const wrong =
            check !== null &&
            token.kind !== 'space' &&
            token.start < Math.max(check.end, check.start + 1) &&
            token.start + token.text.length > check.start;
          return (
            <span
              key={token.start}
              className={`tok ${token.entry ? `tok-${token.entry.kind}` : `tok-${token.kind}`}${wrong ? ' tok-error' : ''}`}
              title={token.entry ? `${token.entry.detail} — ${token.entry.doc}` : undefined}
            >
              {token.text}
            </span>
          );
        })}
      </div>
      <small
        id={hint}
        className={check ? 'field-error' : 'muted'}
        role={check ? 'alert' : undefined}
      >
        {check
          ? `Column ${check.start + 1}: ${check.message}`
          : atCaret
            ? `${atCaret.detail} — ${atCaret.doc}`
            : spec.description}
      </small>
    </div>
  );
}
