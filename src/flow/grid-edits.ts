/**
 * Turning a parameter into a grid from the inspector. When the parameter makes up an indicator's
 * name (an SMA's period: SMA_10), that name will change from run to run, so the strategies that
 * read the indicator by name are changed, in the same step, to read it by its container.
 */
import { indicatorName, parseFeatureRef } from '../engine/components/features';
import { applyEdit } from './apply';
import { findComponent } from './catalogue';
import type { FlowEdit } from './edits';
import type { Cell } from './grid';
import type { FlowModel } from './model';

export function sweepParamEdits(
  model: FlowModel,
  container: string,
  param: string,
  value: unknown,
): FlowEdit[] {
  const edits: FlowEdit[] = [{ type: 'setParam', container, param, value }];
  const target = model.containers.find((c) => c.name === container);
  const spec = target?.component ? findComponent(target.component) : undefined;
  if (!target || spec?.kind !== 'indicator') return edits;
  const named = typeof target.params.name === 'string' && target.params.name !== '';
  if (named || !(spec.nameTemplate ?? '').includes(`{${param}}`)) return edits;
  const oldName = indicatorName(spec, target.params);
  for (const other of model.containers) {
    const otherSpec = other.component ? findComponent(other.component) : undefined;
    if (!otherSpec) continue;
    for (const [key, paramSpec] of Object.entries(otherSpec.params)) {
      const reference = other.params[key];
      if (paramSpec.type !== 'feature' || typeof reference !== 'string') continue;
      const ref = parseFeatureRef(reference);
      if (ref.name !== oldName) continue;
      edits.push({
        type: 'setParam',
        container: other.name,
        param: key,
        value: ref.output === null ? container : `${container}.${ref.output}`,
      });
    }
  }
  return edits;
}

/**
 * A grid flow's text with one cell's values written in place of the grids (comments and
 * layout kept): the plain flow of that run, to open in the simulator or run on its own.
 */
export function cellFlowText(text: string, cell: Cell): string {
  let current = text;
  for (const [key, value] of Object.entries(cell)) {
    const dot = key.indexOf('.');
    const result = applyEdit(current, {
      type: 'setParam',
      container: key.slice(0, dot),
      param: key.slice(dot + 1),
      value,
    });
    if (result.ok) current = result.text;
  }
  return current;
}
