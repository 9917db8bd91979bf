/**
 * Nothing silent, in the app: what a run did that nobody asked for (cancelled orders, rejected
 * signals, dead letters, dropped events, halted containers), counted by kind and reason and listed
 * with their details, each traceable. The same listing as the runner's table and incidents.csv.
 */
import { useState } from 'react';
import type { IncidentKind } from '../../engine';
import { TraceCell, TraceHeader } from './cells';
import { feed } from './feed';
import { formatTime } from './format';
import { useRun } from './runStore';

const SHOWN_ROWS = 500;

/** The run's headline incidents in one sentence ("17 orders cancelled (17 insufficient_cash)"). */
export function useIncidentHeadline(): string | null {
  useRun((state) => state.version);
  return feed.incidentCounts?.headline ?? null;
}

/** A run that lost orders says so on its first screen, whichever view is open. */
export function IncidentNotice() {
  const sentence = useIncidentHeadline();
  const setTab = useRun((state) => state.setTab);
  if (!sentence) return null;
  return (
    <div className="run-incidents" role="alert" data-testid="incident-notice">
      <strong>Not everything happened as ordered:</strong> {sentence}.{' '}
      <button
        type="button"
        onClick={() => {
          setTab('results');
          // Scroll the run view only: scrollIntoView would scroll the page around it too.
          requestAnimationFrame(() => {
            const section = document.getElementById('incidents');
            const view = section?.closest('.run-view');
            if (section && view)
              view.scrollTop +=
                section.getBoundingClientRect().top - view.getBoundingClientRect().top;
          });
        }}
      >
        Show in Results
      </button>
    </div>
  );
}

export function Incidents() {
  useRun((state) => state.version);
  const setTab = useRun((state) => state.setTab);
  const [kind, setKind] = useState<IncidentKind | 'all'>('all');
  const counts = feed.incidentCounts;
  if (!counts?.summary) {
    return (
      <section id="incidents" className="incidents" aria-label="Nothing silent">
        <h3>Nothing silent</h3>
        <p className="hint">
          No order cancelled, no signal rejected, no dead letter, no event dropped.
        </p>
      </section>
    );
  }
  const rows = feed.incidents.filter((i) => kind === 'all' || i.kind === kind);
  const total = kind === 'all' ? counts.total : (counts.by_kind[kind] ?? 0);
  return (
    <section id="incidents" className="incidents" aria-label="Nothing silent">
      <h3>Nothing silent: {counts.summary}</h3>
      <table className="results-table" aria-label="Incidents by reason">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Reason</th>
            <th scope="col">Count</th>
            <th scope="col">For example</th>
          </tr>
        </thead>
        <tbody>
          {counts.counts.map((c) => (
            <tr key={`${c.kind}-${c.reason}`}>
              <td>{counts.labels[c.kind]}</td>
              <td>{c.reason}</td>
              <td>{c.count.toLocaleString('en-US')}</td>
              <td>{c.example}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(counts.by_kind.dead_letter ?? 0) > 0 && (
        <p className="muted">
          Every dead letter in full (its error, attempts, the event), filtered and exported, and
          every change of a circuit breaker:{' '}
          <button type="button" onClick={() => setTab('deadletters')}>
            Dead letters view
          </button>
        </p>
      )}
      <label className="incidents-filter">
        Show
        <select
          value={kind}
          onChange={(event) => setKind(event.target.value as IncidentKind | 'all')}
        >
          <option value="all">All ({counts.total.toLocaleString('en-US')})</option>
          {(Object.keys(counts.labels) as IncidentKind[]).map((k) => (
            <option key={k} value={k}>
              {counts.labels[k]} ({(counts.by_kind[k] ?? 0).toLocaleString('en-US')})
            </option>
          ))}
        </select>
      </label>
      <table className="results-table" aria-label="Incidents">
        <caption>
          {kind === 'all' ? 'Incidents' : counts.labels[kind]}: {total.toLocaleString('en-US')}
          {total > Math.min(rows.length, SHOWN_ROWS)
            ? ` (the first ${Math.min(rows.length, SHOWN_ROWS).toLocaleString('en-US')} listed; export for up to 10,000)`
            : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Kind</th>
            <th scope="col">Reason</th>
            <th scope="col">Container</th>
            <th scope="col">Symbol</th>
            <th scope="col">What happened</th>
            <TraceHeader />
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN_ROWS).map((row, index) => (
            // Incidents have no id of their own; the list only grows, so the position is stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            <tr key={index}>
              <td>{formatTime(row.time)}</td>
              <td>{counts.labels[row.kind]}</td>
              <td>{row.reason}</td>
              <td>{row.container}</td>
              <td>{row.symbol ?? ''}</td>
              <td>
                {row.detail}
                {row.details &&
                  ` (${Object.entries(row.details)
                    .map(([key, value]) => `${key}: ${value}`)
                    .join(', ')})`}
              </td>
              <TraceCell correlation={row.correlation_id} label="Trace" />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
