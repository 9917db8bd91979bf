/**
 * A walk-forward's report: each window's best in-sample cell with its in-sample and
 * out-of-sample figures side by side, the stitched out-of-sample equity, and its figures beside
 * the in-sample means.
 */
import { describeCell } from '../../flow';
import type { WalkForwardReport } from '../../sweep/walkforward';
import { formatMetric, openCellValues } from './format';

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export function WalkForwardView({ report, flow }: { report: WalkForwardReport; flow: string }) {
  const o = report.outOfSample;
  const metric = report.metric;
  return (
    <div className="walk-forward">
      <p data-testid="walk-summary">
        <strong>Stitched out of sample:</strong> return{' '}
        {formatMetric('total_return', o?.total_return)}, CAGR {formatMetric('cagr', o?.cagr)},
        Sharpe {formatMetric('sharpe', o?.sharpe)}, max drawdown{' '}
        {formatMetric('max_drawdown', o?.max_drawdown)}, {o?.trades ?? 0} trades. Mean {metric}: in
        sample {formatMetric(metric, report.meanInSample)}, out of sample{' '}
        {formatMetric(metric, report.meanOutOfSample)}; efficiency (out-of-sample CAGR / in-sample
        CAGR) {formatMetric('sharpe', report.efficiency)}.
      </p>
      <EquityLine time={report.time} equity={report.equity} />
      <div className="table-scroll">
        <table aria-label="Walk-forward windows">
          <thead>
            <tr>
              <th scope="col">Window</th>
              <th scope="col">In sample</th>
              <th scope="col">Out of sample</th>
              <th scope="col">Best in sample</th>
              <th scope="col">{metric} in</th>
              <th scope="col">{metric} out</th>
              <th scope="col">Return in</th>
              <th scope="col">Return out</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {report.windows.map((w) => (
              <tr key={w.window.index}>
                <td>{w.window.index + 1}</td>
                <td>
                  {day(w.window.inSample.from)} – {day(w.window.inSample.to - 1)}
                </td>
                <td>
                  {day(w.window.outOfSample.from)} – {day(w.window.outOfSample.to - 1)}
                </td>
                <td>{w.best ? describeCell(w.best) : (w.error ?? '—')}</td>
                <td className="num">
                  {formatMetric(metric, w.inSample?.[metric] as number | undefined)}
                </td>
                <td className="num">
                  {formatMetric(metric, w.outOfSample?.[metric] as number | undefined)}
                </td>
                <td className="num">{formatMetric('total_return', w.inSample?.total_return)}</td>
                <td className="num">{formatMetric('total_return', w.outOfSample?.total_return)}</td>
                <td>
                  {w.best && (
                    <button
                      type="button"
                      className="link"
                      onClick={() => openCellValues(flow, w.window.index, w.best!)}
                    >
                      Open
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function EquityLine({ time, equity }: { time: readonly number[]; equity: readonly number[] }) {
  if (equity.length < 2) return null;
  const width = 640;
  const height = 160;
  const step = Math.max(1, Math.floor(equity.length / 600));
  // Loops, not Math.min(...equity): spreading a long stitched curve overflows the call stack.
  const min = equity.reduce((low, value) => Math.min(low, value), Infinity);
  const max = equity.reduce((high, value) => Math.max(high, value), -Infinity);
  const points: string[] = [];
  for (let i = 0; i < equity.length; i += step)
    points.push(
      `${(i / (equity.length - 1)) * (width - 10) + 5},${height - 10 - ((equity[i]! - min) / (max - min || 1)) * (height - 20)}`,
    );
  return (
    <figure className="metric-line">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Stitched out-of-sample equity">
        <polyline points={points.join(' ')} className="series" />
      </svg>
      <figcaption className="muted">
        Stitched out-of-sample equity, {day(time[0]!)} – {day(time.at(-1)!)}:{' '}
        {formatMetric('final_equity', equity[0])} to {formatMetric('final_equity', equity.at(-1))}
      </figcaption>
    </figure>
  );
}
