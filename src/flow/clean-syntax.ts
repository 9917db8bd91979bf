/**
 * Imports a config in the public ADMF-PC project's "clean syntax" (name, symbols or data, a
 * strategy or a list of them with params and risk, execution costs, initial capital) as a flow:
 * data → the indicators the strategies need → the strategies → risk → broker → portfolio.
 * Whatever has no counterpart here is named in a warning, never silently dropped.
 */
import { parseDocument } from 'yaml';
import { DEFAULT_RUN, type PatternConfig } from '../engine/config';
import { defaultParams, findComponent } from './catalogue';
import { DEFAULT_EVENT_SYSTEM } from './eventSystem';
import { DEFAULT_SWEEP } from './grid';
import type { FlowContainer, FlowModel } from './model';
import { uniqueName } from './names';
import { newFlowText } from './serialize';

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const num = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/** Whether a parsed document looks like clean syntax rather than a Flow Studio flow. */
export function isCleanSyntax(value: unknown): boolean {
  if (!isRecord(value) || 'containers' in value || 'event_flow' in value) return false;
  const production = isRecord(value.production) ? value.production : {};
  return 'strategy' in value || 'strategies' in value || 'strategy' in production;
}

export type CleanImport =
  | { readonly ok: true; readonly text: string; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: string };

interface IndicatorNeed {
  readonly component: string;
  readonly params: Raw;
}

interface StrategyPlan {
  readonly component: string;
  readonly params: Raw;
  readonly indicators: readonly IndicatorNeed[];
}

/** How each strategy type of the clean syntax maps onto components, with the parameter names both use. */
const PLANS: Record<string, (p: Raw) => StrategyPlan> = {
  sma_crossover: (p) =>
    crossover('sma', num(p.fast_period ?? p.fast, 10), num(p.slow_period ?? p.slow, 20)),
  ma_crossover: (p) =>
    crossover('sma', num(p.fast_period ?? p.fast, 10), num(p.slow_period ?? p.slow, 20)),
  ema_crossover: (p) =>
    crossover('ema', num(p.fast_period ?? p.fast, 12), num(p.slow_period ?? p.slow, 26)),
  macd_crossover: (p) => {
    const [fast, slow, signal] = [
      num(p.fast_period ?? p.fast, 12),
      num(p.slow_period ?? p.slow, 26),
      num(p.signal_period ?? p.signal, 9),
    ];
    return {
      component: 'macd_crossover',
      params: { macd: `MACD_${fast}_${slow}_${signal}` },
      indicators: [{ component: 'macd', params: { fast, slow, signal } }],
    };
  },
  rsi_threshold: (p) => {
    const period = num(p.period ?? p.rsi_period, 14);
    return {
      component: 'rsi_threshold',
      params: {
        rsi: `RSI_${period}`,
        oversold: num(p.oversold, 30),
        overbought: num(p.overbought, 70),
      },
      indicators: [{ component: 'rsi', params: { period } }],
    };
  },
  bollinger_bands: (p) => {
    const [period, std] = [num(p.period, 20), num(p.std ?? p.num_std ?? p.std_dev, 2)];
    return {
      component: 'bollinger_mean_reversion',
      params: { bands: `BB_${period}_${std}` },
      indicators: [{ component: 'bollinger', params: { period, std_dev: std } }],
    };
  },
  momentum: (p) => {
    const period = num(p.period ?? p.lookback_period, 10);
    return {
      component: 'momentum',
      // `threshold` is in percent already; clean syntax's `entry_threshold` is a fraction.
      params: {
        roc: `ROC_${period}`,
        threshold: Math.abs(
          typeof p.threshold === 'number' ? p.threshold : num(p.entry_threshold, 0) * 100,
        ),
      },
      indicators: [{ component: 'roc', params: { period } }],
    };
  },
  donchian_breakout: (p) => {
    const period = num(p.period ?? p.breakout_period ?? p.lookback, 20);
    return {
      component: 'donchian_breakout',
      params: { channel: `DC_${period}` },
      indicators: [{ component: 'donchian', params: { period } }],
    };
  },
};
const STRATEGIES: Readonly<Record<string, (p: Raw) => StrategyPlan>> = {
  ...PLANS,
  bollinger_mean_reversion: PLANS.bollinger_bands!,
  breakout: PLANS.donchian_breakout!,
};

function crossover(indicator: 'sma' | 'ema', fast: number, slow: number): StrategyPlan {
  const label = indicator.toUpperCase();
  return {
    component: `${indicator}_crossover`,
    params: { fast: `${label}_${fast}`, slow: `${label}_${slow}` },
    indicators: [
      { component: indicator, params: { period: fast } },
      { component: indicator, params: { period: slow } },
    ],
  };
}

/** The strategies of a clean config, however it lists them: { type: { params } } maps, or lists of them. */
function strategyEntries(doc: Raw): { type: string; params: Raw; risk: Raw | null }[] {
  const production = isRecord(doc.production) ? doc.production : {};
  const source = doc.strategy ?? doc.strategies ?? production.strategy;
  const list = Array.isArray(source) ? source : [source];
  return list.flatMap((entry) => {
    if (typeof entry === 'string') return [{ type: entry, params: {}, risk: null }];
    if (!isRecord(entry)) return [];
    if (typeof entry.type === 'string' || typeof entry.name === 'string') {
      const type = String(entry.type ?? entry.name);
      const params = isRecord(entry.params)
        ? entry.params
        : isRecord(entry.param_overrides)
          ? entry.param_overrides
          : {};
      return [{ type, params, risk: isRecord(entry.risk) ? entry.risk : null }];
    }
    return Object.entries(entry)
      .filter(([, value]) => isRecord(value))
      .map(([type, value]) => {
        const body = value as Raw;
        return {
          type,
          params: isRecord(body.params) ? body.params : {},
          risk: isRecord(body.risk) ? body.risk : null,
        };
      });
  });
}

export function importCleanSyntax(text: string): CleanImport {
  const parsed = parseDocument(text);
  if (parsed.errors.length > 0)
    return { ok: false, error: parsed.errors[0]!.message.split('\n')[0]! };
  const doc = parsed.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isCleanSyntax(doc))
    return { ok: false, error: 'This is not an ADMF-PC clean-syntax config (no strategy found)' };
  const config = doc as Raw;
  const warnings: string[] = [];
  const taken = new Set<string>();
  const containers: FlowContainer[] = [];
  const add = (base: string, component: string, params: Raw): string => {
    const spec = findComponent(component)!;
    const name = uniqueName(base, taken);
    taken.add(name);
    containers.push({
      name,
      kind: spec.kind,
      component,
      params: { ...defaultParams(spec), ...params },
    });
    return name;
  };

  const data = isRecord(config.data) ? config.data : {};
  const range = {
    start_date: String(data.start_date ?? config.start_date ?? ''),
    end_date: String(data.end_date ?? config.end_date ?? ''),
  };
  const symbols = (Array.isArray(config.symbols) ? config.symbols : [config.symbol ?? 'SYN']).map(
    String,
  );
  if (typeof data.file === 'string')
    add('data', 'csv_bars', { file: data.file, symbol: symbols[0] ?? 'CSV', ...range });
  else if (symbols.length === 1 && /^(SPY|SPX|\^GSPC)$/i.test(symbols[0]!))
    add('data', 'sample_bars', { sample: 'sp500_daily', ...range });
  else if (symbols.length === 1 && /^AAPL$/i.test(symbols[0]!))
    add('data', 'sample_bars', { sample: 'aapl_daily', ...range });
  else {
    add('data', 'synthetic_bars', { symbols: symbols.join(', ') });
    warnings.push(
      `No bars for ${symbols.join(', ')} ship with Flow Studio: the flow uses synthetic bars; switch the data container to your CSV`,
    );
  }
  if (
    typeof config.timeframe === 'string' &&
    config.timeframe !== '1d' &&
    config.timeframe !== '1D'
  ) {
    warnings.push(
      `Timeframe ${config.timeframe}: the bars' own spacing is used; resampling is not part of a flow`,
    );
  }

  const indicators = new Map<string, string>();
  const strategies: { name: string; risk: Raw | null }[] = [];
  for (const entry of strategyEntries(config)) {
    const plan = STRATEGIES[entry.type];
    if (!plan) {
      warnings.push(
        `Strategy "${entry.type}" has no counterpart in the catalogue and was left out`,
      );
      continue;
    }
    const { component, params, indicators: needs } = plan(entry.params);
    for (const need of needs) {
      const key = `${need.component}:${JSON.stringify(need.params)}`;
      if (!indicators.has(key))
        indicators.set(
          key,
          add(
            `${need.component}_${Object.values(need.params).join('_')}`,
            need.component,
            need.params,
          ),
        );
    }
    strategies.push({ name: add(entry.type, component, params), risk: entry.risk });
  }
  if (strategies.length === 0)
    return { ok: false, error: 'None of the config’s strategies could be imported' };

  const globalRisk = isRecord(config.risk) ? config.risk : {};
  const riskParams = (risk: Raw | null): Raw => {
    const merged = { ...globalRisk, ...risk };
    const out: Raw = {
      sizing: 'percent_equity',
      equity_pct: Math.min(100, num(merged.position_size, 0.95) * 100),
    };
    if (typeof merged.stop_loss === 'number') out.stop_loss_pct = merged.stop_loss * 100;
    if (typeof merged.take_profit === 'number') out.take_profit_pct = merged.take_profit * 100;
    if (typeof merged.trailing_stop === 'number')
      out.trailing_stop_pct = merged.trailing_stop * 100;
    if (typeof merged.max_holding_period === 'number')
      out.max_holding_bars = merged.max_holding_period;
    if (typeof merged.max_drawdown === 'number') out.max_drawdown_pct = merged.max_drawdown * 100;
    for (const key of Object.keys(merged)) {
      if (
        ![
          'position_size',
          'stop_loss',
          'take_profit',
          'trailing_stop',
          'max_holding_period',
          'max_drawdown',
        ].includes(key)
      ) {
        warnings.push(`Risk setting "${key}" has no counterpart and was left out`);
      }
    }
    return out;
  };
  const ownRisk = strategies.some((strategy) => strategy.risk !== null);
  const risks = ownRisk
    ? strategies.map((strategy) =>
        add(`${strategy.name}_risk`, 'risk_manager', riskParams(strategy.risk)),
      )
    : [add('risk', 'risk_manager', riskParams(null))];

  const execution = isRecord(config.execution) ? config.execution : {};
  const broker: Raw = {};
  const commission = execution.commission;
  if (typeof commission === 'number')
    Object.assign(broker, { commission_model: 'percentage', commission_pct: commission * 100 });
  else if (isRecord(commission) && commission.type === 'per_share')
    Object.assign(broker, {
      commission_model: 'per_share',
      commission_per_share: num(commission.value, 0),
    });
  const slippage = execution.slippage;
  if (typeof slippage === 'number')
    Object.assign(broker, { slippage_model: 'percentage', slippage_pct: slippage * 100 });
  else if (isRecord(slippage) && slippage.type === 'fixed')
    Object.assign(broker, { slippage_model: 'fixed', slippage_per_share: num(slippage.value, 0) });
  const brokerName = add('broker', 'simulated_broker', broker);
  const portfolio = isRecord(config.portfolio) ? config.portfolio : {};
  const cash = num(
    portfolio.initial_capital ?? execution.initial_capital ?? config.initial_capital,
    100_000,
  );
  const portfolioName = add('portfolio', 'portfolio', { initial_cash: cash });

  const chain = ['data', ...indicators.values()];
  const patterns: PatternConfig[] = [];
  if (strategies.length === 1) {
    patterns.push({
      type: 'pipeline',
      containers: [...chain, strategies[0]!.name, risks[0]!, brokerName, portfolioName],
    });
  } else {
    patterns.push({ type: 'pipeline', containers: chain });
    patterns.push({
      type: 'broadcast',
      source: chain.at(-1)!,
      targets: strategies.map((s) => s.name),
    });
    strategies.forEach((strategy, i) => {
      const lastOne = i === strategies.length - 1;
      const risk = risks[ownRisk ? i : 0]!;
      const downstream = lastOne ? [brokerName, portfolioName] : ownRisk ? [brokerName] : [];
      patterns.push({ type: 'pipeline', containers: [strategy.name, risk, ...downstream] });
    });
  }

  const model: FlowModel = {
    name: typeof config.name === 'string' ? config.name : 'Imported flow',
    description: 'Imported from an ADMF-PC clean-syntax config',
    containers,
    event_flow: patterns,
    event_system: DEFAULT_EVENT_SYSTEM,
    run: DEFAULT_RUN,
    layout: {},
    grid: null,
    sweep: DEFAULT_SWEEP,
  };
  return { ok: true, text: newFlowText(model), warnings };
}
