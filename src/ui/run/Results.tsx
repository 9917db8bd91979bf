/**
 * The end of a run: first what did not happen as ordered (cancelled orders, dead letters), then each
 * portfolio's metrics (as the headless runner prints them), its trades (each traceable to its
 * entry), every incident with its reason (Incidents.tsx), and the exports.
 */
import { useState } from 'react';
import { number, SignedCell, TraceCell, TraceHeader } from './cells';
import { feed } from './feed';
import { formatTime } from './format';
import { Incidents, useIncidentHeadline } from './Incidents';
import { OpenTrades } from './OpenTrades';
import { useRun } from './runStore';

function Exports() {
  const exportResults = useRun((state) => state.exportResults);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of buttons, not a form field group.
    <div className="results-exports" role="group" aria-label="Export results">
      <button type="button" onClick={() => exportResults('results.json')}>
        Export JSON
      </button>
      <button type="button" onClick={() => exportResults('trades.csv')}>
        Trades CSV
      </button>
      <button type="button" onClick={() => exportResults('fills.csv')}>
        Fills CSV
      </button>
      <button type="button" onClick={() => exportResults('equity.csv')}>
        Equity CSV
      </button>
      <button type="button" onClick={() => exportResults('incidents.csv')}>
        Incidents CSV
      </button>
    </div>
  );
}

export function Results() {
  useRun((state) => state.version);
  const phase = useRun((state) => state.phase);
  const [portfolioIndex, setPortfolioIndex] = useState(0);
  const headlineText = useIncidentHeadline();
  const results = feed.results;
  if (!results) {
    return (
      <div className="results">
        <p className="hint">
          {phase === 'running' || phase === 'paused'
            ? 'The metrics and trades appear when the run reaches its last bar.'
            : 'Run the flow to the end to see its metrics, trades and rejected signals.'}
        </p>
        <Incidents />
      </div>
    );
  }
  if (results.length === 0)
    return (
      <div className="results">
        <p className="hint">This flow has no portfolio container, so there is nothing to score.</p>
        <Incidents />
      </div>
    );
  const portfolio = results[Math.min(portfolioIndex, results.length - 1)]!;
  return (
    <div className="results" data-testid="results">
      <div className="results-head">
        {results.length > 1 && (
          <label>
            Portfolio
            <select
              value={portfolioIndex}
              onChange={(event) => setPortfolioIndex(Number(event.target.value))}
            >
              {results.map((p, index) => (
                <option key={p.name} value={index}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <Exports />
      </div>
      {headlineText && (
        <p className="results-headline" data-testid="results-headline">
          <strong>Not everything happened as ordered:</strong> {headlineText}; each is listed under{' '}
          <a href="#incidents">Nothing silent</a> below.
        </p>
      )}
      <div className="results-body">
        <table className="metrics-table" aria-label={`Metrics of ${portfolio.name}`}>
          <tbody>
            {portfolio.metricRows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="results-column">
          <OpenTrades portfolio={portfolio} />
          <table className="results-table" aria-label="Trades">
            <caption>
              Trades: {portfolio.tradeCount.toLocaleString('en-US')}
              {portfolio.tradeCount > portfolio.trades.length
                ? ` (the first ${portfolio.trades.length} listed; export for all)`
                : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Exit</th>
                <th scope="col">Strategy</th>
                <th scope="col">Side</th>
                <th scope="col">Qty</th>
                <th scope="col">Entry price</th>
                <th scope="col">Exit price</th>
                <th scope="col">P&amp;L</th>
                <th scope="col">Return</th>
                <th scope="col">Exit reason</th>
                <TraceHeader />
              </tr>
            </thead>
            <tbody>
              {portfolio.trades.map((trade) => (
                <tr key={`${trade.entry_correlation_id}-${trade.strategy_id}-${trade.exit_time}`}>
                  <td>{formatTime(trade.entry_time)}</td>
                  <td>{formatTime(trade.exit_time)}</td>
                  <td>{trade.strategy_id}</td>
                  <td>{trade.side}</td>
                  <td>{trade.quantity}</td>
                  <td>{number(trade.entry_price)}</td>
                  <td>{number(trade.exit_price)}</td>
                  <SignedCell value={trade.pnl} />
                  <td>{number(trade.return_pct * 100)}%</td>
                  <td>{trade.exit_reason}</td>
                  <TraceCell correlation={trade.entry_correlation_id} trade={trade.trade_id} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Incidents />
      </div>
    </div>
  );
}
