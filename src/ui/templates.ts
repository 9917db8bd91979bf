/**
 * The template gallery: one flow per pattern, a few complete strategies, and each yaml block of the
 * design document as written, from examples/.
 */
import broadcast from '../../examples/broadcast.yaml?raw';
import hierarchical from '../../examples/hierarchical.yaml?raw';
import multiStrategy from '../../examples/multi-strategy.yaml?raw';
import pipeline from '../../examples/pipeline.yaml?raw';
import seedBroadcast from '../../examples/seed/broadcast.yaml?raw';
import seedEventSystem from '../../examples/seed/event-system.yaml?raw';
import seedHierarchical from '../../examples/seed/hierarchical.yaml?raw';
import seedPipeline from '../../examples/seed/pipeline.yaml?raw';
import seedSelective from '../../examples/seed/selective.yaml?raw';
import selective from '../../examples/selective.yaml?raw';
import macdVolatility from '../../examples/templates/macd-volatility-filter.yaml?raw';
import rsiReversion from '../../examples/templates/rsi-mean-reversion.yaml?raw';
import rsiRules from '../../examples/templates/rsi-rule-strategy.yaml?raw';
import threeSymbols from '../../examples/templates/three-symbols.yaml?raw';
import turtle from '../../examples/templates/turtle-breakout.yaml?raw';

export interface Template {
  readonly id: string;
  readonly title: string;
  readonly pattern: string;
  readonly text: string;
}

/** The first comment block of a template says what it does. */
export function summaryOf(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line.replace(/^#\s?/, ''));
  }
  return lines.join(' ');
}

export const TEMPLATES: readonly Template[] = [
  { id: 'pipeline', title: 'SMA crossover', pattern: 'pipeline', text: pipeline },
  { id: 'broadcast', title: 'Three strategies', pattern: 'broadcast', text: broadcast },
  { id: 'hierarchical', title: 'Regime switching', pattern: 'hierarchical', text: hierarchical },
  { id: 'selective', title: 'Conviction routing', pattern: 'selective', text: selective },
  {
    id: 'multi-strategy',
    title: 'Trend + breakout portfolio',
    pattern: 'complete system',
    text: multiStrategy,
  },
  { id: 'rsi', title: 'RSI mean reversion', pattern: 'complete strategy', text: rsiReversion },
  { id: 'rules', title: 'Your own rules (RSI)', pattern: 'rule strategy', text: rsiRules },
  { id: 'turtle', title: 'Turtle breakout', pattern: 'complete strategy', text: turtle },
  {
    id: 'macd',
    title: 'MACD with a volatility filter',
    pattern: 'complete strategy',
    text: macdVolatility,
  },
  { id: 'three-symbols', title: 'Three symbols', pattern: 'multi-symbol', text: threeSymbols },
  { id: 'seed-pipeline', title: 'Design: pipeline', pattern: 'design block', text: seedPipeline },
  {
    id: 'seed-broadcast',
    title: 'Design: broadcast',
    pattern: 'design block',
    text: seedBroadcast,
  },
  {
    id: 'seed-hierarchical',
    title: 'Design: hierarchical',
    pattern: 'design block',
    text: seedHierarchical,
  },
  {
    id: 'seed-selective',
    title: 'Design: selective',
    pattern: 'design block',
    text: seedSelective,
  },
  {
    id: 'seed-event-system',
    title: 'Design: event system',
    pattern: 'design block',
    text: seedEventSystem,
  },
];
