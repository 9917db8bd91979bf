/**
 * What a run ends holding, and what the data alone made: the trades still open at the last bar,
 * marked at its close, and each symbol bought at the first close and held (the benchmark).
 */
import type { PortfolioResult } from '../../worker/protocol';
import { number, SignedCell, TraceCell, TraceHeader } from './cells';
import { formatTime } from './format';

export function OpenTrades({ portfolio }: { portfolio: PortfolioResult }) {
  const open = portfolio.openTrades;
  const benchmark = Object.entries(portfolio.buyAndHold);
  return (
    <div className="open-trades">
      {open.length === 0 ? (
        <p className="hint" data-testid="no-open-trades">
          No position is open at the end.
        </p>
      ) : (
        <table className="results-table" aria-label="Open at the end">
          <caption>Open at the end: {open.length}</caption>
          <thead>
            <tr>
              <th scope="col">Entry</th>
              <th scope="col">Strategy</th>
              <th scope="col">Symbol</th>
              <th scope="col">Side</th>
              <th scope="col">Qty</th>
              <th scope="col">Entry price</th>
              <th scope="col">Last close</th>
              <th scope="col">Unrealised P&amp;L</th>
              <th scope="col">Bars held</th>
              <TraceHeader />
            </tr>
          </thead>
          <tbody>
            {open.map((trade) => (
              <tr key={`${trade.strategy_id}-${trade.symbol}`}>
                <td>{formatTime(trade.entry_time)}</td>
                <td>{trade.strategy_id}</td>
                <td>{trade.symbol}</td>
                <td>{trade.side}</td>
                <td>{trade.quantity}</td>
                <td>{number(trade.entry_price)}</td>
                <td>{number(trade.last_price)}</td>
                <SignedCell value={trade.unrealized_pnl} />
                <td>{trade.bars_held}</td>
                <TraceCell correlation={trade.entry_correlation_id} trade={trade.trade_id} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {benchmark.length > 0 && (
        <table className="results-table" aria-label="Buy and hold">
          <caption>Buy and hold (the benchmark)</caption>
          <thead>
            <tr>
              <th scope="col">Symbol</th>
              <th scope="col">First close</th>
              <th scope="col">Last close</th>
              <th scope="col">Return</th>
            </tr>
          </thead>
          <tbody>
            {benchmark.map(([symbol, b]) => (
              <tr key={symbol}>
                <td>{symbol}</td>
                <td>{number(b.first_close)}</td>
                <td>{number(b.last_close)}</td>
                <SignedCell value={b.return * 100} suffix="%" />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
