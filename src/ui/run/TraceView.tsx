/**
 * The chain of one correlation id: bar, indicators, signal, order, fill, each with its container,
 * simulated time, what befell its deliveries (failures, retries, dead letters) and the latency of
 * each stage; or a whole trade: its entry chain, the bars it was held, its exit chain. The path is
 * lit on the canvas meanwhile.
 */
import type { Trace, TraceDelivery } from '../../engine';
import { formatTime } from './format';
import { type TraceView as TraceState, useRun } from './runStore';
import '../eventSystem.css';

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

const OUTCOME: Readonly<Record<TraceDelivery['outcome'], string>> = {
  failed: '✕ failed',
  retry_scheduled: '↻ retry',
  delivered_after_retry: '✓ delivered',
  dead_lettered: '☠ dead letter',
};

/** The events of a chain, each with what befell its deliveries. */
function Chain({ trace, summaries }: { trace: Trace; summaries: readonly string[] }) {
  const byEvent = new Map<string, TraceDelivery[]>();
  for (const delivery of trace.deliveries)
    byEvent.set(delivery.event_id, [...(byEvent.get(delivery.event_id) ?? []), delivery]);
  return (
    <ol className="trace-chain">
      {trace.chain.map((link, index) => (
        <li key={link.event.event_id} className={`trace-step type-${link.event.type}`}>
          <span className="trace-type">{link.event.type}</span>
          <span className="trace-container">{link.event.source}</span>
          <span className="trace-time">{formatTime(link.event.timestamp)}</span>
          <span className="trace-summary">{summaries[index]}</span>
          <span className="trace-ids">
            {link.event.event_id}
            {link.event.causation_id ? ` ← ${link.event.causation_id}` : ' (root)'}
            {link.event.trade_id ? ` · ${link.event.trade_id}` : ''}
          </span>
          {(byEvent.get(link.event.event_id) ?? []).map((delivery, n) => (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: a delivery's notes never reorder.
              key={n}
              className={`trace-delivery ${delivery.outcome}`}
              data-testid="trace-delivery"
            >
              {OUTCOME[delivery.outcome]} at {delivery.container}, attempt {delivery.attempt} (bar{' '}
              {delivery.bar + 1}): {delivery.detail}
            </span>
          ))}
        </li>
      ))}
    </ol>
  );
}

function Stages({ trace }: { trace: Trace }) {
  return (
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
        {trace.stages.map((stage, index) => (
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
  );
}

/** A whole trade: entry chain, the bars held, exit chain (and any other chain it ran through). */
function TradeView({ trade }: { trade: NonNullable<TraceState['trade']> }) {
  const clearTrace = useRun((state) => state.clearTrace);
  const whole = trade.trace;
  const head = (
    <header className="trace-head">
      <h3>
        Trade <code>{trade.id}</code>
      </h3>
      {whole && <span>{whole.chains.length} chains · path lit on the canvas</span>}
      <button type="button" onClick={clearTrace}>
        Close trace
      </button>
    </header>
  );
  if (!whole || whole.chains.length === 0) {
    return (
      <section className="trace-view" aria-label="Trade trace" data-testid="trade-trace">
        {head}
        <p className="hint">
          No chain is kept for trade {trade.id}: correlation tracking is off in this flow, or its
          chains were among the oldest dropped.
        </p>
      </section>
    );
  }
  const held =
    whole.opened_bar !== null
      ? whole.closed_bar !== null
        ? `Held ${whole.closed_bar - whole.opened_bar} bars: from ${formatTime(whole.opened_time!)} to ${formatTime(whole.closed_time!)}`
        : `Open since ${formatTime(whole.opened_time!)} (bar ${whole.opened_bar + 1}): no exit yet`
      : 'Never filled';
  const last = whole.chains.length - 1;
  const title = (index: number) =>
    index === 0 ? 'Entry' : index === last && whole.closed_bar !== null ? 'Exit' : 'Then';
  return (
    <section className="trace-view" aria-label="Trade trace" data-testid="trade-trace">
      {head}
      {whole.chains.map((chain, index) => (
        <div key={chain.correlation_id} className="trace-trade-section">
          <h4>
            {title(index)} <code>{chain.correlation_id}</code>
          </h4>
          <Chain trace={chain} summaries={trade.summaries[index] ?? []} />
          {index === 0 && (
            <p className="trace-held" data-testid="trade-held">
              {held}
            </p>
          )}
        </div>
      ))}
      {whole.missing > 0 && (
        <p className="hint">
          {whole.missing} more chain{whole.missing === 1 ? '' : 's'} of this trade are no longer
          kept (the oldest are dropped).
        </p>
      )}
    </section>
  );
}

export function TraceView() {
  const trace = useRun((state) => state.trace);
  const clearTrace = useRun((state) => state.clearTrace);
  const traceTrade = useRun((state) => state.traceTrade);
  if (!trace) {
    return (
      <p className="hint" data-testid="trace-empty">
        Click a fill on the chart, a trade in the results, a dead letter or any entry in the event
        log to see its chain from the bar to the fill.
      </p>
    );
  }
  if (trace.trade) return <TradeView trade={trace.trade} />;
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
  const chain = trace.trace;
  const trades = [
    ...new Set(chain.chain.flatMap((link) => (link.event.trade_id ? [link.event.trade_id] : []))),
  ];
  return (
    <section className="trace-view" aria-label="Trace" data-testid="trace-view">
      <header className="trace-head">
        <h3>
          Trace <code>{trace.correlationId}</code>
        </h3>
        <span>{chain.chain.length} events · path lit on the canvas</span>
        {trades.map((id) => (
          <button key={id} type="button" onClick={() => traceTrade(id)}>
            Whole trade {id}
          </button>
        ))}
        <button type="button" onClick={clearTrace}>
          Close trace
        </button>
      </header>
      <Chain trace={chain} summaries={trace.summaries} />
      <Stages trace={chain} />
    </section>
  );
}
