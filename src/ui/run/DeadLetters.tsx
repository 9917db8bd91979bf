/**
 * The dead-letter view: every event that could not be delivered, with the container it was for,
 * where it came from, why, after how many attempts and when; filtered by container, reason, event
 * type or any text; each opens its trace (or its whole trade); and, in turn with the list, every
 * change of the circuit breakers. Exports carry every dead letter the run kept, whole.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type Dispatch, type SetStateAction, useMemo, useRef, useState } from 'react';
import { DEAD_LETTER_ROWS, type DeadLetterRow } from '../../worker/protocol';
import { BreakerChanges } from './BreakerChanges';
import { FilterSelect } from './FilterSelect';
import { feed } from './feed';
import { formatTime } from './format';
import { useRun } from './runStore';
import '../eventSystem.css';

const ROW_HEIGHT = 26;

/** What each reason means, in a user's words. */
export const REASON_TEXT: Readonly<Record<string, string>> = {
  handler_error: 'the handler failed on its last attempt',
  queue_full: 'the inbox was full',
  dropped_oldest: 'dropped from a full inbox for a newer event',
  circuit_open: 'refused: the circuit breaker was open',
  run_ended: 'the run ended before its retry',
};

interface Filters {
  container: string;
  reason: string;
  type: string;
  text: string;
}

const NO_FILTERS: Filters = { container: '', reason: '', type: '', text: '' };

function matches(row: DeadLetterRow, filters: Filters): boolean {
  const text = filters.text.trim().toLowerCase();
  return (
    (!filters.container || row.container === filters.container) &&
    (!filters.reason || row.reason === filters.reason) &&
    (!filters.type || row.type === filters.type) &&
    (!text ||
      [row.error, row.summary, row.event_id, row.correlation, row.trade ?? '', row.source].some(
        (field) => field.toLowerCase().includes(text),
      ))
  );
}

const distinct = (rows: readonly DeadLetterRow[], key: keyof DeadLetterRow) =>
  [...new Set(rows.map((row) => String(row[key])))].sort();

export function DeadLetters() {
  const version = useRun((state) => state.version);
  const total = useRun((state) => state.deadLetters);
  const phase = useRun((state) => state.phase);
  const exportResults = useRun((state) => state.exportResults);
  // The run panel is short: the list and the breaker changes take turns at its whole height.
  const [shown, setShown] = useState<'letters' | 'breakers'>('letters');
  // Kept here, so that a look at the breaker changes does not clear them.
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the feed changes with its version.
  const byReason = useMemo(() => {
    const counts = new Map<string, number>();
    for (const row of feed.deadLetters) counts.set(row.reason, (counts.get(row.reason) ?? 0) + 1);
    return [...counts];
  }, [version]);

  if (total === 0 && feed.breakers.length === 0) {
    return (
      <p className="hint" data-testid="dead-letters-empty">
        {phase === 'idle'
          ? 'Run the flow: every event that cannot be delivered (a failing handler after its retries, a full inbox, an open circuit breaker) is listed here with why.'
          : 'No dead letters: every event was delivered or filtered by a rule.'}
      </p>
    );
  }
  return (
    <section className="dead-letters" aria-label="Dead letters" data-testid="dead-letters">
      <div className="dead-letters-head">
        <strong>
          {total.toLocaleString('en-US')} dead letter{total === 1 ? '' : 's'}
        </strong>
        {byReason.map(([reason, count]) => (
          <span key={reason} className={`reason-chip reason-${reason}`} title={REASON_TEXT[reason]}>
            {reason} {count.toLocaleString('en-US')}
          </span>
        ))}
        {total > feed.deadLetters.length && (
          <span className="muted">
            (the first {DEAD_LETTER_ROWS.toLocaleString('en-US')} listed; the exports hold all the
            run kept)
          </span>
        )}
        {feed.breakers.length > 0 && (
          <div className="dead-switch" role="tablist" aria-label="Dead letters or breaker changes">
            <button
              type="button"
              role="tab"
              aria-selected={shown === 'letters'}
              onClick={() => setShown('letters')}
            >
              Each dead letter
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={shown === 'breakers'}
              onClick={() => setShown('breakers')}
            >
              Breaker changes ({feed.breakers.length.toLocaleString('en-US')})
            </button>
          </div>
        )}
        {/* biome-ignore lint/a11y/useSemanticElements: a toolbar of buttons, not a form field group. */}
        <div className="results-exports" role="group" aria-label="Export dead letters">
          <button type="button" onClick={() => exportResults('dead_letters.csv')}>
            Dead letters CSV
          </button>
          <button type="button" onClick={() => exportResults('dead_letters.json')}>
            Dead letters JSON
          </button>
          {feed.breakers.length > 0 && (
            <button type="button" onClick={() => exportResults('breakers.csv')}>
              Breakers CSV
            </button>
          )}
        </div>
      </div>
      {shown === 'breakers' && feed.breakers.length > 0 ? (
        <div className="breaker-scroller">
          <BreakerChanges />
        </div>
      ) : (
        <DeadLetterList version={version} filters={filters} setFilters={setFilters} />
      )}
    </section>
  );
}

/** The dead letters the run kept, filtered by container, reason, event type or any text. */
function DeadLetterList({
  version,
  filters,
  setFilters,
}: {
  version: number;
  filters: Filters;
  setFilters: Dispatch<SetStateAction<Filters>>;
}) {
  const traceOf = useRun((state) => state.traceOf);
  const traceTrade = useRun((state) => state.traceTrade);
  const scroller = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the feed changes with its version.
  const rows = useMemo(
    () => feed.deadLetters.filter((row) => matches(row, filters)),
    [version, filters],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the feed changes with its version.
  const choices = useMemo(
    () => ({
      containers: distinct(feed.deadLetters, 'container'),
      reasons: distinct(feed.deadLetters, 'reason'),
      types: distinct(feed.deadLetters, 'type'),
    }),
    [version],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setFilters((current) => ({ ...current, [key]: event.target.value }));

  return (
    <>
      <div className="log-filters">
        <FilterSelect
          label="Container"
          value={filters.container}
          all="All containers"
          options={choices.containers}
          onChange={set('container')}
        />
        <FilterSelect
          label="Reason"
          value={filters.reason}
          all="All reasons"
          options={choices.reasons}
          onChange={set('reason')}
        />
        <FilterSelect
          label="Event"
          value={filters.type}
          all="All types"
          options={choices.types}
          onChange={set('type')}
        />
        <label>
          Search
          <input
            value={filters.text}
            onChange={set('text')}
            size={16}
            placeholder="error, id, trade…"
          />
        </label>
        <span className="log-counts" aria-live="polite">
          {rows.length.toLocaleString('en-US')} shown
        </span>
      </div>
      <div className="dead-row dead-head" aria-hidden>
        <span>Time</span>
        <span>Bar</span>
        <span>Event</span>
        <span>For</span>
        <span>From</span>
        <span>Reason</span>
        <span>Tries</span>
        <span>Error</span>
        <span>Trade</span>
      </div>
      <div ref={scroller} className="log-scroller dead-scroller">
        <ul
          className="dead-list"
          aria-label="Dead letter list"
          data-testid="dead-letter-list"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <li
                key={row.index}
                className={`dead-row type-${row.type}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <button
                  type="button"
                  className="dead-open"
                  onClick={() => traceOf(row.correlation)}
                  title={`Trace ${row.event_id}: ${row.summary}`}
                  aria-label={`Trace dead letter ${row.index + 1}: ${row.type} ${row.event_id} for ${row.container}, ${row.reason}`}
                >
                  <span>{formatTime(row.time)}</span>
                  <span>{row.bar + 1}</span>
                  <span className="log-type">{row.type}</span>
                  <span>{row.container}</span>
                  <span className="muted">{row.source}</span>
                  <span className={`reason-${row.reason}`} title={REASON_TEXT[row.reason]}>
                    {row.reason}
                  </span>
                  <span>{row.attempts}</span>
                  <span className="dead-error" title={row.error}>
                    {row.error}
                  </span>
                </button>
                {row.trade ? (
                  <button
                    type="button"
                    className="dead-trade"
                    onClick={() => traceTrade(row.trade!)}
                    title={`Trace the whole trade ${row.trade}`}
                  >
                    {row.trade}
                  </button>
                ) : (
                  <span />
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </>
  );
}
