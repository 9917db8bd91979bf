/**
 * The tracer keeps what its retention rule says, whatever the order of events: decision chains up
 * to one limit, bar chains up to another, oldest first, a bar chain that turns decisive after its
 * step moving to the decision list. Checked against a plain model of the rule (arrays and sets)
 * on generated sequences of roots, children, decisions, troubled deliveries and step ends.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyEvent, EventType } from '../events';
import { Tracer } from './tracer';

type Op =
  | { kind: 'root' }
  | { kind: 'child'; pick: number; decision: boolean }
  | { kind: 'note'; pick: number }
  | { kind: 'end' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: 'root' as const }),
  fc.record({ kind: fc.constant('child' as const), pick: fc.nat(), decision: fc.boolean() }),
  fc.record({ kind: fc.constant('note' as const), pick: fc.nat() }),
  fc.constant({ kind: 'end' as const }),
);

/** The rule, as plainly as it can be written. */
class Model {
  /** Each kept chain's event types, in the order the chains began. */
  readonly chains = new Map<string, EventType[]>();
  readonly decisive = new Set<string>();
  readonly decisionOrder: string[] = [];
  readonly barOrder: string[] = [];
  open: string[] = [];
  dropped = 0;

  constructor(
    private readonly maxDecision: number,
    private readonly maxBar: number,
  ) {}

  record(id: string, type: EventType): void {
    if (!this.chains.has(id)) {
      this.chains.set(id, []);
      this.open.push(id);
    }
    this.chains.get(id)!.push(type);
    if (type === 'TradingSignal') this.turnDecisive(id);
  }

  note(id: string): void {
    if (this.chains.has(id)) this.turnDecisive(id);
  }

  end(): void {
    for (const id of this.open) {
      if (this.decisive.has(id)) this.keep(this.decisionOrder, id, this.maxDecision);
      else this.keep(this.barOrder, id, this.maxBar);
    }
    this.open = [];
  }

  private turnDecisive(id: string): void {
    if (this.decisive.has(id)) return;
    this.decisive.add(id);
    const at = this.barOrder.indexOf(id);
    if (at < 0) return;
    this.barOrder.splice(at, 1);
    this.keep(this.decisionOrder, id, this.maxDecision);
  }

  private keep(order: string[], id: string, limit: number): void {
    order.push(id);
    while (order.length > limit) {
      const old = order.shift()!;
      this.chains.delete(old);
      this.decisive.delete(old);
      this.dropped++;
    }
  }
}

function event(seq: number, correlation: string | null, type: EventType): AnyEvent {
  const id = `e${seq}`;
  return {
    type,
    event_id: id,
    correlation_id: correlation ?? id,
    causation_id: correlation,
    timestamp: seq,
    source: 'test',
    seq,
    trade_id: null,
  } as unknown as AnyEvent;
}

/** One of the last four roots, or any root one time in eight. */
function recent(roots: readonly string[], pick: number): number {
  return pick % 8 === 0
    ? pick % roots.length
    : roots.length - 1 - (pick % Math.min(4, roots.length));
}

describe('Tracer retention', () => {
  it('keeps and forgets the same chains as the rule, in the same order', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 200, size: 'max' }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (ops, maxDecision, maxBar) => {
          const tracer = new Tracer(maxDecision, maxBar);
          const model = new Model(maxDecision, maxBar);
          const roots: string[] = [];
          let seq = 0;
          for (const step of ops) {
            if (step.kind === 'root') {
              const root = event(++seq, null, 'BarEvent');
              roots.push(root.event_id);
              tracer.record(root, seq, 0);
              model.record(root.event_id, 'BarEvent');
            } else if (step.kind === 'child' && roots.length > 0) {
              // Mostly of recent chains (filed ones turning decisive), now and then of
              // forgotten ones (they begin the chain again).
              const id = roots[recent(roots, step.pick)]!;
              const type = step.decision ? 'TradingSignal' : 'IndicatorEvent';
              tracer.record(event(++seq, id, type), seq, 0);
              model.record(id, type);
            } else if (step.kind === 'note' && roots.length > 0) {
              const id = roots[recent(roots, step.pick)]!;
              tracer.note(id, {
                event_id: id,
                container: 'c',
                attempt: 1,
                outcome: 'failed',
                detail: 'x',
                time: 0,
                bar: 0,
              });
              model.note(id);
            } else if (step.kind === 'end') {
              tracer.endStep();
              model.end();
            }
          }
          const kept = [...model.chains];
          for (const type of ['BarEvent', 'IndicatorEvent', 'TradingSignal'] as const)
            expect(tracer.correlationsWith(type)).toEqual(
              kept.filter(([, types]) => types.includes(type)).map(([id]) => id),
            );
          for (const root of roots) {
            const chain = tracer.trace(root)?.chain.map((link) => link.event.type) ?? null;
            expect(chain).toEqual(model.chains.get(root) ?? null);
          }
          expect(tracer.dropped).toBe(model.dropped);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('Tracer ids', () => {
  it("traces chains whose ids are not of the stamper's form apart from those that are", () => {
    const tracer = new Tracer(10, 10);
    const root = (id: string, seq: number) =>
      ({ ...event(seq, null, 'BarEvent'), event_id: id, correlation_id: id }) as AnyEvent;
    for (const [id, seq] of [
      ['e12', 12],
      ['e012', 13],
      ['bar-1', 14],
      ['e', 15],
    ] as const)
      tracer.record(root(id, seq), 0, 0);
    tracer.record(event(16, 'e012', 'TradingSignal'), 0, 0);
    tracer.endStep();
    expect(tracer.correlationsWith('BarEvent')).toEqual(['e12', 'e012', 'bar-1', 'e']);
    expect(tracer.trace('e12')!.chain).toHaveLength(1);
    expect(tracer.trace('e012')!.chain.map((link) => link.event.type)).toEqual([
      'BarEvent',
      'TradingSignal',
    ]);
    expect(tracer.trace('e0012')).toBeNull();
    expect(tracer.trace('e13')).toBeNull();
  });
});
