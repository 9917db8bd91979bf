/**
 * Writes a flow as an ADMF-PC clean-syntax config: its data, its strategies with the parameters of
 * the indicators they read, its risk and its execution costs. What has no counterpart in ADMF-PC's
 * clean syntax (classifiers, rule strategies, routing patterns, event-system settings…) is listed,
 * so the user sees it before downloading. importAdmf(exportAdmf(flow)) gives the flow back for
 * every flow made of parts that map (admf/roundtrip.test.ts).
 */
import { parseDocument, stringify } from 'yaml';
import { indicatorName, parseFeatureRef } from '../../engine/components/features';
import { defaultParams, findComponent } from '../catalogue';
import type { FlowContainer, FlowModel } from '../model';
import { scaled } from './import';
import { mappingForComponent } from './strategies';

type Raw = Record<string, unknown>;

export interface AdmfExport {
  readonly text: string;
  /** Parts of the flow the config does not carry, in words. */
  readonly unmapped: readonly string[];
}

const RISK_DEFAULTS = defaultParams(findComponent('risk_manager')!);

export function exportAdmf(model: FlowModel, source?: string): AdmfExport {
  const unmapped: string[] = [];
  const config: Raw = { name: model.name };
  if (model.description) config.description = model.description;
  const used = new Set<string>();

  const data = model.containers.filter((c) => c.kind === 'data');
  if (data.length !== 1)
    unmapped.push(`${data.length} data containers: a config has one data source`);
  if (data[0]) Object.assign(config, exportData(data[0], unmapped));
  for (const d of data) used.add(d.name);

  // Raw text of each container's params: a swept value (a list, a range) is written as written.
  const written = rawParams(source);
  const strategies: Raw[] = [];
  const riskOf = new Map<string, Raw>();
  for (const container of model.containers) {
    if (container.kind !== 'strategy') continue;
    const mapping = container.component ? mappingForComponent(container.component) : undefined;
    if (!mapping) {
      unmapped.push(
        `strategy "${container.name}" (${container.component}): ADMF-PC has no such strategy type`,
      );
      used.add(container.name);
      continue;
    }
    used.add(container.name);
    const params: Raw = {};
    const value = (name: string, key: string) =>
      written[name]?.[key] ?? containerOf(model, name)?.params[key];
    for (const need of mapping.indicators) {
      const ref = parseFeatureRef(String(container.params[need.feature] ?? ''));
      const indicator = model.containers.find(
        (c) =>
          c.component === need.component &&
          (c.name === ref.name ||
            indicatorName(findComponent(c.component)!, c.params) === ref.name),
      );
      if (!indicator) {
        unmapped.push(
          `${container.name}.${need.feature}: no ${need.component} indicator named ${ref.name}`,
        );
        continue;
      }
      used.add(indicator.name);
      for (const [key, link] of Object.entries(need.params))
        params[link.admf[0]!] = unscale(value(indicator.name, key), link.scale);
    }
    for (const [key, link] of Object.entries(mapping.params))
      params[link.admf[0]!] = unscale(value(container.name, key), link.scale);
    if (container.params.entry !== undefined && container.params.entry !== 'cross')
      unmapped.push(
        `${container.name}: entry "${String(container.params.entry)}" (ADMF-PC has no entry setting)`,
      );
    strategies.push({ name: container.name, type: mapping.admf[0], params });
  }
  if (strategies.length > 0) config.strategies = strategies;

  const risks = model.containers.filter((c) => c.component === 'risk_manager');
  for (const risk of risks) used.add(risk.name);
  if (risks.length === 1) {
    const risk = exportRisk(risks[0]!, unmapped);
    if (Object.keys(risk).length > 0) config.risk = risk;
  } else if (risks.length === strategies.length && risks.length > 1) {
    strategies.forEach((strategy, i) => {
      riskOf.set(String(strategy.name), exportRisk(risks[i]!, unmapped));
      strategy.risk = riskOf.get(String(strategy.name));
    });
  } else if (risks.length > 1)
    unmapped.push(`${risks.length} risk managers for ${strategies.length} strategies`);

  const execution: Raw = {};
  for (const broker of model.containers.filter((c) => c.component === 'simulated_broker')) {
    used.add(broker.name);
    Object.assign(execution, exportBroker(broker, unmapped));
  }
  const portfolio = model.containers.find((c) => c.component === 'portfolio');
  if (portfolio) {
    used.add(portfolio.name);
    config.initial_capital = portfolio.params.initial_cash;
  }
  if (Object.keys(execution).length > 0) config.execution = execution;

  for (const container of model.containers)
    if (!used.has(container.name))
      unmapped.push(
        `${container.kind} "${container.name}" (${container.component ?? 'no component'})`,
      );
  const kinds = new Set(model.event_flow.map((p) => p.type));
  for (const kind of ['hierarchical', 'selective'] as const)
    if (kinds.has(kind))
      unmapped.push(`the ${kind} connections (ADMF-PC's clean syntax wires strategies itself)`);
  if (model.event_system.routing.length > 0) unmapped.push('event_system routes and their filters');
  if (model.sweep.constraints.length > 0) unmapped.push('sweep constraints');
  return { text: stringify(config, { lineWidth: 0 }), unmapped };
}

const containerOf = (model: FlowModel, name: string) =>
  model.containers.find((c) => c.name === name);

function unscale(value: unknown, scale: number | undefined): unknown {
  return typeof value === 'number' && scale ? scaled(value, 1 / scale) : value;
}

/** Each container's params as written in the YAML (grids included), when the text is known. */
function rawParams(source: string | undefined): Record<string, Raw> {
  if (!source) return {};
  const doc = parseDocument(source).toJS({ maxAliasCount: 100 }) as Raw | null;
  const containers = doc && typeof doc.containers === 'object' ? (doc.containers as Raw) : {};
  return Object.fromEntries(
    Object.entries(containers).map(([name, body]) => [
      name,
      ((body as Raw | null)?.params as Raw | undefined) ?? {},
    ]),
  );
}

function exportData(container: FlowContainer, unmapped: string[]): Raw {
  const p = container.params;
  const range: Raw = {};
  if (p.start_date) range.start_date = p.start_date;
  if (p.end_date) range.end_date = p.end_date;
  switch (container.component) {
    case 'sample_bars':
      return { symbols: [p.sample === 'aapl_daily' ? 'AAPL' : 'SPY'], ...range };
    case 'csv_bars': {
      const file = String(p.file ?? '');
      const stem = /^(\w+?)_(\w+)\.csv$/.exec(file);
      if (stem && stem[1] === p.symbol) return { data: file.replace(/\.csv$/, ''), ...range };
      return { symbols: [p.symbol], data: { file }, ...range };
    }
    default:
      unmapped.push(`data "${container.name}": synthetic bars (ADMF-PC reads its data files)`);
      return { symbols: String(p.symbols ?? 'SYN').split(/\s*,\s*/), ...range };
  }
}

function exportRisk(container: FlowContainer, unmapped: string[]): Raw {
  const p = container.params;
  const out: Raw = {};
  if (p.sizing !== 'percent_equity')
    unmapped.push(`${container.name}: ${String(p.sizing)} sizing (ADMF-PC sizes by position_size)`);
  if (p.equity_pct !== RISK_DEFAULTS.equity_pct)
    out.position_size = scaled(Number(p.equity_pct), 1 / 100);
  const percent = (key: string, admf: string) => {
    if (typeof p[key] === 'number' && p[key] !== 0) out[admf] = scaled(p[key] as number, 1 / 100);
  };
  percent('stop_loss_pct', 'stop_loss');
  percent('take_profit_pct', 'take_profit');
  percent('trailing_stop_pct', 'trailing_stop');
  percent('max_drawdown_pct', 'max_drawdown');
  if (typeof p.max_holding_bars === 'number' && p.max_holding_bars > 0)
    out.max_holding_period = p.max_holding_bars;
  for (const key of [
    'allow_short',
    'min_strength',
    'entry_order',
    'max_position',
    'max_exposure_pct',
  ])
    if (p[key] !== undefined && p[key] !== RISK_DEFAULTS[key])
      unmapped.push(`${container.name}.${key} = ${JSON.stringify(p[key])}`);
  return out;
}

function exportBroker(container: FlowContainer, unmapped: string[]): Raw {
  const p = container.params;
  const out: Raw = {};
  if (p.commission_model === 'percentage')
    out.commission = scaled(Number(p.commission_pct), 1 / 100);
  else if (p.commission_model === 'per_share')
    out.commission = { type: 'per_share', value: p.commission_per_share };
  else if (p.commission_model === 'fixed')
    out.commission = { type: 'fixed', value: p.commission_fixed };
  else if (p.commission_model !== 'zero')
    unmapped.push(`${container.name}: ${String(p.commission_model)} commission`);
  if (p.slippage_model === 'percentage') out.slippage = scaled(Number(p.slippage_pct), 1 / 100);
  else if (p.slippage_model === 'fixed')
    out.slippage = { type: 'fixed', value: p.slippage_per_share };
  if (p.fill_timing === 'next_close') out.fill_price = 'close';
  else if (p.fill_timing === 'same_close')
    unmapped.push(`${container.name}: fills at the same close`);
  return out;
}
