/** Small helpers the benchmarks share for timing and printing. */

/** The fastest of several runs: the least disturbed by the rest of the machine. */
export function best(repeats: number, run: () => number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) fastest = Math.min(fastest, run());
  return fastest;
}

export function formatRate(perSecond: number, unit: string): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M ${unit}`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k ${unit}`;
  return `${perSecond.toFixed(0)} ${unit}`;
}

export function section(title: string, rows: readonly (readonly string[])[]): void {
  console.log(`\n${title}`);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows)
    console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('   ')}`);
}
