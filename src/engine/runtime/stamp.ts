/**
 * Makes events: each gets its id, sequence number, correlation and causation (from its cause),
 * simulated time, source and trade id. Ids come from a per-run counter, so the same run makes the
 * same ids.
 */
import type { BarSeries } from '../data/bars';
import type { AnyEvent, BarEvent, EventType, PayloadByType } from '../events';
import { TradeTracker } from './trades';

export class EventStamper {
  seq = 0;
  /** Simulated time of the bar step being processed. */
  time = Number.NaN;
  readonly trades = new TradeTracker();

  reset(): void {
    this.seq = 0;
    this.time = Number.NaN;
    this.trades.clear();
  }

  make<T extends EventType>(
    type: T,
    payload: PayloadByType[T],
    source: string,
    cause: AnyEvent | null,
  ): AnyEvent {
    const eventSeq = ++this.seq;
    const eventId = `e${eventSeq}`;
    // The payload object becomes the event (emit takes ownership): stamping it in place is three
    // times faster than copying it. A frozen payload (an event passed back in) is copied first.
    const event = (Object.isFrozen(payload) ? { ...payload } : payload) as unknown as Record<
      string,
      unknown
    >;
    event.type = type;
    event.event_id = eventId;
    event.correlation_id = cause ? cause.correlation_id : eventId;
    event.causation_id = cause ? cause.event_id : null;
    event.timestamp = this.time;
    event.source = source;
    event.seq = eventSeq;
    event.trade_id = this.trades.stamp(type, event, cause);
    return Object.freeze(event) as unknown as AnyEvent;
  }

  /** Bars are the hottest root event: built as one literal, which V8 makes 3x faster than a spread. */
  bar(series: BarSeries, index: number, source: string): BarEvent {
    const eventSeq = ++this.seq;
    const eventId = `e${eventSeq}`;
    return Object.freeze({
      type: 'BarEvent' as const,
      event_id: eventId,
      correlation_id: eventId,
      causation_id: null,
      timestamp: this.time,
      source,
      seq: eventSeq,
      trade_id: null,
      symbol: series.symbol,
      open: series.open[index]!,
      high: series.high[index]!,
      low: series.low[index]!,
      close: series.close[index]!,
      volume: series.volume[index]!,
      bar_index: index,
    });
  }
}
