/** What every drill reports: named checks with the figures behind them, and PASS or FAIL. */
import { percentile } from "../support/stats.js";

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
  /** Reported, but not part of the drill's verdict (a diagnosis, e.g. with a fix preloaded). */
  informational?: boolean;
}

export interface DrillResult {
  name: string;
  checks: Check[];
  /** Free-form figures printed before the checks (tables, timelines). */
  notes: string[];
}

export class DrillReport implements DrillResult {
  readonly checks: Check[] = [];
  readonly notes: string[] = [];

  constructor(readonly name: string) {}

  note(text: string): void {
    this.notes.push(text);
    console.log(text);
  }

  check(name: string, pass: boolean, detail: string): boolean {
    this.checks.push({ name, pass, detail });
    console.log(`  ${pass ? "ok  " : "FAIL"} ${name}: ${detail}`);
    return pass;
  }

  /** A finding printed like a check that does not decide PASS or FAIL. */
  info(name: string, pass: boolean, detail: string): void {
    this.checks.push({ name, pass, detail, informational: true });
    console.log(`  ${pass ? "(ok)" : "(no)"} ${name}: ${detail}`);
  }

  /** The checks that decide the verdict. */
  get verdictChecks(): Check[] {
    return this.checks.filter((check) => !check.informational);
  }

  /** A drill that threw part-way: the error is its last (failed) check. */
  crashed(error: unknown): void {
    this.check("drill ran to the end", false, error instanceof Error ? (error.stack ?? error.message) : String(error));
  }

  get pass(): boolean {
    const checks = this.verdictChecks;
    return checks.length > 0 && checks.every((check) => check.pass);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** "p50 x ms, p99 y ms, max z ms (n)" of a list of latencies. */
export function latencySummary(latencies: readonly number[]): string {
  if (latencies.length === 0) return "none";
  const sorted = [...latencies].sort((a, b) => a - b);
  const fmt = (ms: number) => (ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`);
  return `p50 ${fmt(percentile(sorted, 50))}, p99 ${fmt(percentile(sorted, 99))}, max ${fmt(sorted.at(-1)!)} (${sorted.length} requests)`;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
