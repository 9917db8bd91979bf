/**
 * A field for an expression of the event condition language (a route's filter, an enrichment's
 * value): checked as it is typed, the problem shown at its column; a valid one applies at once,
 * one with a problem is kept in the field and not applied.
 */
import { useEffect, useId, useState } from 'react';
import { type ParamSpec, parseCondition } from '../../flow';

export function ConditionField({
  name,
  spec,
  value,
  onChange,
  label = spec.label,
  onRemove,
}: {
  readonly name: string;
  readonly spec: Pick<ParamSpec, 'label' | 'description'>;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly label?: string;
  readonly onRemove?: () => void;
}) {
  const id = useId();
  const hint = `${id}-hint`;
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const parsed = parseCondition(draft);
  const problem = parsed.ok ? null : `Column ${parsed.error.start + 1}: ${parsed.error.message}`;
  return (
    <div className={`field condition-field${problem ? ' invalid' : ''}`} data-param={name}>
      <label htmlFor={id} title={spec.description}>
        {label}
      </label>
      <div className="filter-row">
        <input
          id={id}
          type="text"
          value={draft}
          spellCheck={false}
          aria-invalid={problem !== null}
          aria-describedby={hint}
          onChange={(event) => {
            const text = event.target.value;
            setDraft(text);
            if (parseCondition(text).ok) onChange(text);
          }}
        />
        {onRemove && (
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${label.toLowerCase()}`}
            onClick={onRemove}
          >
            ✕
          </button>
        )}
      </div>
      <small
        id={hint}
        className={problem ? 'field-error' : 'muted'}
        role={problem ? 'alert' : undefined}
      >
        {problem ?? spec.description}
      </small>
    </div>
  );
}
