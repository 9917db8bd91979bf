/**
 * A grid flow's cells as plain flows. (Turning a parameter into a grid, and keeping the strategies
 * that read its indicator wired, is param-edits.ts.)
 */
import { applyEdit } from './apply';
import type { Cell } from './grid';

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
