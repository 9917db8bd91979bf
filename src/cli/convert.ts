/**
 * ADMF-PC configs in the runner: `run` accepts one as it is (converted, with what did not map
 * printed), and `convert` writes either format from the other.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportAdmf, importCleanSyntax, isAdmfText, parseFlow } from '../flow';

export const CONVERT_USAGE = `Usage: flow-studio convert FILE.yaml [--to flow|admf] [--out FILE]

  Converts an ADMF-PC clean-syntax config into a Flow Studio flow, or a flow into an ADMF-PC
  config. --to defaults to the other format than the file's. What does not map is printed.
  --out FILE   write the result there instead of to standard output`;

/**
 * The flow text to run: the file itself, or the flow an ADMF-PC config converts to, with every
 * key that did not map printed. Null (with the reason printed) when it cannot be converted.
 */
export function asFlowText(text: string, path: string): string | null {
  if (!isAdmfText(text)) return text;
  const converted = importCleanSyntax(text);
  if (!converted.ok) {
    console.error(`${path}: error: ${converted.error}`);
    return null;
  }
  console.error(
    `${path}: note: an ADMF-PC config, converted to a flow (flow-studio convert ${path} writes it)`,
  );
  for (const warning of converted.warnings) console.error(`${path}: warning: ${warning}`);
  return converted.text;
}

export function convertMain(
  argv: readonly string[],
  read: (path: string) => string | null,
): number {
  let values: { to?: string; out?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        to: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${CONVERT_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(CONVERT_USAGE);
    return 0;
  }
  const [path, ...extra] = positionals;
  if (!path || extra.length > 0 || (values.to && !['flow', 'admf'].includes(values.to))) {
    console.error(
      `${path ? `Unexpected "${extra[0] ?? values.to}"` : 'Missing the file to convert'}\n\n${CONVERT_USAGE}`,
    );
    return 2;
  }
  const text = read(path);
  if (text === null) return 2;
  const admf = isAdmfText(text);
  const to = values.to ?? (admf ? 'flow' : 'admf');
  let result: string;
  if (to === 'flow') {
    const flow = asFlowText(text, path);
    if (flow === null) return 2;
    result = flow;
  } else {
    if (admf) {
      console.error(`${path}: error: this is already an ADMF-PC config`);
      return 2;
    }
    const flow = parseFlow(text);
    for (const d of flow.diagnostics.filter((d) => d.severity === 'error'))
      console.error(`${path}:${d.line}:${d.column}: error: ${d.message}`);
    if (!flow.model) return 2;
    const exported = exportAdmf(flow.model, text);
    for (const part of exported.unmapped)
      console.error(`${path}: not in the ADMF-PC config: ${part}`);
    result = exported.text;
  }
  if (values.out) writeFileSync(values.out, result);
  else process.stdout.write(result);
  return 0;
}
