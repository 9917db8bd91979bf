/**
 * The chain of one correlation id: bar, indicators, signal, order, fill, each with its container,
 * simulated time and the latency of each stage; the path is lit on the canvas meanwhile.
 */
import { formatTime } from './format';
import { useRun } from './runStore';

// Browsers coarsen performance.now() (to 100 µs in a worker without cross-origin isolation), so
// a stage faster than that reads as zero.
const ms = (value: number | null) =>
  value === null
    ? '—'
    : value === 0
      ? '< 0.1 ms'
      : value < 1
        ? `${(value * 1000).toFixed(0)} µs`
        : `${value.toFixed(2)} ms`;

function simulated(value: number): string {
  if (value === 0) return 'same bar';
  const days = value / 86_400_000;
  if (days >= 1) return `${days.toFixed(days % 1 === 0 ? 0 : 2)} day${days === 1 ? '' : 's'}`;
  const minutes = value / 60_000;
  return minutes >= 1 ? `${minutes.toFixed(0)} min` : `${value} ms`;
}

export function TraceView() {
  const trace = useRun((state) => state.trace);
  const clearTrace = useRun((state) => state.clearTrace);
  if (!trace) {
    return (
      <p className="hint" data-testid="trace-empty">
        Click a fill on the chart, a trade in the results, or any entry in the event log to see its
        chain from the bar to the fill.
      </p>
    );
  }
  if (!trace.trace) {
    return (
      <div className="trace-view">
        <p className="hint">
          No chain is kept for correlation {trace.correlationId}: correlation tracking is off in
          this flow, or the chain held only bars and indicators and was among the oldest dropped.
        </p>
        <button type="button" onClick={clearTrace}>
          Close trace
        </button>
      </div>
    );
  }
  const { chain, stages } = trace.trace;
  return (
    <section className="trace-view" aria-label="Trace" data-testid="trace-view">
      <header className="trace-head">
        <h3>
          Trace <code>{trace.correlationId}</code>
        </h3>
        <span>{chain.length} events · path lit on the canvas</span>
        <button type="button" onClick={clearTrace}>
          Close trace
        </button>
      </header>
      <ol className="trace-chain">
        {chain.map((link, index) => (
          <li key={link.event.event_id} className={`trace-step type-${link.event.type}`}>
            <span className="trace-type">{link.event.type}</span>
            <span className="trace-container">{link.event.source}</span>
            <span className="trace-time">{formatTime(link.event.timestamp)}</span>
            <span className="trace-summary">{trace.summaries[index]}</span>
            <span className="trace-ids">
              {link.event.event_id}
              {link.event.causation_id ? ` ← ${link.event.causation_id}` : ' (root)'}
            </span>
          </li>
        ))}
      </ol>
      <table className="trace-stages">
        <caption>Latency of each stage</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Containers</th>
            <th scope="col">Simulated</th>
            <th scope="col">Processing</th>
          </tr>
        </thead>
        <tbody>
          {stages.map((stage, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a trace's stages never reorder.
            <tr key={index}>
              <td>
                {stage.from} → {stage.to}
              </td>
              <td>
                {stage.from_container} → {stage.to_container}
              </td>
              <td>{simulated(stage.simulated_ms)}</td>
              <td>{ms(stage.processing_ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
