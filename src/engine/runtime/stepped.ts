/**
 * The event-by-event driver: one delivery, or one stage transition when nothing is queued. It is
 * what stepEvent, stepBar and runFor with an event limit use, and what finishes a bar step during
 * which retries wait on deliveries (a retry counted in events is released between deliveries).
 */
import type { Delivery } from './delivery';
import type { BarSteps } from './steps';

export type Advance = 'delivered' | 'moved' | 'finished';

export function advance(steps: BarSteps, delivery: Delivery): Advance {
  const resilience = delivery.resilience;
  if (resilience.retries.waitingOnEvents > 0) resilience.releaseRetries(false);
  let container = delivery.hasWork() ? delivery.nextContainer() : null;
  if (!container && resilience.retries.waitingOnEvents > 0 && resilience.releaseRetries(true))
    container = delivery.nextContainer();
  if (container) {
    delivery.deliver(container);
    return 'delivered';
  }
  delivery.endBatch();
  switch (steps.stage) {
    case 'between_bars':
      return steps.startStep() ? 'moved' : 'finished';
    case 'market':
      steps.enterDecision();
      return 'moved';
    case 'decision':
      if (steps.lastStep) steps.enterTestEnd();
      else steps.enterEndOfBar();
      return 'moved';
    case 'test_end':
      steps.enterEndOfBar();
      return 'moved';
    case 'end_of_bar':
      return steps.finishStep() ? 'moved' : 'finished';
  }
}
