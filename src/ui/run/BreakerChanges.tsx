/**
 * Every change of a circuit breaker in a run: when, which container, from and to which state, why
 * (the error rate that opened it, the wait that ended, the trial that failed or passed), and how
 * many events it refused while open; each opens its trace.
 */
import { feed } from './feed';
import { formatTime } from './format';
import { useRun } from './runStore';

export function BreakerChanges() {
  const traceOf = useRun((state) => state.traceOf);
  if (feed.breakers.length === 0) return null;
  return (
    <table className="results-table" aria-label="Circuit breaker changes">
      <caption>Circuit breakers: {feed.breakers.length} changes</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Bar</th>
          <th scope="col">Container</th>
          <th scope="col">Change</th>
          <th scope="col">Why</th>
          <th scope="col">Refused while open</th>
          <th scope="col">
            <span className="visually-hidden">Trace</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {feed.breakers.map((change) => (
          <tr key={change.event_id} className={`breaker-${change.to}`}>
            <td>{formatTime(change.time)}</td>
            <td>{change.bar + 1}</td>
            <td>{change.container}</td>
            <td>
              <span className={`breaker-chip ${change.from}`}>{stateName(change.from)}</span> →{' '}
              <span className={`breaker-chip ${change.to}`}>{stateName(change.to)}</span>
            </td>
            <td>{change.reason}</td>
            <td>{change.from === 'open' ? change.rejected.toLocaleString('en-US') : ''}</td>
            <td>
              <button type="button" onClick={() => traceOf(change.correlation_id)}>
                Trace
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const stateName = (state: string) => state.replace('_', '-');
