/**
 * The entry convention every strategy shares (docs/engine-semantics.md, "Entries: on the cross or
 * while it holds"). A rule says which direction it wants and which side its entry condition points
 * to on this bar (its zone). With `entry: cross` (the default) a position is taken only on the bar
 * where the zone turns to that side: the bar before must be known and on another side, as
 * backtrader's CrossOver, backtesting.py's crossover() and TradingView's ta.crossover require.
 * With `entry: state` the rule's direction is taken whenever it differs, so a strategy can enter on
 * its first bar. Exits (to flat) never wait for a cross.
 */
import type { Direction } from '../../events';

export type EntryMode = 'cross' | 'state';

export const ENTRY_MODES: readonly EntryMode[] = ['cross', 'state'];

export interface EntryDecision {
  /** The direction to hold from this bar on. */
  readonly direction: Direction;
  /** The zone to remember for the next bar (undefined until a bar has told one). */
  readonly zone: Direction | undefined;
}

export function decideEntry(
  mode: EntryMode,
  held: Direction,
  wanted: Direction,
  zoneNow: Direction | null,
  zoneBefore: Direction | undefined,
): EntryDecision {
  // A tie (null) tells nothing: the side before it still holds, as backtrader's non-zero difference.
  const zone = zoneNow ?? zoneBefore;
  if (mode === 'state' || wanted === held || wanted === 0) return { direction: wanted, zone };
  const crossed = zone === wanted && zoneBefore !== undefined && zoneBefore !== wanted;
  return { direction: crossed ? wanted : held, zone };
}
