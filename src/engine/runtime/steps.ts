/**
 * Bar steps and their phases, shared by both drivers of a run: a step starts with its bars (the
 * market phase: every market-facing container sees them first), then the decision phase (the same
 * bars through the declared routes), on the last step the end of the test, then the end of the bar
 * (onBarEnd hooks). Between phases every queue drains. The event-by-event driver (./stepped) moves
 * through these one delivery at a time; the planned driver (./plan) a whole step at a time. The
 * semantics are in docs/engine-semantics.md.
 */
import type { BarEvent } from '../events';
import type { Container } from './container';
import { type Delivery, RunStop } from './delivery';
import { TYPE_INDEX } from './event-bits';
import type { EventStamper } from './stamp';
import type { Timeline } from './timeline';
import type { Tracer } from './tracer';
import type { RunObserver } from './types';

export type Stage = 'between_bars' | 'market' | 'decision' | 'test_end' | 'end_of_bar';

const BAR = TYPE_INDEX.BarEvent;

export class BarSteps {
  stage: Stage = 'between_bars';
  /**
   * This step's bars, in timeline order, and the data container of each: reused from step to
   * step (a million steps allocate no arrays), valid until the next step starts.
   */
  readonly bars: BarEvent[] = [];
  private readonly sources: Container[] = [];
  /** Containers with an onBarEnd or onTestEnd hook, and those that remember seqs per step. */
  private readonly barEnders: readonly Container[];
  private readonly testEnders: readonly Container[];
  private readonly deduping: readonly Container[];

  constructor(
    private readonly delivery: Delivery,
    private readonly containers: readonly Container[],
    private readonly timeline: Timeline,
    private readonly stamper: EventStamper,
    private readonly tracer: Tracer | null,
    private readonly observer: RunObserver,
  ) {
    this.barEnders = containers.filter((container) => container.component?.onBarEnd);
    this.testEnders = containers.filter((container) => container.component?.onTestEnd);
    this.deduping = containers.filter((container) => container.seen !== null);
  }

  get totalSteps(): number {
    return this.timeline.totalSteps;
  }

  /** Whether the step in progress is the last of the data. */
  get lastStep(): boolean {
    return this.delivery.bar + 1 >= this.timeline.totalSteps;
  }

  /** The next step's bars are stamped and offered to the market feed; false at the end of the data. */
  startStep(): boolean {
    const timeline = this.timeline;
    const time = timeline.next();
    if (Number.isNaN(time)) return false;
    const { delivery, stamper, bars, sources } = this;
    stamper.time = time;
    delivery.deliveriesThisStep = 0;
    const count = timeline.stepCount;
    if (bars.length !== count) {
      bars.length = count;
      sources.length = count;
    }
    for (let i = 0; i < count; i++) {
      const { container, series } = timeline.source(timeline.stepSources[i]!);
      const source = this.containers[container]!;
      bars[i] = stamper.bar(series, timeline.stepIndexes[i]!, source.name);
      sources[i] = source;
    }
    delivery.stepBars = bars;
    delivery.resilience.wakeBreakers(count > 0 ? bars[0]! : null);
    for (let i = 0; i < count; i++) {
      const source = sources[i]!;
      const bar = bars[i]!;
      delivery.recordEmission(source, bar, true, BAR);
      for (const out of source.marketOut) delivery.offer(source, out, bar, 1, BAR);
    }
    this.stage = 'market';
    return true;
  }

  /** The market phase is over: retries due this bar, then the same bars through the declared routes. */
  enterDecision(): void {
    this.delivery.resilience.releaseBarRetries();
    for (let i = 0; i < this.bars.length; i++)
      this.delivery.dispatch(this.sources[i]!, this.bars[i]!, BAR);
    this.stage = 'decision';
  }

  /** The last bar step is decided: components learn that the data ends (onTestEnd). */
  enterTestEnd(): void {
    for (const container of this.testEnders) {
      if (container.breaker.state === 'open') continue;
      try {
        container.component!.onTestEnd!(container.ctx);
      } catch (error) {
        this.hookFailed(container, 'onTestEnd', error);
      }
    }
    this.stage = 'test_end';
  }

  enterEndOfBar(): void {
    const bars = this.bars;
    // Called in place, not through a closure per container and bar (a million bars of garbage).
    for (const container of this.barEnders) {
      if (container.breaker.state === 'open') continue;
      try {
        container.component!.onBarEnd!(bars, container.ctx);
      } catch (error) {
        this.hookFailed(container, 'onBarEnd', error);
      }
    }
    this.stage = 'end_of_bar';
  }

  /** The step is done; false when it was the last (retries still waiting become dead letters). */
  finishStep(): boolean {
    for (const container of this.deduping) container.seen!.clear();
    this.tracer?.endStep();
    const delivery = this.delivery;
    delivery.bar++;
    this.observer.onBarEnd?.(this.stamper.time, delivery.bar);
    this.stage = 'between_bars';
    if (delivery.bar < this.timeline.totalSteps) return true;
    delivery.resilience.abandonRetries();
    return false;
  }

  /**
   * A component's own hook (end of test, end of bar) failed. Hooks do not run while the
   * container's breaker is open; a failure is dead-lettered as a dispatch of the container to
   * itself, so the accounting stays whole.
   */
  private hookFailed(container: Container, name: string, error: unknown): void {
    if (error instanceof RunStop) throw error;
    container.errors++;
    container.dispatched++;
    this.delivery.resilience.deadLetter(
      container,
      container,
      this.bars[0]!,
      'handler_error',
      `${name}: ${error instanceof Error ? error.message : String(error)}`,
      1,
    );
  }

  reset(): void {
    this.stage = 'between_bars';
    this.bars.length = 0;
    this.sources.length = 0;
  }
}
