/**
 * Imports a config in ADMF-PC's clean syntax as a flow: data → the indicators its strategies need
 * → the strategies (broadcast when several) → risk → broker → portfolio. It reads the forms
 * ADMF-PC's own configs use: `data: SPY_5m` and its list and block forms, `symbols`/`timeframe`,
 * strategies as `{type: {params}}`, `{type: {inline params}}`, `{name, type, params}` and
 * `production.strategy`, lists and `range(...)` as parameter grids, risk and execution blocks.
 * Every key it cannot map is named in a warning with its line; nothing is dropped in silence.
 */
import { isMap, isScalar, LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import { indicatorName } from '../../engine/components/features';
import { DEFAULT_RUN, type PatternConfig } from '../../engine/config';
import { defaultParams, findComponent } from '../catalogue';
import { DEFAULT_EVENT_SYSTEM } from '../eventSystem';
import { DEFAULT_SWEEP } from '../grid';
import type { FlowContainer, FlowModel } from '../model';
import { uniqueName } from '../names';
import { newFlowText } from '../serialize';
import { mappingForAdmf, type ParamLink, type StrategyMapping } from './strategies';

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export type AdmfImport =
  | { readonly ok: true; readonly text: string; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: string };

/** Keys of a strategy entry that are not its parameters. */
const ENTRY_KEYS = new Set([
  'params',
  'parameters',
  'param_overrides',
  'filter',
  'filter_params',
  'constraints',
  'condition',
  'threshold',
  'weight',
  'risk',
  'name',
  'type',
  'enabled',
  'allocation',
  'symbols',
  'timeframe',
]);

/** Top-level keys and what becomes of each. */
const HANDLED = new Set([
  'name',
  'description',
  'symbols',
  'symbol',
  'data',
  'timeframe',
  'timeframes',
  'start_date',
  'end_date',
  'strategy',
  'strategies',
  'production',
  'risk',
  'execution',
  'portfolio',
  'initial_capital',
]);
const NOT_NEEDED: Readonly<Record<string, string>> = {
  mode: 'a flow is run, swept or walked forward from the app or the runner',
  type: 'a flow is run, swept or walked forward from the app or the runner',
  features: 'indicators are containers of the flow, made for the strategies that read them',
  data_source: 'the data container says where bars come from',
  data_dir: 'the data container says where bars come from',
  analysis: 'every run reports its metrics, trades and equity',
  results: 'the runner writes results to --out',
};

/** Whether a parsed document looks like clean syntax rather than a Flow Studio flow. */
export function isAdmfConfig(value: unknown): boolean {
  if (!isRecord(value) || 'containers' in value || 'event_flow' in value) return false;
  const production = isRecord(value.production) ? value.production : {};
  return 'strategy' in value || 'strategies' in value || 'strategy' in production;
}

interface Entry {
  readonly type: string;
  readonly name: string | null;
  readonly params: Raw;
  readonly risk: Raw | null;
  /** Document path of the entry, for line numbers. */
  readonly path: readonly (string | number)[];
  readonly extra: Raw;
  /** Where each extra key is written, when not inside the entry itself. */
  readonly extraAt?: Readonly<Record<string, readonly (string | number)[]>>;
}

export function importAdmf(text: string): AdmfImport {
  const lines = new LineCounter();
  const parsed = parseDocument(text, { lineCounter: lines });
  if (parsed.errors.some((error) => error.code === 'MULTIPLE_DOCS')) {
    // Several configs in one file (separated by ---): the first is imported, the others named.
    const documents = parseAllDocuments(text);
    const second = Array.isArray(documents) ? documents[1]?.range[0] : undefined;
    if (second !== undefined) {
      const first = importAdmf(text.slice(0, second).replace(/\n---\s*$/, '\n'));
      if (!first.ok) return first;
      return {
        ...first,
        warnings: [
          ...first.warnings,
          `The file holds ${documents.length} configs separated by ---: the first was imported; open each of the others on its own`,
        ],
      };
    }
  }
  if (parsed.errors.length > 0)
    return { ok: false, error: parsed.errors[0]!.message.split('\n')[0]! };
  const doc = parsed.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isAdmfConfig(doc))
    return { ok: false, error: 'This is not an ADMF-PC clean-syntax config (no strategy found)' };
  const config = doc as Raw;
  const warnings: string[] = [];
  const lineOf = (path: readonly (string | number)[]) => {
    const node = parsed.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const pair = path.length > 0 ? findKeyLine(parsed.contents, path) : undefined;
    const at = pair ?? node?.range?.[0];
    return at === undefined ? '' : `line ${lines.linePos(at).line}: `;
  };
  const warn = (path: readonly (string | number)[], message: string) =>
    warnings.push(`${lineOf(path)}${message}`);

  const taken = new Set<string>();
  const containers: FlowContainer[] = [];
  const add = (base: string, component: string, params: Raw): string => {
    const spec = findComponent(component)!;
    const name = uniqueName(
      base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([^A-Za-z])/, 's_$1'),
      taken,
    );
    taken.add(name);
    containers.push({
      name,
      kind: spec.kind,
      component,
      params: { ...defaultParams(spec), ...params },
    });
    return name;
  };

  for (const key of Object.keys(config)) {
    if (HANDLED.has(key)) continue;
    const why = NOT_NEEDED[key];
    warn(
      [key],
      why
        ? `"${key}" is not needed: ${why}`
        : `"${key}" has no counterpart in a flow and was left out`,
    );
  }

  readData(config, add, warn);

  const indicators = new Map<string, string>();
  const strategies: { name: string; risk: Raw | null }[] = [];
  for (const entry of strategyEntries(config, warn)) {
    const mapping = mappingForAdmf(entry.type);
    if (!mapping) {
      warn(
        entry.path,
        `Strategy "${entry.type}" has no counterpart in the catalogue and was left out`,
      );
      continue;
    }
    for (const [key] of Object.entries(entry.extra)) {
      if (key === 'filter' || key === 'condition' || key === 'threshold') {
        const value = entry.extra[key];
        if (key === 'filter' && typeof value === 'string' && /^\s*signal\s*!=\s*0\s*$/.test(value))
          continue;
        warn(
          entry.extraAt?.[key] ?? [...entry.path, key],
          `${key} "${String(value).trim()}" of ${entry.type} is not translated: the condition language has no counterpart for ADMF-PC's signal filters; it was left out`,
        );
      } else if (
        key !== 'name' &&
        key !== 'type' &&
        key !== 'params' &&
        key !== 'risk' &&
        key !== 'parameters' &&
        key !== 'param_overrides'
      )
        warn(
          entry.extraAt?.[key] ?? [...entry.path, key],
          `"${key}" of ${entry.type} has no counterpart and was left out`,
        );
    }
    const strategyParams = plan(mapping, entry, add, indicators, warn);
    strategies.push({
      name: add(entry.name ?? entry.type, mapping.component, strategyParams),
      risk: entry.risk,
    });
  }
  if (strategies.length === 0)
    return {
      ok: false,
      error: `None of the config’s strategies could be imported: ${warnings.filter((w) => /Strategy|strategy entry/.test(w)).join('; ') || 'it lists none'}`,
    };

  const risks = readRisk(config, strategies, add, warn);
  const [brokerName, portfolioName] = readExecution(config, add, warn);

  const chain = [containers[0]!.name, ...indicators.values()];
  const patterns: PatternConfig[] = [];
  if (strategies.length === 1) {
    patterns.push({
      type: 'pipeline',
      containers: [...chain, strategies[0]!.name, risks[0]!, brokerName, portfolioName],
    });
  } else {
    const own = risks.length > 1;
    patterns.push({ type: 'pipeline', containers: chain });
    patterns.push({
      type: 'broadcast',
      source: chain.at(-1)!,
      targets: strategies.map((s) => s.name),
    });
    strategies.forEach((strategy, i) => {
      const last = i === strategies.length - 1;
      const downstream = last ? [brokerName, portfolioName] : own ? [brokerName] : [];
      patterns.push({
        type: 'pipeline',
        containers: [strategy.name, risks[own ? i : 0]!, ...downstream],
      });
    });
  }

  const model: FlowModel = {
    name: typeof config.name === 'string' ? config.name : 'Imported flow',
    description:
      typeof config.description === 'string'
        ? config.description
        : 'Imported from an ADMF-PC clean-syntax config',
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

/** The offset of the key at the end of `path`, for a line number that points at the key. */
function findKeyLine(node: unknown, path: readonly (string | number)[]): number | undefined {
  let current = node;
  let at: number | undefined;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) return at;
      at = (pair.key as { range?: [number] }).range?.[0] ?? at;
      current = pair.value;
    } else if (
      current &&
      typeof current === 'object' &&
      'items' in current &&
      typeof segment === 'number'
    ) {
      const item = (current as { items: unknown[] }).items[segment] as
        | { range?: [number] }
        | undefined;
      at = item?.range?.[0] ?? at;
      current = item;
    } else return at;
  }
  return at;
}

/** x × factor without the float noise of a percent conversion (0.07 × 100 is 7, not 7.000000000000001). */
export const scaled = (x: number, factor: number) => Number((x * factor).toPrecision(12));

const GRID_STRING = /^\s*range\s*\(/;
const isGrid = (value: unknown) =>
  Array.isArray(value) || (typeof value === 'string' && GRID_STRING.test(value));

/** A parameter's value: a number (scaled), a grid passed through, or the default with a warning. */
function linkValue(
  link: ParamLink,
  given: Raw,
  used: Set<string>,
  where: readonly (string | number)[],
  warn: (path: readonly (string | number)[], message: string) => void,
): unknown {
  const key = link.admf.find((name) => name in given);
  if (key === undefined) return scaled(link.default, link.scale ?? 1);
  used.add(key);
  const value = given[key];
  if (typeof value === 'number') return scaled(value, link.scale ?? 1);
  if (isGrid(value) && !link.scale) return value;
  if (isGrid(value)) {
    const first = Array.isArray(value)
      ? Number(value[0])
      : Number(/\(([^,)]+)/.exec(String(value))?.[1]);
    warn([...where, key], `${key}: a grid of fractions is swept by its first value, ${first}`);
    return first * (link.scale ?? 1);
  }
  warn(
    [...where, key],
    `${key}: ${JSON.stringify(value)} is not a number; the default ${link.default} is used`,
  );
  return scaled(link.default, link.scale ?? 1);
}

function plan(
  mapping: StrategyMapping,
  entry: Entry,
  add: (base: string, component: string, params: Raw) => string,
  indicators: Map<string, string>,
  warn: (path: readonly (string | number)[], message: string) => void,
): Raw {
  const used = new Set<string>();
  const where = [...entry.path, ...(entry.extra.params ? ['params'] : [])];
  const out: Raw = {};
  for (const need of mapping.indicators) {
    const params: Raw = {};
    for (const [key, link] of Object.entries(need.params))
      params[key] = linkValue(link, entry.params, used, where, warn);
    const swept = Object.values(params).some(isGrid);
    const id = `${need.component}:${JSON.stringify(params)}`;
    let container = indicators.get(id);
    if (!container) {
      const values = Object.values(params).filter((v) => typeof v === 'number');
      container = add(
        [need.component, ...values].join('_').replace(/\./g, '_'),
        need.component,
        params,
      );
      indicators.set(id, container);
    }
    const spec = findComponent(need.component)!;
    const own = indicatorName(spec, { ...defaultParams(spec), ...params });
    // A swept indicator's name changes from run to run, and a name that leaves out a parameter
    // (PSAR for any step and maximum) would be shared by two of them: either is read by its
    // container's name.
    const template = spec.nameTemplate ?? '';
    const ambiguous = Object.keys(params).some((key) => !template.includes(`{${key}}`));
    const name = swept || ambiguous ? container : own;
    out[need.feature] = need.output ? `${name}.${need.output}` : name;
  }
  for (const [key, link] of Object.entries(mapping.params))
    out[key] = linkValue(link, entry.params, used, where, warn);
  for (const key of Object.keys(entry.params)) {
    if (used.has(key)) continue;
    const why = mapping.ignored?.[key];
    warn(
      [...where, key],
      why
        ? `${entry.type}: "${key}" is not used: ${why}`
        : `${entry.type}: parameter "${key}" has no counterpart and was left out`,
    );
  }
  return out;
}

/** The strategies of a config, however it lists them. */
function strategyEntries(
  config: Raw,
  warn: (path: readonly (string | number)[], message: string) => void,
): Entry[] {
  const production = isRecord(config.production) ? config.production : {};
  const key = 'strategy' in config ? 'strategy' : 'strategies' in config ? 'strategies' : null;
  const base: (string | number)[] = key ? [key] : ['production', 'strategy'];
  const source = key ? config[key] : production.strategy;
  const list = Array.isArray(source) ? source : [source];
  return list.flatMap((entry, index): Entry[] => {
    const path = Array.isArray(source) ? [...base, index] : base;
    if (typeof entry === 'string')
      return [{ type: entry, name: null, params: {}, risk: null, path, extra: {} }];
    if (!isRecord(entry)) {
      warn(path, 'A strategy entry that is not a map was left out');
      return [];
    }
    if (typeof entry.type === 'string') {
      const params = pick(entry, ['params', 'parameters', 'param_overrides']);
      return [
        {
          type: entry.type,
          name: typeof entry.name === 'string' ? entry.name : null,
          params,
          risk: isRecord(entry.risk) ? entry.risk : null,
          path,
          extra: entry,
        },
      ];
    }
    // A group: { filter, strategies: [...] } around its own strategies.
    const inner = entry.strategies ?? entry.strategy;
    if (inner !== undefined && typeof entry.type !== 'string') {
      for (const key of ['filter', 'threshold', 'condition', 'weight'])
        if (key in entry)
          warn(
            [...path, key],
            `${key} "${String(entry[key]).trim()}" of a strategy group is not translated; it was left out`,
          );
      return strategyEntries({ strategy: inner }, (where, message) =>
        warn(
          [...path, 'strategies' in entry ? 'strategies' : 'strategy', ...where.slice(1)],
          message,
        ),
      );
    }
    // { type: { params } } or { type: { inline params } }, with the entry's own keys beside.
    const out: Entry[] = [];
    for (const [type, body] of Object.entries(entry)) {
      if (ENTRY_KEYS.has(type)) continue;
      const typeName = /^(\w+)\(/.exec(type)?.[1] ?? type;
      if (typeName !== type)
        warn(
          [...path, type],
          `"${type}": positional parameters are not read; ${typeName}'s defaults are used`,
        );
      const inner = isRecord(body) ? body : {};
      const params = isRecord(inner.params)
        ? inner.params
        : Object.fromEntries(Object.entries(inner).filter(([k]) => !ENTRY_KEYS.has(k)));
      const extra: Raw = {
        ...Object.fromEntries(Object.entries(inner).filter(([k]) => ENTRY_KEYS.has(k))),
      };
      const extraAt: Record<string, (string | number)[]> = {};
      for (const [k, v] of Object.entries(entry))
        if (ENTRY_KEYS.has(k)) {
          extra[k] = v;
          extraAt[k] = [...path, k];
        }
      const risk = isRecord(inner.risk) ? inner.risk : isRecord(entry.risk) ? entry.risk : null;
      out.push({ type: typeName, name: null, params, risk, path: [...path, type], extra, extraAt });
    }
    if (out.length === 0) warn(path, 'A strategy entry names no strategy and was left out');
    return out;
  });
}

const pick = (entry: Raw, keys: readonly string[]): Raw => {
  for (const key of keys) if (isRecord(entry[key])) return entry[key] as Raw;
  return {};
};

const SYMBOL_TIMEFRAME = /^([A-Za-z^.-]+?)_(\d+[smhdwSMHDW]|1d|1D|daily)$/;

function readData(
  config: Raw,
  add: (base: string, component: string, params: Raw) => string,
  warn: (path: readonly (string | number)[], message: string) => void,
): void {
  const block = isRecord(config.data) ? config.data : {};
  const range = {
    start_date: String(block.start_date ?? config.start_date ?? ''),
    end_date: String(block.end_date ?? config.end_date ?? ''),
  };
  const names =
    typeof config.data === 'string'
      ? [config.data]
      : Array.isArray(config.data)
        ? config.data.map(String)
        : [];
  if (names.length > 0) {
    const [first, ...rest] = names as [string, ...string[]];
    const match = SYMBOL_TIMEFRAME.exec(first);
    const symbol = match?.[1] ?? first;
    add('data', 'csv_bars', { file: `${first}.csv`, symbol, ...range });
    warn(
      ['data'],
      `data ${first}: the bars are read from ${first}.csv (ADMF-PC's data/${first}.csv): upload it in the Data tab, or give it to the runner with --data`,
    );
    if (rest.length > 0)
      warn(
        ['data'],
        `data ${rest.join(', ')}: one data file per flow is read here; the others were left out`,
      );
    return;
  }
  for (const key of Object.keys(block))
    if (!['file', 'file_path', 'path', 'start_date', 'end_date', 'source', 'type'].includes(key))
      warn(['data', key], `data.${key} has no counterpart and was left out`);
  const symbols = (
    Array.isArray(config.symbols) ? config.symbols : config.symbol ? [config.symbol] : []
  ).map(String);
  const file = block.file ?? block.file_path ?? block.path;
  if (typeof file === 'string') {
    add('data', 'csv_bars', { file, symbol: symbols[0] ?? 'CSV', ...range });
    return;
  }
  if (symbols.length === 1 && /^(SPY|SPX|\^GSPC)$/i.test(symbols[0]!)) {
    add('data', 'sample_bars', { sample: 'sp500_daily', ...range });
    warn(
      ['symbols'],
      `symbols ${symbols[0]}: the S&P 500 daily sample (2000–2020) stands in for it; point the data container at your own CSV for other bars`,
    );
  } else if (symbols.length === 1 && /^AAPL$/i.test(symbols[0]!)) {
    add('data', 'sample_bars', { sample: 'aapl_daily', ...range });
  } else if (symbols.length > 0) {
    add('data', 'csv_bars', { file: `${symbols[0]}.csv`, symbol: symbols[0], ...range });
    warn(
      ['symbols'],
      `symbols ${symbols.join(', ')}: the bars are read from ${symbols[0]}.csv: upload it in the Data tab, or give it to the runner with --data${symbols.length > 1 ? '; the other symbols were left out' : ''}`,
    );
  } else {
    add('data', 'synthetic_bars', {});
    warn(
      [],
      'The config names no data: the flow uses synthetic bars; point the data container at your CSV',
    );
  }
  const timeframe =
    config.timeframe ?? (Array.isArray(config.timeframes) ? config.timeframes[0] : undefined);
  if (timeframe !== undefined && !/^(1d|1D|D|daily)$/.test(String(timeframe)))
    warn(
      [config.timeframe !== undefined ? 'timeframe' : 'timeframes'],
      `timeframe ${String(timeframe)}: the bars' own spacing is used; resampling is not part of a flow`,
    );
}

const RISK_KEYS = [
  'position_size',
  'stop_loss',
  'take_profit',
  'trailing_stop',
  'max_holding_period',
  'max_drawdown',
];

function readRisk(
  config: Raw,
  strategies: readonly { name: string; risk: Raw | null }[],
  add: (base: string, component: string, params: Raw) => string,
  warn: (path: readonly (string | number)[], message: string) => void,
): string[] {
  const global = isRecord(config.risk) ? config.risk : {};
  for (const key of Object.keys(global))
    if (!RISK_KEYS.includes(key))
      warn(['risk', key], `Risk setting "${key}" has no counterpart and was left out`);
  const params = (own: Raw | null): Raw => {
    const merged = { ...global, ...own };
    const out: Raw = {
      sizing: 'percent_equity',
      equity_pct: Math.min(
        100,
        scaled(typeof merged.position_size === 'number' ? merged.position_size : 0.95, 100),
      ),
    };
    if (typeof merged.stop_loss === 'number') out.stop_loss_pct = scaled(merged.stop_loss, 100);
    if (typeof merged.take_profit === 'number')
      out.take_profit_pct = scaled(merged.take_profit, 100);
    if (typeof merged.trailing_stop === 'number')
      out.trailing_stop_pct = scaled(merged.trailing_stop, 100);
    if (typeof merged.max_holding_period === 'number')
      out.max_holding_bars = merged.max_holding_period;
    if (typeof merged.max_drawdown === 'number')
      out.max_drawdown_pct = scaled(merged.max_drawdown, 100);
    for (const key of Object.keys(own ?? {}))
      if (!RISK_KEYS.includes(key) || typeof merged[key] !== 'number')
        warn([], `Risk setting "${key}" of a strategy has no counterpart and was left out`);
    return out;
  };
  if (strategies.some((s) => s.risk !== null))
    return strategies.map((s) => add(`${s.name}_risk`, 'risk_manager', params(s.risk)));
  return [add('risk', 'risk_manager', params(null))];
}

function readExecution(
  config: Raw,
  add: (base: string, component: string, params: Raw) => string,
  warn: (path: readonly (string | number)[], message: string) => void,
): [string, string] {
  const execution = isRecord(config.execution) ? config.execution : {};
  const portfolio = isRecord(config.portfolio) ? config.portfolio : {};
  const broker: Raw = {};
  const commission = execution.commission ?? portfolio.commission;
  if (typeof commission === 'number')
    Object.assign(broker, {
      commission_model: 'percentage',
      commission_pct: scaled(commission, 100),
    });
  else if (isRecord(commission) && commission.type === 'per_share')
    Object.assign(broker, {
      commission_model: 'per_share',
      commission_per_share: Number(commission.value) || 0,
    });
  else if (isRecord(commission) && commission.type === 'fixed')
    Object.assign(broker, {
      commission_model: 'fixed',
      commission_fixed: Number(commission.value) || 0,
    });
  else if (commission !== undefined)
    warn(
      ['execution', 'commission'],
      `commission ${JSON.stringify(commission)} has no counterpart; no commission is charged`,
    );
  const slippage = execution.slippage;
  if (typeof slippage === 'number')
    Object.assign(broker, { slippage_model: 'percentage', slippage_pct: scaled(slippage, 100) });
  else if (isRecord(slippage) && slippage.type === 'fixed')
    Object.assign(broker, {
      slippage_model: 'fixed',
      slippage_per_share: Number(slippage.value) || 0,
    });
  else if (slippage !== undefined)
    warn(
      ['execution', 'slippage'],
      `slippage ${JSON.stringify(slippage)} has no counterpart; no slippage is applied`,
    );
  if (execution.fill_price === 'close') broker.fill_timing = 'next_close';
  for (const key of Object.keys(execution))
    if (!['commission', 'slippage', 'initial_capital', 'fill_price'].includes(key))
      warn(['execution', key], `execution.${key} has no counterpart and was left out`);
  for (const key of Object.keys(portfolio))
    if (!['initial_capital', 'commission'].includes(key))
      warn(['portfolio', key], `portfolio.${key} has no counterpart and was left out`);
  const cash = portfolio.initial_capital ?? execution.initial_capital ?? config.initial_capital;
  return [
    add('broker', 'simulated_broker', broker),
    add('portfolio', 'portfolio', { initial_cash: typeof cash === 'number' ? cash : 100_000 }),
  ];
}

/** Whether a text reads as an ADMF-PC config (for offering to convert what was pasted). */
export function isAdmfText(text: string): boolean {
  if (!/^\s*(strategy|strategies|production)\s*:/m.test(text)) return false;
  try {
    const doc = parseAllDocuments(text);
    const first = Array.isArray(doc) ? doc[0] : undefined;
    return first ? isAdmfConfig(first.toJS({ maxAliasCount: 100 })) : false;
  } catch {
    return false;
  }
}
