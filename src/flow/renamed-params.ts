/**
 * Parameters renamed since flows were first written. A parameter whose meaning depended on another
 * one (`commission_rate`: percent of the value under one commission model, money per share under
 * another) was split into one name per meaning, so switching the model can never reinterpret a
 * number. Flows with the old names still open: the old key is read under the name its model gives
 * it, with a warning, and the first edit of that container rewrites it (apply.ts).
 */

type Params = Readonly<Record<string, unknown>>;

interface Renamed {
  readonly from: string;
  /** The new name for the model the flow chose, or null when that model reads no such number. */
  readonly to: (params: Params) => string | null;
  readonly model: string;
}

const RENAMED: Readonly<Record<string, readonly Renamed[]>> = {
  simulated_broker: [
    {
      from: 'commission_rate',
      model: 'commission_model',
      to: (p) =>
        p.commission_model === 'per_share'
          ? 'commission_per_share'
          : p.commission_model === 'percentage'
            ? 'commission_pct'
            : null,
    },
    {
      from: 'slippage',
      model: 'slippage_model',
      to: (p) =>
        p.slippage_model === 'fixed'
          ? 'slippage_per_share'
          : p.slippage_model === 'percentage'
            ? 'slippage_pct'
            : null,
    },
  ],
};

export interface Rename {
  readonly from: string;
  /** The name the value now lives under; null when it was dropped. */
  readonly to: string | null;
  readonly message: string;
}

/** The parameters with old names moved to their new ones, and what was done to each. */
export function upgradeParams(
  component: string,
  params: Params,
): { readonly params: Params; readonly renames: readonly Rename[] } {
  const rules = RENAMED[component] ?? [];
  if (!rules.some((rule) => Object.hasOwn(params, rule.from))) return { params, renames: [] };
  const out: Record<string, unknown> = { ...params };
  const renames: Rename[] = [];
  for (const rule of rules) {
    if (!Object.hasOwn(out, rule.from)) continue;
    const value = out[rule.from];
    delete out[rule.from];
    const to = rule.to(params);
    const model = String(params[rule.model] ?? 'zero');
    if (to === null) {
      renames.push({
        from: rule.from,
        to: null,
        message: `"${rule.from}" is an old name that the ${model} ${rule.model.replace('_model', '')} model does not read; it is ignored: remove it`,
      });
    } else if (Object.hasOwn(out, to)) {
      renames.push({
        from: rule.from,
        to: null,
        message: `"${rule.from}" is the old name of "${to}", which is also given; the old one is ignored: remove it`,
      });
    } else {
      out[to] = value;
      renames.push({
        from: rule.from,
        to,
        message: `"${rule.from}" is an old name: read as "${to}" because ${rule.model} is ${model}. Rename it: each model now has its own parameter, so a switch never reinterprets the number (an edit in the inspector renames it for you)`,
      });
    }
  }
  return { params: out, renames };
}
