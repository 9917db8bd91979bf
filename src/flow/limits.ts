/**
 * The limits a flow's text must keep before the YAML library reads it, checked by one linear scan
 * of the raw text that never recurses. The YAML library parses nested collections recursively and
 * takes seconds on a few hundred thousand values, so a text past these limits (1.8 MB of nested
 * brackets, say) is refused here, in a few milliseconds, with the line and column where it passes
 * the limit, instead of exhausting the stack or blocking for a minute. The limits are far above
 * any real flow: the design document's largest example nests 7 levels and has 150 entries.
 */
import type { Diagnostic } from './diagnostics';

export const FLOW_LIMITS = {
  /** Characters of YAML text. */
  size: 2_000_000,
  /** Levels of nesting: indented blocks, list items and brackets together. */
  depth: 64,
  /** Keys, list items and bracketed values, counted by lines and commas. */
  entries: 50_000,
  /** Time to read and check a flow, past which it is given up. */
  seconds: 10,
} as const;

const formatted = (n: number) => n.toLocaleString('en-US');

export const LIMIT_MESSAGES = {
  size: (length: number) =>
    `The flow is ${(length / 1e6).toFixed(1)} MB; flows are limited to ${FLOW_LIMITS.size / 1e6} MB`,
  depth: () =>
    `The flow nests deeper than ${FLOW_LIMITS.depth} levels here; flows are limited to ${FLOW_LIMITS.depth} levels of nesting (indented blocks, list items and brackets)`,
  entries: () =>
    `The flow has more than ${formatted(FLOW_LIMITS.entries)} entries by here; flows are limited to ${formatted(FLOW_LIMITS.entries)} keys, list items and values`,
  time: () =>
    `Reading the flow took longer than ${FLOW_LIMITS.seconds} seconds, so it was stopped; flows this large or complex cannot be opened`,
} as const;

/** An error at one character of the text. */
export function errorAt(line: number, column: number, message: string): Diagnostic {
  return {
    severity: 'error',
    message,
    path: [],
    line,
    column,
    endLine: line,
    endColumn: column + 1,
  };
}

const SPACE = 32;
const TAB = 9;

/** Characters after which a quote, a bracket or a block scalar sign starts a new value. */
const VALUE_START = new Set([':', '-', '[', '{', ',', '?']);

/**
 * The first limit the text passes, located; null when it keeps them all. The scan follows YAML
 * closely enough to count nesting (indentation, "- " items, brackets) and to skip what cannot
 * nest: comments, quoted strings (also over several lines) and block scalars (| and >).
 */
export function checkLimits(text: string): Diagnostic | null {
  if (text.length > FLOW_LIMITS.size) return errorAt(1, 1, LIMIT_MESSAGES.size(text.length));
  const indents: number[] = [];
  let flowDepth = 0;
  let entries = 0;
  /** The quote a string spanning lines is still open with. */
  let quote: '"' | "'" | null = null;
  /** Inside a block scalar: lines indented more than this are its text. */
  let blockScalarIndent = -1;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    let i = start;
    while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    const indent = i - start;
    const blank = i >= end || text[i] === '#' || text[i] === '\r';
    let skipLine = false;
    if (blockScalarIndent >= 0) {
      if (blank || indent > blockScalarIndent) skipLine = true;
      else blockScalarIndent = -1;
    }
    if (!skipLine && quote === null && flowDepth === 0 && !blank) {
      // A new line of block structure: its indentation says how deep it is.
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      entries++;
      // "- - - x" nests one level per dash on the same line.
      let dashes = 0;
      while (
        i < end &&
        text[i] === '-' &&
        (i + 1 === end || text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === TAB)
      ) {
        i++;
        while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
        indents.push(i - start);
        if (dashes++ > 0) entries++;
        if (indents.length > FLOW_LIMITS.depth)
          return errorAt(lineNo, i - start + 1, LIMIT_MESSAGES.depth());
      }
      if (indents.length > FLOW_LIMITS.depth)
        return errorAt(lineNo, indent + 1, LIMIT_MESSAGES.depth());
      if (entries > FLOW_LIMITS.entries)
        return errorAt(lineNo, indent + 1, LIMIT_MESSAGES.entries());
    }
    if (!skipLine) {
      /** The last character that was not a space, on this line (a new line starts a value). */
      let previous = '\n';
      for (; i < end; i++) {
        const c = text[i]!;
        if (quote === '"') {
          if (c === '\\') i++;
          else if (c === '"') quote = null;
          if (quote === null) previous = '"';
          continue;
        }
        if (quote === "'") {
          if (c === "'") {
            if (text[i + 1] === "'") i++;
            else {
              quote = null;
              previous = "'";
            }
          }
          continue;
        }
        if (c === ' ' || c === '\t' || c === '\r') continue;
        const atValueStart = previous === '\n' || VALUE_START.has(previous);
        if (c === '#' && (i === start || /\s/.test(text[i - 1]!))) break;
        if ((c === '"' || c === "'") && atValueStart) {
          quote = c;
          continue;
        }
        if ((c === '[' || c === '{') && (atValueStart || flowDepth > 0)) {
          flowDepth++;
          entries++;
          if (indents.length + flowDepth > FLOW_LIMITS.depth)
            return errorAt(lineNo, i - start + 1, LIMIT_MESSAGES.depth());
          if (entries > FLOW_LIMITS.entries)
            return errorAt(lineNo, i - start + 1, LIMIT_MESSAGES.entries());
        } else if ((c === ']' || c === '}') && flowDepth > 0) {
          flowDepth--;
        } else if (c === ',' && flowDepth > 0) {
          entries++;
          if (entries > FLOW_LIMITS.entries)
            return errorAt(lineNo, i - start + 1, LIMIT_MESSAGES.entries());
        } else if ((c === '|' || c === '>') && flowDepth === 0 && atValueStart) {
          // A block scalar: its text is on the lines below, indented more than this line.
          if (/^[|>][-+0-9]*\s*(#.*)?$/.test(text.slice(i, end).trimEnd())) {
            blockScalarIndent = indent;
            break;
          }
        }
        previous = c;
      }
    }
    start = end + 1;
  }
  return null;
}
