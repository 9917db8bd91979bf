/**
 * One parameter's control, generated from its catalogue description: numbers with their range,
 * enums as choices, features as the indicators upstream, tiers as a small table. A value outside
 * the range is shown as an error and not applied; a valid one applies at once.
 */
import { useEffect, useId, useState } from 'react';
import type { AvailableFeature, ExpressionScope, ParamSpec } from '../../flow';
import { ConditionField } from './ConditionField';
import { ExpressionField } from './ExpressionField';

interface ParamFieldProps {
  readonly name: string;
  readonly spec: ParamSpec;
  readonly value: unknown;
  readonly features: readonly AvailableFeature[];
  /** What the container's expressions can name (rule strategies, expression indicators). */
  readonly scope?: ExpressionScope | null;
  readonly onChange: (value: unknown) => void;
}

function numberProblem(spec: ParamSpec, text: string): string | null {
  if (spec.type !== 'integer' && spec.type !== 'number') return null;
  if (text.trim() === '')
    return spec.type === 'integer' && spec.optional ? null : 'A value is needed';
  const value = Number(text);
  if (!Number.isFinite(value)) return 'Not a number';
  if (spec.type === 'integer' && !Number.isInteger(value)) return 'A whole number is needed';
  if (spec.min !== undefined && value < spec.min) return `At least ${spec.min}`;
  if (spec.max !== undefined && value > spec.max) return `At most ${spec.max}`;
  return null;
}

export function ParamField({ name, spec, value, features, scope, onChange }: ParamFieldProps) {
  const id = useId();
  const hint = `${id}-hint`;
  const [draft, setDraft] = useState(String(value ?? ''));
  useEffect(() => setDraft(String(value ?? '')), [value]);
  const label = (
    <label htmlFor={id} title={spec.description}>
      {spec.label}
      {'unit' in spec && spec.unit ? <span className="muted"> ({spec.unit})</span> : null}
    </label>
  );
  switch (spec.type) {
    case 'expression':
      return (
        <ExpressionField
          name={name}
          spec={spec}
          value={String(value ?? '')}
          scope={scope ?? null}
          onChange={onChange}
        />
      );
    case 'integer':
    case 'number': {
      const problem = numberProblem(spec, draft);
      return (
        <div className={`field${problem ? ' invalid' : ''}`} data-param={name}>
          {label}
          <input
            id={id}
            type="number"
            inputMode="decimal"
            value={draft}
            min={spec.min}
            max={spec.max}
            step={spec.type === 'integer' ? 1 : (spec.step ?? 'any')}
            aria-invalid={problem !== null}
            aria-describedby={hint}
            placeholder={spec.type === 'integer' ? spec.emptyMeans : undefined}
            onChange={(event) => {
              const text = event.target.value;
              setDraft(text);
              if (numberProblem(spec, text)) return;
              onChange(text.trim() === '' ? undefined : Number(text));
            }}
          />
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
    case 'boolean':
      return (
        <div className="field checkbox" data-param={name}>
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            aria-describedby={hint}
            onChange={(event) => onChange(event.target.checked)}
          />
          {label}
          <small id={hint} className="muted">
            {spec.description}
          </small>
        </div>
      );
    case 'enum':
      return (
        <div className="field" data-param={name}>
          {label}
          <select
            id={id}
            value={String(value)}
            aria-describedby={hint}
            onChange={(event) => onChange(event.target.value)}
          >
            {spec.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <small id={hint} className="muted">
            {spec.description}
          </small>
        </div>
      );
    case 'feature': {
      const current = String(value ?? '');
      const known = features.some((feature) => feature.reference === current);
      return (
        <div className={`field${known ? '' : ' invalid'}`} data-param={name}>
          {label}
          <select
            id={id}
            value={current}
            aria-describedby={hint}
            aria-invalid={!known}
            onChange={(event) => onChange(event.target.value)}
          >
            {!known && <option value={current}>{current || '(none)'} — not upstream</option>}
            {features.map((feature) => (
              <option key={feature.reference} value={feature.reference}>
                {feature.reference}
                {feature.byContainer ? ` (by container, now ${feature.indicator})` : ''}
                {spec.accepts.includes(feature.component) ? '' : ` (${feature.component})`}
              </option>
            ))}
          </select>
          <small id={hint} className={known ? 'muted' : 'field-error'}>
            {known
              ? spec.description
              : `Connect ${spec.accepts.join(' or ')} upstream, then pick it here`}
          </small>
        </div>
      );
    }
    case 'tiers': {
      const tiers = Array.isArray(value) ? (value as { above: number; rate: number }[]) : [];
      const update = (index: number, key: 'above' | 'rate', text: string) => {
        const number = Number(text);
        if (!Number.isFinite(number) || number < 0) return;
        onChange(tiers.map((tier, i) => (i === index ? { ...tier, [key]: number } : tier)));
      };
      return (
        <fieldset className="field tiers" data-param={name}>
          <legend title={spec.description}>{spec.label}</legend>
          <table>
            <thead>
              <tr>
                <th scope="col">Above</th>
                <th scope="col">Rate %</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tiers.map((tier, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: tiers are edited in place by position.
                <tr key={i}>
                  <td>
                    <input
                      type="number"
                      min={0}
                      aria-label={`Tier ${i + 1} threshold`}
                      defaultValue={tier.above}
                      onChange={(event) => update(i, 'above', event.target.value)}
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      step="any"
                      aria-label={`Tier ${i + 1} rate`}
                      defaultValue={tier.rate}
                      onChange={(event) => update(i, 'rate', event.target.value)}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove tier ${i + 1}`}
                      disabled={tiers.length <= 1}
                      onClick={() => onChange(tiers.filter((_, j) => j !== i))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            onClick={() =>
              onChange([
                ...tiers,
                {
                  above: (tiers.at(-1)?.above ?? 0) * 10 || 10_000,
                  rate: tiers.at(-1)?.rate ?? 0.1,
                },
              ])
            }
          >
            Add tier
          </button>
        </fieldset>
      );
    }
    case 'string': {
      if (spec.syntax === 'condition')
        return (
          <ConditionField name={name} spec={spec} value={String(value ?? '')} onChange={onChange} />
        );
      const problem =
        spec.pattern && !new RegExp(spec.pattern).test(draft)
          ? `Expected ${spec.placeholder ?? spec.pattern}`
          : null;
      return (
        <div className={`field${problem ? ' invalid' : ''}`} data-param={name}>
          {label}
          <input
            id={id}
            type="text"
            value={draft}
            placeholder={spec.placeholder}
            aria-invalid={problem !== null}
            aria-describedby={hint}
            onChange={(event) => {
              setDraft(event.target.value);
              if (!spec.pattern || new RegExp(spec.pattern).test(event.target.value))
                onChange(event.target.value);
            }}
          />
          <small id={hint} className={problem ? 'field-error' : 'muted'}>
            {problem ?? spec.description}
          </small>
        </div>
      );
    }
  }
}
