/**
 * PostgreSQL restarted (`pg_ctlcluster … restart`) in the middle of a light mixed load on a child
 * server: requests during the outage must fail fast with 503 (not hang until the pool's 5 s
 * connect timeout), the server must recover by itself within seconds of the database accepting
 * connections again, and no acknowledged usage batch may be lost (unanswered ones are sent again
 * with their Idempotency-Key afterwards, and count once).
 *
 * A second child server, under the same load through the same restart, runs with
 * preload-pg-client-errors.ts (the fix suggested for a crash this drill found): its figures are
 * reported for comparison and do not decide PASS or FAIL. DRILL_PG_WITH_FIX=0 leaves it out.
 *
 * This restarts the whole cluster, which everyone else on it notices: it happens once per drill.
 * DRILL_PG_FAULT=terminate instead ends only the drill database's connections
 * (pg_terminate_backend), which exercises the same failure without disturbing anyone.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import pg from "pg";
import { startChildServer, type ChildServer } from "../support/child-server.js";
import { envInt } from "../support/env.js";
import { KeepAliveClient } from "../support/keepalive-client.js";
import { parseMix, ROUTE_NAMES, runMixedWorkload } from "../support/mixed-workload.js";
import { createPortal, type Portal } from "../support/portal-fixture.js";
import { markdownTable, ROUTE_HEADERS, RouteStats } from "../support/route-stats.js";
import { createScratchDatabase, DEFAULT_DATABASE_URL, queryWhenUp, type ScratchDatabase } from "../support/scratch-database.js";
import { storedUsage, UsageLedger } from "../support/usage-ledger.js";
import { countBy, DrillReport, latencySummary, seconds, sleep } from "./common.js";

const PRELOAD_FIX = ["--import", "./bench/drill/preload-pg-client-errors.ts"];

/** Restarts the local cluster as root may: `pg_ctlcluster --skip-systemctl-redirect <version> main restart`. */
function restartPostgres(): Promise<{ code: number | null; output: string }> {
  const version = process.env.DRILL_PG_VERSION || readdirSync("/etc/postgresql").sort().at(-1);
  if (!version) throw new Error("no cluster under /etc/postgresql (set DRILL_PG_VERSION)");
  const cluster = process.env.DRILL_PG_CLUSTER || "main";
  return new Promise((resolve, reject) => {
    const child = spawn("pg_ctlcluster", ["--skip-systemctl-redirect", version, cluster, "restart"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output: output.trim() }));
  });
}

/** Ends every connection to `database` (what a restart does to them, without the restart). */
async function terminateConnections(database: string): Promise<{ code: number | null; output: string }> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL || DEFAULT_DATABASE_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [database],
    );
    return { code: 0, output: `${rowCount} connections terminated` };
  } finally {
    await client.end();
  }
}

/** Connects and runs `select 1` every `everyMs`, noting when the database answered and when not. */
function probeDatabase(url: string, everyMs: number) {
  const probes: Array<{ at: number; ok: boolean }> = [];
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const begun = performance.now();
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
      client.on("error", () => {});
      let ok = false;
      try {
        await client.connect();
        await client.query("select 1");
        ok = true;
      } catch {
        // Down.
      }
      await client.end().catch(() => {});
      probes.push({ at: begun, ok });
      await sleep(Math.max(0, everyMs - (performance.now() - begun)));
    }
  })();
  return {
    probes,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

interface Subject {
  label: string;
  /** Its checks are reported, not part of the verdict. */
  informational: boolean;
  nodeArgs: string[];
  server: ChildServer;
  portal: Portal;
  ledger: UsageLedger;
  stats: RouteStats;
  client: KeepAliveClient;
  /** Whether the first server process lived through the fault. */
  survived: boolean;
  crash: string[];
  elapsedMs: number;
}

export async function postgresRestartDrill(): Promise<DrillReport> {
  const fault = process.env.DRILL_PG_FAULT === "terminate" ? "terminate" : "restart";
  const report = new DrillReport(fault === "restart" ? "PostgreSQL restart during load" : "PostgreSQL connections terminated during load");
  const concurrency = Math.max(1, envInt("DRILL_PG_CLIENTS", 10));
  const beforeMs = envInt("DRILL_PG_BEFORE_MS", 6000);
  const afterMs = envInt("DRILL_PG_AFTER_MS", 12_000);
  const recoveryLimitMs = envInt("DRILL_PG_RECOVERY_LIMIT_MS", 10_000);
  const withFix = process.env.DRILL_PG_WITH_FIX !== "0";
  let database: ScratchDatabase | undefined;
  const subjects: Subject[] = [];
  try {
    database = await createScratchDatabase("portico_drill_pg");
    const variants = [
      { label: "server as is", informational: false, nodeArgs: [] as string[], slug: "pg-as-is" },
      ...(withFix ? [{ label: "server with the fix preloaded", informational: true, nodeArgs: PRELOAD_FIX, slug: "pg-fixed" }] : []),
    ];
    for (const variant of variants) {
      const server = await startChildServer({ databaseUrl: database.url, nodeArgs: variant.nodeArgs });
      const portal = await createPortal({ baseUrl: server.url, pool: database.pool, slug: variant.slug, developers: 200, clients: 20 });
      subjects.push({
        ...variant,
        server,
        portal,
        ledger: new UsageLedger(portal),
        stats: new RouteStats(),
        client: new KeepAliveClient(server.url, { timeoutMs: 30_000 }),
        survived: true,
        crash: [],
        elapsedMs: 0,
      });
    }
    const probe = probeDatabase(database.url, 100);
    report.note(
      `${subjects.map((subject) => subject.label).join(" and ")} (both on one scratch database), ${concurrency} clients each, mixed workload ` +
        `(a client pauses 100 ms after a failure); ${fault === "restart" ? "PostgreSQL restarted" : "the database's connections terminated"} after ${seconds(beforeMs)}; ` +
        `load goes on ${seconds(afterMs)} after that`,
    );

    let faultEnd = Number.POSITIVE_INFINITY;
    const loads = subjects.map((subject) => {
      const server = subject.server;
      return runMixedWorkload({
        client: subject.client,
        portal: subject.portal,
        ledger: subject.ledger,
        stats: subject.stats,
        concurrency,
        durationMs: 120_000,
        mix: parseMix("dashboard=30,search=15,verify=30,ingest=22,login=3"),
        batchSize: 100,
        failurePauseMs: 100,
        shouldStop: () => performance.now() > faultEnd + afterMs || !server.running,
      }).then((run) => (subject.elapsedMs = run.elapsedMs));
    });
    await sleep(beforeMs);
    const faultStart = performance.now();
    const outcome = fault === "restart" ? await restartPostgres() : await terminateConnections(database.name);
    faultEnd = performance.now();
    report.note(
      `${fault === "restart" ? "pg_ctlcluster restart" : "pg_terminate_backend"}: exit ${outcome.code} after ${seconds(faultEnd - faultStart)}` +
        (outcome.output ? ` (${outcome.output.replace(/\s+/g, " ").slice(0, 200)})` : ""),
    );
    await Promise.all(loads);
    await probe.stop();

    const downProbe = probe.probes.find((item) => item.at >= faultStart - 50 && !item.ok);
    const upProbe = downProbe && probe.probes.find((item) => item.at > downProbe.at && item.ok);
    const downAt = downProbe?.at ?? faultStart;
    const upAt = upProbe?.at ?? faultEnd;
    report.note(
      downProbe
        ? `the database refused new connections from ${seconds(downAt - faultStart)} to ${seconds(upAt - faultStart)} after the fault began (outage ${seconds(upAt - downAt)}, probes every 100 ms)`
        : "the database never refused a new connection (probes every 100 ms)",
    );

    for (const subject of subjects) {
      const check = (name: string, pass: boolean, detail: string) =>
        subject.informational
          ? report.info(`[${subject.label}] ${name}`, pass, detail)
          : report.check(`[${subject.label}] ${name}`, pass, detail);
      const { stats, server } = subject;
      console.log(`\n--- ${subject.label} (pid ${server.pid}) ---`);
      subject.survived = server.running;
      if (!subject.survived) {
        const exit = await server.exited;
        subject.crash = server.otherOutput();
        check(
          "the server process survives the fault",
          false,
          `exited (code ${exit.code ?? exit.signal}) ${seconds(exit.at - faultStart)} after the fault began; it printed:\n      ${subject.crash.slice(0, 14).join("\n      ")}`,
        );
      } else {
        check("the server process survives the fault", true, `pid ${server.pid} still running`);
      }
      report.note(markdownTable(ROUTE_HEADERS, stats.rows(subject.elapsedMs)));
      const failed = stats.samples.filter((sample) => !sample.ok);
      const kinds = countBy(failed, (sample) =>
        sample.outcome.status ? String(sample.outcome.status) : (sample.outcome.error ?? "network"),
      );
      const firstFailure = failed.length ? Math.min(...failed.map((sample) => sample.outcome.ended)) : Number.NaN;
      const lastFailure = failed.length ? Math.max(...failed.map((sample) => sample.outcome.ended)) : Number.NaN;
      report.note(
        `failed requests: ${failed.length} ${JSON.stringify(kinds)}, per route ${JSON.stringify(countBy(failed, (sample) => sample.route))}; ` +
          `answered between ${seconds(firstFailure - faultStart)} and ${seconds(lastFailure - faultStart)} after the fault began`,
      );
      const overlapping = stats.samples.filter((sample) => sample.outcome.started < upAt && sample.outcome.ended > faultStart);
      report.note(`all requests overlapping the outage: ${latencySummary(overlapping.map((sample) => sample.outcome.ms))}`);
      check(
        "requests during the outage fail with 503 (no 500, no dropped connection, no timeout)",
        failed.length > 0 && failed.every((sample) => sample.outcome.status === 503),
        failed.length ? JSON.stringify(kinds) : "no request failed: the fault was not noticed",
      );
      // A request already under way when the fault came has waited since it began; count from the fault.
      const answered = failed.filter((sample) => sample.outcome.status > 0);
      const waited = answered.map((sample) => sample.outcome.ended - Math.max(sample.outcome.started, faultStart)).sort((a, b) => a - b);
      const underWay = answered.filter((sample) => sample.outcome.started < faultStart);
      const sentLater = answered.filter((sample) => sample.outcome.started >= faultStart);
      check(
        "the errors come fast (p99 under 1 s from the fault or from the request, whichever is later; none waits out the 5 s connect timeout)",
        waited.length > 0 && waited[Math.min(waited.length - 1, Math.floor(waited.length * 0.99))]! < 1000 && waited.at(-1)! < 5000,
        `${latencySummary(waited)}; ${underWay.length} were under way at the fault (answered ${latencySummary(underWay.map((sample) => sample.outcome.ended - faultStart))} after it), ` +
          `${sentLater.length} sent during the outage (${latencySummary(sentLater.map((sample) => sample.outcome.ms))})`,
      );
      const firstOkAfterUp = Object.values(ROUTE_NAMES)
        .map(
          (route) =>
            [
              route,
              stats.samples
                .filter((sample) => sample.route === route && sample.ok && sample.outcome.started >= upAt)
                .map((sample) => sample.outcome.ended),
            ] as const,
        )
        .filter(([, ends]) => ends.length)
        .map(([route, ends]) => `${route.split(" (")[0]} ${seconds(Math.min(...ends) - upAt)}`);
      report.note(`first success per route after the database was back: ${firstOkAfterUp.join(", ") || "none"}`);
      const tail = stats.samples.filter((sample) => sample.outcome.started > faultEnd + Math.min(recoveryLimitMs, afterMs - 2000));
      const recoveredIn = failed.length ? lastFailure - upAt : 0;
      check(
        `the server recovers by itself within ${seconds(recoveryLimitMs)} of the database accepting connections`,
        subject.survived && recoveredIn <= recoveryLimitMs && tail.length > 0 && tail.every((sample) => sample.ok),
        `last failure ${seconds(recoveredIn)} after the database was back (${seconds(lastFailure - faultEnd)} after the ${fault} command returned); ` +
          `${tail.filter((sample) => sample.ok).length} of ${tail.length} requests OK at the end of the run`,
      );

      // --- No acknowledged write lost ----------------------------------------------------------
      let checkServer = server;
      let client = subject.client;
      if (!server.running) {
        checkServer = await startChildServer({ databaseUrl: database.url, port: server.port, nodeArgs: subject.nodeArgs });
        client.close();
        client = subject.client = new KeepAliveClient(checkServer.url, { timeoutMs: 30_000 });
        subject.server = checkServer;
        report.note(`started a new server on the same database to finish the check (pid ${checkServer.pid})`);
      }
      const toldDuringLoad = subject.ledger.acknowledgedSum();
      const retried = await subject.ledger.retryPending(client, 30_000);
      await queryWhenUp(database.pool, "select 1");
      const stored = await storedUsage(database.pool, subject.portal.orgId);
      const told = subject.ledger.acknowledgedSum();
      check(
        "no acknowledged usage batch lost, none counted twice (stored = sum of accepted told)",
        retried.left === 0 && stored.requests === told && stored.quotaUsed === told,
        `${toldDuringLoad} records acknowledged during the load; ${retried.resent} unanswered batches sent again with their key afterwards; ` +
          `told ${told} in ${subject.ledger.acknowledged.size} batches; stored: rollups ${stored.requests}, quota counters ${stored.quotaUsed}`,
      );
      const logged = checkServer.logLines(40);
      report.note(
        `server log (warn and above): ${logged.length} lines ${JSON.stringify(countBy(logged, (line) => `${line.level} ${String(line.msg)}`))}` +
          (logged[0] ? `; e.g. ${JSON.stringify(logged[0]).slice(0, 300)}` : ""),
      );
      const exit = await checkServer.stop("SIGTERM");
      check("the server stops cleanly on SIGTERM afterwards", exit.code === 0, `exit ${exit.code ?? exit.signal}`);
    }
  } catch (error) {
    report.crashed(error);
  } finally {
    for (const subject of subjects) {
      subject.client.close();
      await subject.server.stop("SIGKILL");
    }
    await database?.drop().catch((error: unknown) => console.error("could not drop the drill database:", error));
  }
  return report;
}
