/**
 * Fault drills against a real server in a child process on PostgreSQL, each in a database of its
 * own (dropped afterwards). Each prints its figures and PASS or FAIL; the run exits non-zero if
 * any failed. See docs/benchmarks.md "Load and fault drills".
 *
 *   npm run drill                       # all: sigterm, sigkill, smtp, postgres
 *   npm run drill -- sigkill smtp       # some
 *
 * The postgres drill restarts the PostgreSQL cluster (pg_ctlcluster … restart): every other
 * client of it sees the restart too. It runs once per `npm run drill`.
 */
import { machineLine } from "./support/machine.js";
import { markdownTable } from "./support/route-stats.js";
import type { DrillReport } from "./drill/common.js";
import { postgresRestartDrill } from "./drill/postgres-restart.js";
import { sigkillDrill } from "./drill/sigkill.js";
import { sigtermDrill } from "./drill/sigterm.js";
import { smtpOutageDrill } from "./drill/smtp-outage.js";

const DRILLS: Record<string, () => Promise<DrillReport>> = {
  sigterm: sigtermDrill,
  sigkill: sigkillDrill,
  smtp: smtpOutageDrill,
  postgres: postgresRestartDrill,
};

const asked = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
for (const name of asked) if (!DRILLS[name]) throw new Error(`unknown drill "${name}" (drills: ${Object.keys(DRILLS).join(", ")})`);
const names = asked.length ? asked : Object.keys(DRILLS);

console.log(`fault drills: ${names.join(", ")}`);
console.log(machineLine());
const reports: DrillReport[] = [];
for (const name of names) {
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  const report = await DRILLS[name]!();
  reports.push(report);
  console.log(`${report.pass ? "PASS" : "FAIL"} ${report.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

console.log("\nsummary");
console.log(
  markdownTable(
    ["drill", "result", "checks passed"],
    reports.map((report) => [
      report.name,
      report.pass ? "PASS" : "FAIL",
      `${report.verdictChecks.filter((check) => check.pass).length} / ${report.verdictChecks.length}`,
    ]),
  ),
);
for (const report of reports) {
  for (const check of report.verdictChecks.filter((item) => !item.pass)) console.log(`FAIL ${report.name}: ${check.name}: ${check.detail}`);
}
process.exit(reports.every((report) => report.pass) ? 0 : 1);
