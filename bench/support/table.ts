/** A plain-text table with right-aligned figures, readable in a terminal and pasteable into Markdown. */
export function printTable(headers: string[], rows: string[][], title?: string): void {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;
  if (title) console.log(`\n${title}`);
  console.log(line(headers));
  console.log(`| ${widths.map((width, i) => (i === 0 ? "-".repeat(width) : `${"-".repeat(width - 1)}:`)).join(" | ")} |`);
  for (const row of rows) console.log(line(row));
}

export const fmtMs = (value: number, digits = 2) => `${value.toFixed(digits)} ms`;
export const fmtRatio = (value: number) => `${value.toFixed(2)}×`;
export const fmtRate = (value: number) => (value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1));
