/**
 * A swept parameter in the inspector: a range (from, to, step) for numbers written as one, the
 * values as a list otherwise, a tick per option for choices; how many values it holds; and the
 * way back to a single value. The YAML holds the grid; each valid change applies at once.
 */
import { useEffect, useId, useState } from 'react';
import type { AvailableFeature, GridAxis, ParamSpec } from '../../flow';

interface GridFieldProps {
  readonly name: string;
  readonly spec: ParamSpec;
  readonly axis: GridAxis;
  readonly features: readonly AvailableFeature[];
  readonly onChange: (value: unknown) => void;
}

const isRange = (written: unknown) =>
  typeof written === 'string' ||
  (typeof written === 'object' && written !== null && !Array.isArray(written));

/** The choices a choice-like parameter offers. */
function optionsOf(spec: ParamSpec, features: readonly AvailableFeature[]): (string | boolean)[] {
  if (spec.type === 'enum') return spec.options.map((option) => option.value);
  if (spec.type === 'boolean') return [false, true];
  if (spec.type === 'feature')
    return features.filter((f) => !f.byContainer).map((feature) => feature.reference);
  return [];
}

export function GridField({ name, spec, axis, features, onChange }: GridFieldProps) {
  const id = useId();
  const count = `${axis.values.length} value${axis.values.length === 1 ? '' : 's'}`;
  const numeric = spec.type === 'integer' || spec.type === 'number';
  return (
    <fieldset className="field grid-field" data-param={name}>
      <legend title={spec.description}>
        {spec.label} <span className="sweep-badge">sweep · {count}</span>
      </legend>
      {numeric && isRange(axis.written) ? (
        <RangeInputs id={id} spec={spec} axis={axis} onChange={onChange} />
      ) : numeric ? (
        <ListInput id={id} spec={spec} axis={axis} onChange={onChange} />
      ) : (
        <fieldset className="grid-options" aria-label={`${spec.label} values to sweep`}>
          {optionsOf(spec, features).map((option) => {
            const checked = axis.values.includes(option);
            return (
              <label key={String(option)} className="checkbox">
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={checked && axis.values.length === 1}
                  onChange={() =>
                    onChange(
                      checked
                        ? axis.values.filter((value) => value !== option)
                        : optionsOf(spec, features).filter(
                            (value) => value === option || axis.values.includes(value),
                          ),
                    )
                  }
                />
                {String(option)}
              </label>
            );
          })}
        </fieldset>
      )}
      <button type="button" className="link" onClick={() => onChange(axis.values[0])}>
        Use one value ({String(axis.values[0])})
      </button>
    </fieldset>
  );
}

interface InputsProps {
  readonly id: string;
  readonly spec: ParamSpec;
  readonly axis: GridAxis;
  readonly onChange: (value: unknown) => void;
}

function RangeInputs({ id, spec, axis, onChange }: InputsProps) {
  const values = axis.values as number[];
  const current = writtenRange(axis.written) ?? {
    from: values[0]!,
    to: values.at(-1)!,
    step: values.length > 1 ? Number((values[1]! - values[0]!).toPrecision(12)) : 1,
  };
  const [draft, setDraft] = useState({
    from: String(current.from),
    to: String(current.to),
    step: String(current.step),
  });
  const key = `${current.from}|${current.to}|${current.step}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the draft follows the flow's grid.
  useEffect(() => {
    setDraft({ from: String(current.from), to: String(current.to), step: String(current.step) });
  }, [key]);
  const numbers = { from: Number(draft.from), to: Number(draft.to), step: Number(draft.step) };
  const problem = rangeProblem(spec, draft, numbers);
  const field = (part: 'from' | 'to' | 'step', label: string) => (
    <label htmlFor={`${id}-${part}`}>
      {label}
      <input
        id={`${id}-${part}`}
        type="number"
        inputMode="decimal"
        value={draft[part]}
        aria-invalid={problem !== null}
        onChange={(event) => {
          const next = { ...draft, [part]: event.target.value };
          setDraft(next);
          const parsed = { from: Number(next.from), to: Number(next.to), step: Number(next.step) };
          if (!rangeProblem(spec, next, parsed)) onChange(parsed);
        }}
      />
    </label>
  );
  return (
    <>
      <div className="grid-range">
        {field('from', 'From')}
        {field('to', 'To')}
        {field('step', 'Step')}
      </div>
      <small className={problem ? 'field-error' : 'muted'} role={problem ? 'alert' : undefined}>
        {problem ?? `${axis.label}: ${values.length} runs of this parameter`}
      </small>
    </>
  );
}

/** The range as the user wrote it (its step survives a range of one value). */
function writtenRange(written: unknown): { from: number; to: number; step: number } | null {
  if (typeof written === 'string') {
    const match = /range\(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*(?:,\s*(-?[\d.]+)\s*)?\)/.exec(written);
    return match
      ? { from: Number(match[1]), to: Number(match[2]), step: Number(match[3] ?? 1) }
      : null;
  }
  if (typeof written !== 'object' || written === null) return null;
  const { from, to, step } = written as Record<string, unknown>;
  if (typeof from !== 'number' || typeof to !== 'number') return null;
  return { from, to, step: typeof step === 'number' ? step : 1 };
}

function rangeProblem(
  spec: ParamSpec,
  draft: Record<'from' | 'to' | 'step', string>,
  numbers: Record<'from' | 'to' | 'step', number>,
): string | null {
  if (Object.values(draft).some((text) => text.trim() === ''))
    return 'From, to and step are needed';
  if (!Object.values(numbers).every(Number.isFinite)) return 'Not a number';
  if (!(numbers.step > 0)) return 'The step must be above 0';
  if (numbers.to < numbers.from) return 'To must not be below from';
  if (spec.type === 'integer' && !Object.values(numbers).every(Number.isInteger))
    return 'Whole numbers only';
  if (spec.type === 'integer' || spec.type === 'number') {
    if (spec.min !== undefined && numbers.from < spec.min) return `At least ${spec.min}`;
    if (spec.max !== undefined && numbers.to > spec.max) return `At most ${spec.max}`;
  }
  return null;
}

function ListInput({ id, spec, axis, onChange }: InputsProps) {
  const text = axis.values.join(', ');
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  const parse = (value: string) =>
    value
      .split(/[,\s]+/)
      .filter((part) => part !== '')
      .map(Number);
  const listed = parse(draft);
  const problem =
    listed.length === 0
      ? 'List at least one value'
      : listed.some((value) => !Number.isFinite(value))
        ? 'Numbers only, separated by commas'
        : spec.type === 'integer' && listed.some((value) => !Number.isInteger(value))
          ? 'Whole numbers only'
          : null;
  return (
    <>
      <label htmlFor={`${id}-list`}>Values</label>
      <input
        id={`${id}-list`}
        type="text"
        value={draft}
        aria-invalid={problem !== null}
        onChange={(event) => {
          setDraft(event.target.value);
          const values = parse(event.target.value);
          if (values.length > 0 && values.every(Number.isFinite)) onChange([...new Set(values)]);
        }}
      />
      <small className={problem ? 'field-error' : 'muted'}>
        {problem ?? 'Values separated by commas'}
      </small>
    </>
  );
}

/** A suggested range around a single value, for "Sweep". */
export function suggestedRange(spec: ParamSpec, value: unknown): unknown {
  if (spec.type === 'integer' || spec.type === 'number') {
    const v = typeof value === 'number' ? value : spec.default;
    const step =
      spec.type === 'integer'
        ? Math.max(1, Math.round(v / 4))
        : Number((Math.abs(v) / 4 || 1).toPrecision(2));
    let to = Number((v + 4 * step).toPrecision(12));
    if (spec.max !== undefined && to > spec.max) to = spec.max;
    return { from: v, to, step };
  }
  if (spec.type === 'boolean') return [value === true, value !== true];
  if (spec.type === 'enum') {
    const others = spec.options.map((o) => o.value).filter((o) => o !== value);
    return [value, ...others.slice(0, 1)];
  }
  return [value];
}
