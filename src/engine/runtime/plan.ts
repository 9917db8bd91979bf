/**
 * The execution plan: what can be decided about a run before its first bar, and the driver that
 * runs it a whole bar step at a time.
 *
 * - Static dispatch: for each container and event type whose routing depends on nothing but the
 *   type (no regime gate, no selective condition, no route filter, no transformation of that
 *   type), what each of its routes does with the event (enter the target's inbox, or be filtered
 *   by a named rule) is compiled once, from the same topology the event-by-event path uses.
 * - The planned driver runs whole bar steps: each phase's queues drain in one loop, with the same
 *   scheduler (inboxes, tokens, batches) and the same delivery as the stepped driver, so every
 *   event, count, fill and equity value is the same to the last digit; only the per-delivery
 *   bookkeeping of a run that can stop after any delivery is left out. Stepping (stepEvent,
 *   stepBar, runFor with maxEvents) and any bar step during which retries wait on deliveries go
 *   the event-by-event way (./stepped); the run counts those steps and says why.
 */
import { EVENT_TYPES } from '../events';
import type { Container } from './container';
import { type Delivery, RULE_INDEX } from './delivery';
import type { BarSteps } from './steps';
import type { CompiledRoute } from './topology';

export interface StaticDispatch {
  /** The container's plain routes, in order. */
  readonly routes: readonly CompiledRoute[];
  /** For each route: the filter rule that stops the type there (an index of FILTER_RULES), or -1. */
  readonly rules: Int32Array;
  /** For each route: its target. */
  readonly targets: readonly Container[];
}

/**
 * A container's static dispatch by event type index, null where it must be decided per event
 * (gates, selective groups, route filters, a transformation of that type).
 */
export function compileDispatch(
  container: Container,
  containers: readonly Container[],
): (StaticDispatch | null)[] {
  if (container.gates.length > 0 || container.selectiveOut.length > 0)
    return EVENT_TYPES.map(() => null);
  const routes = container.plainOut;
  if (routes.some((route) => route.filters.length > 0)) return EVENT_TYPES.map(() => null);
  return EVENT_TYPES.map((_, type) => {
    if (routes.some((route) => route.transforms[type] !== undefined)) return null;
    const bit = 1 << type;
    const rules = new Int32Array(routes.length);
    routes.forEach((route, i) => {
      rules[i] =
        (route.types & bit) === 0
          ? RULE_INDEX.event_type
          : (route.useful & bit) === 0
            ? RULE_INDEX.unsubscribed
            : -1;
    });
    return { routes, rules, targets: routes.map((route) => containers[route.target]!) };
  });
}

/**
 * 'done': a step ran and more follow; 'last': the last step ran; 'end': there was no step left;
 * 'stepped': the step stopped mid-way for the stepped driver to finish.
 */
export type StepOutcome = 'done' | 'last' | 'end' | 'stepped';

/**
 * Delivers everything queued in the current phase. False when retries wait on deliveries (each
 * delivery may release one): the stepped driver finishes the step.
 */
function drain(delivery: Delivery): boolean {
  const retries = delivery.resilience.retries;
  for (;;) {
    if (retries.waitingOnEvents > 0) return false;
    if (!delivery.hasWork()) break;
    const container = delivery.nextContainer();
    if (container === null) break;
    delivery.deliver(container);
  }
  delivery.endBatch();
  return true;
}

/**
 * One whole bar step, from between bars. 'stepped' when it had to stop mid-step (retries waiting
 * on deliveries): the stepped driver finishes it from the stage it is in.
 */
export function runWholeStep(steps: BarSteps, delivery: Delivery): StepOutcome {
  if (!steps.startStep()) return 'end';
  if (!drain(delivery)) return 'stepped';
  steps.enterDecision();
  if (!drain(delivery)) return 'stepped';
  if (steps.lastStep) {
    steps.enterTestEnd();
    if (!drain(delivery)) return 'stepped';
  }
  steps.enterEndOfBar();
  if (!drain(delivery)) return 'stepped';
  return steps.finishStep() ? 'done' : 'last';
}
