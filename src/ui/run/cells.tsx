/** Table pieces the results views share: a money cell coloured by sign, and the trace column. */
import { useRun } from './runStore';

/** A number with two decimals, as the results tables show money and prices. */
export const number = (value: number, digits = 2) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A gain in green, a loss in red. */
export function SignedCell({ value, suffix = '' }: { value: number; suffix?: string }) {
  return (
    <td className={value >= 0 ? 'gain' : 'loss'}>
      {number(value)}
      {suffix}
    </td>
  );
}

/** The heading of a column of trace buttons (read by screen readers only). */
export function TraceHeader() {
  return (
    <th scope="col">
      <span className="visually-hidden">Trace</span>
    </th>
  );
}

/** A button that opens the chain of events with this correlation id in the Trace view; with a
 * trade id, a second one that opens the whole trade (entry chain, the bars held, exit chain). */
export function TraceCell({
  correlation,
  label = 'Trace entry',
  trade,
}: {
  correlation: string | null;
  label?: string;
  trade?: string | null;
}) {
  const traceOf = useRun((state) => state.traceOf);
  const traceTrade = useRun((state) => state.traceTrade);
  return (
    <td>
      {correlation && (
        <button type="button" onClick={() => traceOf(correlation)}>
          {label}
        </button>
      )}
      {trade && (
        <button type="button" onClick={() => traceTrade(trade)}>
          Whole trade
        </button>
      )}
    </td>
  );
}
