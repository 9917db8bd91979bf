/**
 * A parameter change from the inspector, and what it takes to keep the flow wired. When the
 * parameter makes up an indicator's name (an SMA's period: SMA_10, or its `name`), the strategies
 * that read the indicator by that name would be left naming nothing, so their references are
 * rewritten in the same step (and so the same undo):
 * - a feature parameter (`fast: SMA_10`) reads the new name (`SMA_12`); when the period is swept
 *   (the name changes from run to run), or the new name is another indicator's too, it reads the
 *   indicator by its container (`fast: sma_fast`), which no period changes;
 * - a rule expression (`close > SMA_10`) names the new indicator where it named the old one.
 * A name two indicators share before the change is left alone: which one a reference meant
 * cannot be told.
 */
import { indicatorName, parseFeatureRef } from '../engine/components/features';
import { parseExpression } from '../engine/condition';
import { findComponent } from './catalogue';
import type { FlowEdit } from './edits';
import { isGridValue } from './grid';
import type { FlowModel } from './model';

export function paramEdits(
  model: FlowModel,
  container: string,
  param: string,
  value: unknown,
): FlowEdit[] {
  const edits: FlowEdit[] = [{ type: 'setParam', container, param, value }];
  const target = model.containers.find((c) => c.name === container);
  const spec = target?.component ? findComponent(target.component) : undefined;
  const paramSpec = spec?.params[param];
  if (!target || !spec || spec.kind !== 'indicator' || !paramSpec) return edits;
  const oldName = indicatorName(spec, target.params);
  const swept = isGridValue(paramSpec, value);
  const newName = swept ? null : indicatorName(spec, { ...target.params, [param]: value });
  if (oldName === newName) return edits;
  // Swept: the name depends on the run; otherwise a name only changes with a parameter in it.
  if (swept && !(spec.nameTemplate ?? '').includes(`{${param}}`)) return edits;
  if (swept && typeof target.params.name === 'string' && target.params.name !== '') return edits;

  const others = new Map<string, string[]>();
  for (const other of model.containers) {
    const otherSpec = other.component ? findComponent(other.component) : undefined;
    if (other.name === container || otherSpec?.kind !== 'indicator') continue;
    const name = indicatorName(otherSpec, other.params);
    others.set(name, [...(others.get(name) ?? []), other.name]);
  }
  if (others.has(oldName)) return edits;
  const byContainer = newName === null || others.has(newName);

  for (const other of model.containers) {
    const otherSpec = other.component ? findComponent(other.component) : undefined;
    if (!otherSpec || other.name === container) continue;
    for (const [key, spec] of Object.entries(otherSpec.params)) {
      const written = other.params[key];
      if (typeof written !== 'string') continue;
      let rewritten: string | null = null;
      if (spec.type === 'feature') {
        const ref = parseFeatureRef(written);
        if (ref.name !== oldName) continue;
        const name = byContainer ? container : newName!;
        rewritten = ref.output === null ? name : `${name}.${ref.output}`;
      } else if (spec.type === 'expression' && newName !== null) {
        rewritten = renameInExpression(written, oldName, newName);
      }
      if (rewritten !== null && rewritten !== written)
        edits.push({ type: 'setParam', container: other.name, param: key, value: rewritten });
    }
  }
  return edits;
}

/**
 * An expression with every use of the indicator `from` naming `to` instead (`SMA_10[1]`,
 * `MACD_12_26_9.signal` and calls included); quoted text, outputs after a dot and the rest of the
 * text, spacing and all, as written. Null when the expression cannot be read (nothing is touched).
 */
export function renameInExpression(source: string, from: string, to: string): string | null {
  if (!source.includes(from)) return source;
  if (!parseExpression(source).ok) return null;
  let out = '';
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    let end = i + 1;
    if (char === '"' || char === "'") {
      while (end < source.length && source[end] !== char) end += source[end] === '\\' ? 2 : 1;
      end = Math.min(end + 1, source.length);
    } else if (/[A-Za-z0-9_$]/.test(char)) {
      while (end < source.length && /[A-Za-z0-9_$]/.test(source[end]!)) end++;
      const word = source.slice(i, end);
      const afterDot = /\.\s*$/.test(out);
      if (word === from && !afterDot && !/[0-9]/.test(char)) {
        out += to;
        i = end;
        continue;
      }
    }
    out += source.slice(i, end);
    i = end;
  }
  return out;
}
