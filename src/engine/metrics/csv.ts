/** CSV text and ISO times, shared by every results file. */

export const iso = (time: number) => new Date(time).toISOString();

export function csv(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const quote = (value: string | number) => {
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${[header, ...rows].map((row) => row.map(quote).join(',')).join('\n')}\n`;
}
