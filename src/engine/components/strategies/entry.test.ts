import { describe, expect, it } from 'vitest';
import type { Direction } from '../../events';
import { decideEntry, type EntryMode } from './entry';

/** Feeds a rule's (wanted, zone) outputs bar by bar and returns the direction held after each. */
function replay(mode: EntryMode, bars: readonly [Direction, Direction | null][]): Direction[] {
  let held: Direction = 0;
  let zone: Direction | undefined;
  return bars.map(([wanted, zoneNow]) => {
    const decision = decideEntry(mode, held, wanted, zoneNow, zone);
    held = decision.direction;
    zone = decision.zone;
    return held;
  });
}

describe('entries on the cross or while the condition holds', () => {
  it('on the cross, waits for the zone to turn rather than entering on the first bar', () => {
    // A crossover whose fast line starts above the slow one, dips below and comes back.
    const bars: [Direction, Direction | null][] = [
      [1, 1],
      [1, 1],
      [-1, -1],
      [1, 1],
    ];
    expect(replay('cross', bars)).toEqual([0, 0, -1, 1]);
    expect(replay('state', bars)).toEqual([1, 1, -1, 1]);
  });

  it('a tie says nothing: the side before it holds, and a tie on the first bar is no cross', () => {
    // As backtrader's CrossOver (last non-zero difference) and backtesting.py's crossover().
    expect(
      replay('cross', [
        [0, null],
        [1, 1],
      ]),
    ).toEqual([0, 0]);
    expect(
      replay('cross', [
        [-1, -1],
        [-1, null],
        [1, 1],
      ]),
    ).toEqual([0, 0, 1]);
  });

  it('exits never wait for a cross', () => {
    // An RSI rule: enters long on the cross into oversold, leaves at the exit level in the zone 0.
    expect(
      replay('cross', [
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 0],
      ]),
    ).toEqual([0, 1, 1, 0]);
  });

  it('a reversal needs its own cross', () => {
    expect(
      replay('cross', [
        [1, 1],
        [-1, -1],
        [-1, -1],
        [1, 1],
      ]),
    ).toEqual([0, -1, -1, 1]);
  });
});
