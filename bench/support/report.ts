import { summarize, type Summary } from "./stats.js";

const ms = (value: number) => `${value.toFixed(3)} ms`;
const signedMs = (value: number) => `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(3)} ms`;

function row(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
}

/** Median and p99 of each variant, then `subject` against `baseline`: ratio and absolute difference. */
export function printComparison(
  title: string,
  timings: Map<string, number[]>,
  { subject, baseline }: { subject: string; baseline: string },
): { subject: Summary; baseline: Summary } {
  const summaries = new Map([...timings].map(([name, samples]) => [name, summarize(samples)]));
  const s = summaries.get(subject);
  const b = summaries.get(baseline);
  if (!s || !b) throw new Error(`no timings for "${subject}" or "${baseline}"`);
  const widths = [Math.max(24, ...[...summaries.keys()].map((name) => name.length + 2)), 12, 12, 12];
  console.log(`\n${title}  (${s.count} timed, sequential)`);
  console.log(row(["", "median", "p90", "p99"], widths));
  for (const [name, summary] of summaries) {
    console.log(row([`  ${name}`, ms(summary.median), ms(summary.p90), ms(summary.p99)], widths));
  }
  console.log(
    row(
      [
        `  ${subject} / ${baseline}`,
        `${(s.median / b.median).toFixed(2)}×`,
        `${(s.p90 / b.p90).toFixed(2)}×`,
        `${(s.p99 / b.p99).toFixed(2)}×`,
      ],
      widths,
    ),
  );
  console.log(
    row([`  ${subject} − ${baseline}`, signedMs(s.median - b.median), signedMs(s.p90 - b.p90), signedMs(s.p99 - b.p99)], widths),
  );
  return { subject: s, baseline: b };
}

/** A warning nobody scrolling past the output can miss. */
export function shout(message: string): void {
  const bar = "!".repeat(78);
  const text = `\n${bar}\n!!! ${message}\n${bar}\n`;
  console.log(text);
  if (!process.stdout.isTTY) console.error(text);
}
