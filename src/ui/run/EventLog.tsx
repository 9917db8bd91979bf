/**
 * The event log: virtualised (only the visible rows exist), filtered by type, container, symbol
 * and correlation id. It follows the newest entry until the user scrolls up, and says how many
 * entries the memory cap dropped. Clicking an entry traces its correlation.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LogEntry } from '../../worker/protocol';
import { FilterSelect } from './FilterSelect';
import { feed, LOG_CAP } from './feed';
import { formatTime } from './format';
import { useRun } from './runStore';

const ROW_HEIGHT = 24;

interface Filters {
  type: string;
  container: string;
  symbol: string;
  correlation: string;
}

function matches(entry: LogEntry, filters: Filters): boolean {
  return (
    (!filters.type || entry.type === filters.type) &&
    (!filters.container || entry.container === filters.container) &&
    (!filters.symbol || entry.symbol.toLowerCase() === filters.symbol.trim().toLowerCase()) &&
    // An id names one chain: e12 must not also match e120 and e1200.
    (!filters.correlation || entry.correlation === filters.correlation.trim())
  );
}

export function EventLog() {
  const version = useRun((state) => state.version);
  const eventsLogged = useRun((state) => state.eventsLogged);
  const traceOf = useRun((state) => state.traceOf);
  const [filters, setFilters] = useState<Filters>({
    type: '',
    container: '',
    symbol: '',
    correlation: '',
  });
  const [follow, setFollow] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the feed changes with its version.
  const entries = useMemo(() => {
    const active = filters.type || filters.container || filters.symbol || filters.correlation;
    return active ? feed.log.filter((entry) => matches(entry, filters)) : feed.log.slice();
  }, [version, filters]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the feed changes with its version.
  const choices = useMemo(() => {
    const types = new Set<string>();
    const containers = new Set<string>();
    for (const entry of feed.log) {
      types.add(entry.type);
      containers.add(entry.container);
    }
    return { types: [...types].sort(), containers: [...containers].sort() };
  }, [version]);

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useEffect(() => {
    if (follow && entries.length > 0)
      virtualizer.scrollToIndex(entries.length - 1, { align: 'end' });
  }, [entries, follow, virtualizer]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const atBottom = element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT;
    if (atBottom !== follow) setFollow(atBottom);
  };

  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setFilters((current) => ({ ...current, [key]: event.target.value }));

  return (
    <section className="event-log" aria-label="Event log">
      <div className="log-filters">
        <FilterSelect
          label="Type"
          value={filters.type}
          all="All types"
          options={choices.types}
          onChange={set('type')}
        />
        <FilterSelect
          label="Container"
          value={filters.container}
          all="All containers"
          options={choices.containers}
          onChange={set('container')}
        />
        <label>
          Symbol
          <input value={filters.symbol} onChange={set('symbol')} size={8} placeholder="any" />
        </label>
        <label>
          Correlation
          <input
            value={filters.correlation}
            onChange={set('correlation')}
            size={14}
            placeholder="id"
          />
        </label>
        <span className="log-counts" aria-live="polite">
          {entries.length.toLocaleString('en-US')} shown
          {feed.logDropped > 0 &&
            ` · ${feed.logDropped.toLocaleString('en-US')} older entries dropped (the log keeps the latest ${LOG_CAP.toLocaleString('en-US')})`}
          {feed.logSkipped > 0 &&
            ` · ${feed.logSkipped.toLocaleString('en-US')} not logged at this speed`}
        </span>
        {!follow && (
          <button type="button" onClick={() => setFollow(true)}>
            Follow newest ↓
          </button>
        )}
      </div>
      {!eventsLogged && (
        <p className="hint">
          This flow has event tracing off (event_system.monitoring.trace_events), so the log stays
          empty.
        </p>
      )}
      <div className="log-row log-head" aria-hidden>
        <span>Time</span>
        <span>Event</span>
        <span>Container</span>
        <span>Symbol</span>
        <span>Id</span>
        <span>Correlation</span>
        <span>Summary</span>
      </div>
      <div
        ref={scroller}
        className="log-scroller"
        onScroll={onScroll}
        data-testid="event-log"
        role="log"
        aria-label="Events"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index]!;
            return (
              <button
                type="button"
                key={entry.seq}
                className={`log-row type-${entry.type}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => traceOf(entry.correlation)}
                title="Trace this event's chain"
              >
                <span className="log-time">{formatTime(entry.time)}</span>
                <span className="log-type">{entry.type}</span>
                <span className="log-container">{entry.container}</span>
                <span className="log-symbol">{entry.symbol}</span>
                <span className="log-id" title="event id">
                  {entry.id}
                </span>
                <span className="log-correlation" title="correlation id">
                  {entry.correlation}
                </span>
                <span className="log-summary">{entry.summary}</span>
              </button>
            );
          })}
        </div>
      </div>
    </section>
  );
}
