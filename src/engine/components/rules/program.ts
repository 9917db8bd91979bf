/**
 * The rule expressions of a container, compiled for the engine. The flow layer has already checked
 * every name against the flow (src/flow/expressions.ts); here a name is a bar field, a state name
 * (strategies only) or else an indicator upstream.
 */
import {
  BAR_FIELDS,
  type BarField,
  bindExpression,
  parseExpression,
  type SeriesProgram,
  STATE_NAMES,
  type StateName,
} from '../../condition';
import type { FeatureRef } from '../features';

export function compileRule(source: string, scope: 'strategy' | 'indicator'): SeriesProgram {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(`Expression "${source}" does not parse: ${parsed.error.message}`);
  const bound = bindExpression(parsed.condition, (name, output) => {
    if ((BAR_FIELDS as readonly string[]).includes(name))
      return output === null
        ? { kind: 'bar', field: name as BarField }
        : { error: `${name} has no outputs` };
    if (scope === 'strategy' && (STATE_NAMES as readonly string[]).includes(name))
      return output === null
        ? { kind: 'state', name: name as StateName }
        : { error: `${name} has no outputs` };
    return { kind: 'feature', name, output };
  });
  if (!bound.ok) throw new Error(`Expression "${source}": ${bound.error.message}`);
  return bound.program;
}

/** Every indicator output the programs read, each once, as the feature join wants them. */
export function featuresOf(programs: readonly SeriesProgram[]): FeatureRef[] {
  const refs = new Map<string, FeatureRef>();
  for (const program of programs)
    for (const use of program.features) refs.set(`${use.name}.${use.output}`, use);
  return [...refs.values()];
}

export const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
