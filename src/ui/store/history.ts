/**
 * One undo history for every way a flow changes (canvas, inspector, YAML editor): a list of
 * texts. Edits of the same group close together in time (typing, dragging a slider) merge into
 * one step, so undo goes back a meaningful amount.
 */
export interface History {
  readonly past: readonly string[];
  readonly future: readonly string[];
  /** Group and time of the last change, for merging the next one into it. */
  readonly lastGroup: string | null;
  readonly lastTime: number;
}

export const EMPTY_HISTORY: History = { past: [], future: [], lastGroup: null, lastTime: 0 };
export const MERGE_WINDOW_MS = 1000;
const LIMIT = 200;

/** Records that the text is about to change from `previous`. */
export function record(
  history: History,
  previous: string,
  group: string | null,
  now: number,
): History {
  const merge =
    group !== null && group === history.lastGroup && now - history.lastTime < MERGE_WINDOW_MS;
  return {
    past: merge ? history.past : [...history.past, previous].slice(-LIMIT),
    future: [],
    lastGroup: group,
    lastTime: now,
  };
}

export function undo(history: History, current: string): { history: History; text: string } | null {
  const text = history.past.at(-1);
  if (text === undefined) return null;
  return {
    text,
    history: {
      past: history.past.slice(0, -1),
      future: [current, ...history.future],
      lastGroup: null,
      lastTime: 0,
    },
  };
}

export function redo(history: History, current: string): { history: History; text: string } | null {
  const [text, ...rest] = history.future;
  if (text === undefined) return null;
  return {
    text,
    history: { past: [...history.past, current], future: rest, lastGroup: null, lastTime: 0 },
  };
}
