/** One line per event for the log: what a trader wants to read, computed where the event lives. */
import type { AnyEvent } from '../engine';

// toFixed, not toLocaleString: the latter costs microseconds, and a fast run formats thousands
// of lines a second.
const price = (value: number | null) => (value === null ? '' : String(+value.toFixed(4)));

export function summarise(event: AnyEvent): string {
  switch (event.type) {
    case 'BarEvent':
      return `O ${price(event.open)} H ${price(event.high)} L ${price(event.low)} C ${price(event.close)} V ${price(event.volume)}`;
    case 'IndicatorEvent':
      return `${event.indicator_name} = ${price(event.value)}`;
    case 'TradingSignal':
      return `${event.action} strength ${event.strength.toFixed(2)} at ${price(event.price)} (${event.strategy_id}${event.regime_context ? `, ${event.regime_context}` : ''})`;
    case 'OrderEvent':
      return `${event.side} ${event.quantity} ${event.order_type}${event.price === null ? '' : ` @ ${price(event.price)}`} (${event.reason})`;
    case 'FillEvent':
      return `${event.side} ${event.quantity} @ ${price(event.price)}, commission ${price(event.commission)} (${event.reason})`;
    case 'PortfolioUpdateEvent':
      return `equity ${price(event.total_value)}, cash ${price(event.cash)}`;
    case 'ClassificationEvent':
      return `${event.classifier}: ${event.previous_regime ?? '—'} → ${event.regime}`;
    case 'SignalRejected':
      return `rejected ${event.strategy_id}: ${event.reason}`;
    case 'OrderCancelled':
      return `cancelled ${event.order_id}: ${event.reason}`;
    case 'BreakerStateChanged':
      return `${event.container} breaker ${event.previous.replace('_', '-')} → ${event.state.replace('_', '-')}: ${event.reason}${event.rejected > 0 ? ` (${event.rejected} refused while open)` : ''}`;
  }
}

/** The symbol an event is about, or '' for portfolio-wide events. */
export function symbolOf(event: AnyEvent): string {
  return 'symbol' in event ? event.symbol : '';
}
