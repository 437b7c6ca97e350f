/** Per-route counts, latencies and failures of a load run, and the tables that report them. */
import { percentile } from "./stats.js";
import type { Outcome } from "./keepalive-client.js";

export interface RouteSample {
  route: string;
  outcome: Outcome;
  /** Whether the answer was the expected one (status and body checks). */
  ok: boolean;
}

export class RouteStats {
  readonly samples: RouteSample[] = [];

  add(route: string, outcome: Outcome, ok: boolean): void {
    this.samples.push({ route, outcome, ok });
  }

  routes(): string[] {
    return [...new Set(this.samples.map((sample) => sample.route))];
  }

  /** Failure kinds and their counts: "503", "ECONNREFUSED", "200 but wrong body", … */
  failures(filter: (sample: RouteSample) => boolean = () => true): Map<string, number> {
    const kinds = new Map<string, number>();
    for (const sample of this.samples) {
      if (sample.ok || !filter(sample)) continue;
      const kind =
        sample.outcome.status === 0
          ? (sample.outcome.error ?? "network")
          : sample.outcome.status === 200 || sample.outcome.status === 201
            ? `${sample.outcome.status} unexpected body`
            : String(sample.outcome.status);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    return kinds;
  }

  /** One row per route (and a total) for samples between `from` and `to` (performance.now() of the start). */
  rows(elapsedMs: number, filter: (sample: RouteSample) => boolean = () => true): string[][] {
    const rows: string[][] = [];
    const all = this.samples.filter(filter);
    for (const route of [...this.routes(), "all"]) {
      const samples = route === "all" ? all : all.filter((sample) => sample.route === route);
      if (samples.length === 0) continue;
      const latencies = samples.map((sample) => sample.outcome.ms).sort((a, b) => a - b);
      const failed = samples.filter((sample) => !sample.ok).length;
      rows.push([
        route,
        samples.length.toLocaleString("en-US"),
        ((samples.length * 1000) / elapsedMs).toFixed(1),
        fmt(percentile(latencies, 50)),
        fmt(percentile(latencies, 90)),
        fmt(percentile(latencies, 99)),
        fmt(latencies.at(-1)!),
        String(failed),
      ]);
    }
    return rows;
  }
}

export const ROUTE_HEADERS = ["route", "requests", "req/s", "p50", "p90", "p99", "max", "errors"];

const fmt = (ms: number) => (ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`);
export const fmtLatency = fmt;

/** A Markdown table with right-aligned figures (readable in a terminal, pasteable into docs). */
export function markdownTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;
  return [
    line(headers),
    `| ${widths.map((width, i) => (i === 0 ? "-".repeat(width) : `${"-".repeat(width - 1)}:`)).join(" | ")} |`,
    ...rows.map(line),
  ].join("\n");
}
