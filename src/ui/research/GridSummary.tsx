/** Under the YAML editor: how many runs the flow's grid expands to, and how it is made up. */
import { useFlow } from '../store/instance';

export function GridSummary() {
  const grid = useFlow((state) => state.model?.grid ?? null);
  if (!grid) return null;
  const over = grid.runs > grid.settings.max_runs;
  const parts = grid.axes.map((axis) => `${axis.key} ${axis.values.length}`).join(' × ');
  const removed = grid.total - grid.runs;
  return (
    <div
      className={`grid-summary${over ? ' over' : ''}`}
      role="status"
      data-testid="grid-summary"
      title={grid.axes.map((axis) => `${axis.key}: ${axis.label}`).join('\n')}
    >
      <strong>
        Sweep: {grid.runs.toLocaleString('en-US')} run{grid.runs === 1 ? '' : 's'}
      </strong>{' '}
      <span className="muted">
        ({parts}
        {removed > 0 && grid.exact
          ? `; ${removed.toLocaleString('en-US')} left out by constraints`
          : ''}
        {grid.exact ? '' : '; before constraints'})
      </span>
      {over && (
        <span className="field-error">
          {' '}
          above the limit of {grid.settings.max_runs.toLocaleString('en-US')}
        </span>
      )}
    </div>
  );
}
