/**
 * Reading a flow brought in from outside (a file, a drop, a share link, the clipboard): a Flow
 * Studio YAML flow, or an ADMF-PC clean-syntax config converted to one. A file that cannot be read
 * as a flow is refused with every problem and its line, and the open flow stays as it was.
 */
import { parseDocument } from 'yaml';
import { importCleanSyntax, isCleanSyntax } from './clean-syntax';
import type { Diagnostic } from './diagnostics';
import { checkLimits } from './limits';
import { MAX_FLOW_BYTES, parseFlow } from './parse';

export type Imported =
  | {
      readonly ok: true;
      readonly text: string;
      readonly name: string;
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly title: string; readonly problems: readonly string[] };

const describe = (d: Diagnostic) => `Line ${d.line}, column ${d.column}: ${d.message}`;

export function importFlowText(text: string, source: string): Imported {
  if (text.length > MAX_FLOW_BYTES) {
    return {
      ok: false,
      title: `${source} is too large`,
      problems: [
        `Flows are limited to ${MAX_FLOW_BYTES / 1e6} MB; this is ${(text.length / 1e6).toFixed(1)} MB.`,
      ],
    };
  }
  // Past the limits the YAML parser must not see it: parseFlow says which limit, and where.
  const raw = checkLimits(text) ? null : parseDocument(text, { uniqueKeys: false });
  if (raw && raw.errors.length === 0) {
    let value: unknown = null;
    try {
      value = raw.toJS({ maxAliasCount: 100 });
    } catch {
      value = null;
    }
    if (isCleanSyntax(value)) {
      const converted = importCleanSyntax(text);
      if (!converted.ok)
        return { ok: false, title: `${source} could not be imported`, problems: [converted.error] };
      const parsed = parseFlow(converted.text);
      return {
        ok: true,
        text: converted.text,
        name: parsed.model?.name ?? 'Imported flow',
        notes: ['Converted from ADMF-PC clean syntax', ...converted.warnings],
      };
    }
  }
  const parsed = parseFlow(text);
  if (!parsed.model) {
    return {
      ok: false,
      title: `${source} is not a flow Flow Studio can open`,
      problems: parsed.diagnostics.filter((d) => d.severity === 'error').map(describe),
    };
  }
  return {
    ok: true,
    text,
    name: parsed.model.name,
    notes: parsed.ok
      ? []
      : [
          `It opened with ${parsed.diagnostics.filter((d) => d.severity === 'error').length} problem(s) to fix; see the YAML editor`,
        ],
  };
}
