/** A flow model into the engine's configuration; refuses flows that cannot run, saying why. */
import type { EngineConfig } from '../engine/config';
import type { Diagnostic } from './diagnostics';
import type { FlowModel } from './model';

export interface Compiled {
  readonly config: EngineConfig | null;
  readonly problems: readonly Pick<Diagnostic, 'message' | 'container'>[];
}

export function compileFlow(model: FlowModel): Compiled {
  const problems: { message: string; container?: string }[] = [];
  for (const container of model.containers) {
    if (!container.component) {
      problems.push({
        message: `"${container.name}" has no component: choose one before running`,
        container: container.name,
      });
    }
  }
  if (!model.containers.some((container) => container.kind === 'data')) {
    problems.push({ message: 'The flow has no data container: add one to give it bars' });
  }
  if (problems.length > 0) return { config: null, problems };
  return {
    config: {
      containers: model.containers.map((container) => ({
        name: container.name,
        component: container.component!,
        params: container.params,
      })),
      patterns: model.event_flow,
      routes: model.event_system.routing,
      transformations: model.event_system.transformations,
      eventSystem: {
        buses: model.event_system.event_buses,
        monitoring: model.event_system.monitoring,
        circuit_breaker: model.event_system.circuit_breaker,
      },
      run: model.run,
    },
    problems,
  };
}
