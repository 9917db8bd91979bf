/**
 * Signal replay, as ADMF-PC does it: the strategies' signals of one cell are recorded once (only
 * the changes: a strategy signals when its direction changes), then every cell that differs only
 * in risk, execution or portfolio parameters replays them. The replayed run keeps the data, risk,
 * broker and portfolio containers and their routes, and puts in place of each strategy a small
 * component that passes each bar on and emits that strategy's recorded signals for it: no
 * indicator, no strategy rule, fewer events per bar.
 *
 * Exactness is checked, not assumed: after recording, the recorded cell is replayed at once and
 * its figures compared with the full run's; if they differ in anything, replay is turned off for
 * that group and its cells run in full (the row says how each cell ran).
 *
 * Replay applies when the signal side is plain: strategies reading indicators, no classifier, no
 * selective or hierarchical pattern, no explicit routes or transformations, and no risk manager
 * sizing by ATR (it reads an indicator, which a replay does not carry).
 */
import type { Component, ComponentFactory } from '../engine/component';
import { COMPONENTS } from '../engine/components/registry';
import type { ContainerConfig, EngineConfig, PatternConfig } from '../engine/config';
import type { BarSeries } from '../engine/data/bars';
import type { BarEvent, PayloadByType, TradingSignal } from '../engine/events';
import { createRun } from '../engine/runtime/run';
import { compileTopology } from '../engine/runtime/topology';
import { findComponent } from '../flow/catalogue';
import type { FlowModel } from '../flow/model';
import type { CellJob } from './job';
import { type Bars, type Outcome, outcomeOf } from './runner';

type Signal = PayloadByType['TradingSignal'];
/** One strategy's signals: by "timestamp|symbol", in emission order. */
type Recording = Map<string, Signal[]>;

const EXECUTION_SIDE = new Set(['risk', 'execution', 'portfolio']);
const KEEP = 64;

interface Plan {
  /** The strategies whose signals reach the execution side directly. */
  readonly strategies: readonly string[];
  readonly config: EngineConfig;
}

export class Replayer {
  private readonly recordings = new Map<string, Map<string, Recording> | string>();
  /** Why replay is not used for the latest flow that could not use it, for the sweep's report. */
  lastReason: string | null = null;

  /**
   * The group a job's cell belongs to: cells that differ only in execution-side parameters share
   * one recording. Null when replay cannot help (nothing on the execution side is swept) or does
   * not apply to this flow.
   */
  keyOf(job: CellJob, model: FlowModel, config: EngineConfig): string | null {
    const axes = model.grid?.axes ?? [];
    const kinds = new Map(model.containers.map((c) => [c.name, c.kind]));
    const executionSide = axes.filter((axis) =>
      EXECUTION_SIDE.has(kinds.get(axis.container) ?? ''),
    );
    if (executionSide.length === 0) return null;
    const reason = notReplayable(model, config);
    if (reason) {
      this.lastReason = reason;
      return null;
    }
    const signalSide = axes
      .filter((axis) => !EXECUTION_SIDE.has(kinds.get(axis.container) ?? ''))
      .map((axis) => [axis.key, job.cell[axis.key]]);
    return JSON.stringify([
      job.flow.length,
      hashOf(job.flow),
      job.data,
      job.window ?? null,
      signalSide,
    ]);
  }

  /** The replayed outcome of a cell, or null when its group has no (valid) recording yet. */
  replay(key: string, config: EngineConfig, bars: Bars): Outcome | null {
    const recorded = this.recordings.get(key);
    if (recorded === undefined || typeof recorded === 'string') return null;
    return replayRun(config, bars, recorded);
  }

  /** A full run that records the strategies' signals, then checks a replay gives the same figures. */
  record(key: string, config: EngineConfig, bars: Bars): Outcome {
    const plan = planOf(config);
    const recording = new Map<string, Recording>(plan.strategies.map((name) => [name, new Map()]));
    const run = createRun(
      {
        ...config,
        eventSystem: {
          ...config.eventSystem,
          monitoring: { ...config.eventSystem.monitoring, trace_events: true },
        },
      },
      { bars: bars as Record<string, BarSeries[]> },
      COMPONENTS,
      {
        observer: {
          onEvent: (event, container) => {
            if (event.type !== 'TradingSignal') return;
            const own = recording.get(container);
            if (!own) return;
            const at = `${event.timestamp}|${event.symbol}`;
            const list = own.get(at) ?? [];
            list.push(signalPayload(event));
            own.set(at, list);
          },
        },
      },
    );
    if (run.runToEnd() === 'failed')
      return { ...outcomeOf(run, config), error: run.failure?.message ?? 'The run failed' };
    const full = outcomeOf(run, config);
    const check = replayRun(config, bars, recording);
    const same = JSON.stringify(check.metrics) === JSON.stringify(full.metrics);
    this.recordings.set(key, same ? recording : 'the replay differed from the full run');
    if (!same) this.lastReason = 'a replay differed from its full run, so that group ran in full';
    if (this.recordings.size > KEEP) this.recordings.delete(this.recordings.keys().next().value!);
    return full;
  }
}

function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function signalPayload(event: TradingSignal): Signal {
  return {
    symbol: event.symbol,
    action: event.action,
    direction: event.direction,
    strength: event.strength,
    price: event.price,
    price_target: event.price_target,
    stop_loss: event.stop_loss,
    strategy_id: event.strategy_id,
    regime_context: event.regime_context,
  };
}

/** Why a flow's signals cannot be replayed exactly, or null when they can. */
export function notReplayable(model: FlowModel, config: EngineConfig): string | null {
  if (model.containers.some((c) => c.kind === 'classifier'))
    return 'a classifier shapes the signals';
  if (model.event_flow.some((p) => p.type === 'selective' || p.type === 'hierarchical'))
    return 'selective or hierarchical routing decides where signals go';
  if (model.event_system.routing.length > 0 || model.event_system.transformations.length > 0)
    return 'explicit routes or transformations';
  const atr = config.containers.some(
    (c) => findComponent(c.component)?.kind === 'risk' && c.params.sizing === 'atr',
  );
  if (atr) return 'a risk manager sizes by ATR, an indicator a replay does not carry';
  const plan = planOf(config);
  if (plan.strategies.length === 0) return 'no strategy sends signals to risk';
  return null;
}

const kindOf = (container: ContainerConfig) =>
  container.component === 'sample_bars' ||
  container.component === 'synthetic_bars' ||
  container.component === 'csv_bars'
    ? 'data'
    : (findComponent(container.component)?.kind ?? 'unknown');

/**
 * The replayed flow: the data containers, one replayer per strategy that reaches the execution
 * side (named as the strategy, so its signals keep their strategy_id), and the execution side
 * with its routes in their original order.
 */
function planOf(config: EngineConfig): Plan {
  const topology = compileTopology(config, () => []);
  const names = config.containers.map((c) => c.name);
  const kinds = new Map(config.containers.map((c) => [c.name, kindOf(c)]));
  const isExecution = (name: string) => EXECUTION_SIDE.has(kinds.get(name) ?? '');
  const edges = topology.routes
    .filter((route) => route.pattern !== 'market' && route.pattern !== 'feedback')
    .map((route) => [names[route.source]!, names[route.target]!] as const);
  const strategies = [
    ...new Set(
      edges
        .filter(([source, target]) => kinds.get(source) === 'strategy' && isExecution(target))
        .map(([source]) => source),
    ),
  ];
  const upstream = (name: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const next = stack.pop()!;
      for (const [source, target] of edges)
        if (target === next && !seen.has(source)) {
          seen.add(source);
          stack.push(source);
        }
    }
    return seen;
  };
  const patterns: PatternConfig[] = [];
  for (const strategy of strategies)
    for (const source of upstream(strategy))
      if (kinds.get(source) === 'data')
        patterns.push({ type: 'pipeline', containers: [source, strategy] });
  for (const [source, target] of edges)
    if (isExecution(target) && (isExecution(source) || strategies.includes(source)))
      patterns.push({ type: 'pipeline', containers: [source, target] });
  const kept = new Set([...strategies]);
  const containers = config.containers.flatMap((c): ContainerConfig[] => {
    if (kinds.get(c.name) === 'data' || isExecution(c.name)) return [c];
    return kept.has(c.name) ? [{ name: c.name, component: 'signal_replay', params: {} }] : [];
  });
  return { strategies, config: { ...config, containers, patterns, routes: [] } };
}

function replayRun(config: EngineConfig, bars: Bars, recording: Map<string, Recording>): Outcome {
  const plan = planOf(config);
  const factory: ComponentFactory<Readonly<Record<string, unknown>>> = (_params, env) =>
    replayComponent(recording.get(env.container) ?? new Map());
  const run = createRun(
    plan.config,
    { bars: bars as Record<string, BarSeries[]> },
    { ...COMPONENTS, signal_replay: factory },
  );
  if (run.runToEnd() === 'failed')
    return { ...outcomeOf(run, config), error: run.failure?.message ?? 'The replay failed' };
  return outcomeOf(run, plan.config);
}

/** Passes each bar on, then emits the strategy's recorded signals for that bar, as it did. */
function replayComponent(recording: Recording): Component {
  let emitted = 0;
  return {
    consumes: ['BarEvent'],
    onEvent(event, ctx) {
      ctx.forward(event);
      const bar = event as BarEvent;
      const signals = recording.get(`${bar.timestamp}|${bar.symbol}`);
      if (!signals) return;
      for (const signal of signals) {
        emitted++;
        ctx.emit('TradingSignal', { ...signal }, bar);
      }
    },
    snapshot: () => ({ emitted }),
  };
}
