/**
 * Graceful shutdown under load: clients keep sending the mixed workload while the child server
 * gets SIGTERM. Every request already sent when the signal went must be answered in full (2xx);
 * the process must then exit 0 by itself, without the clients stopping first. Usage batches
 * answered 200 must be stored, and none unanswered may be stored half.
 */
import { startChildServer, type ChildServer } from "../support/child-server.js";
import { envInt } from "../support/env.js";
import { KeepAliveClient } from "../support/keepalive-client.js";
import { parseMix, runMixedWorkload } from "../support/mixed-workload.js";
import { createPortal } from "../support/portal-fixture.js";
import { markdownTable, ROUTE_HEADERS, RouteStats } from "../support/route-stats.js";
import { createScratchDatabase } from "../support/scratch-database.js";
import { committedKeys, storedUsage, UsageLedger } from "../support/usage-ledger.js";
import { countBy, DrillReport, latencySummary, seconds, sleep } from "./common.js";

export async function sigtermDrill(): Promise<DrillReport> {
  const report = new DrillReport("SIGTERM during load");
  const concurrency = Math.max(1, envInt("DRILL_TERM_CLIENTS", 50));
  const signalAfterMs = envInt("DRILL_TERM_AFTER_MS", 4000);
  /** The clients keep going this long after the signal at most; the server must exit before. */
  const graceMs = envInt("DRILL_TERM_GRACE_MS", 10_000);
  const database = await createScratchDatabase("portico_drill_term");
  let server: ChildServer | undefined;
  let client: KeepAliveClient | undefined;
  try {
    server = await startChildServer({ databaseUrl: database.url });
    const portal = await createPortal({ baseUrl: server.url, pool: database.pool, slug: "term", developers: 200, clients: 20 });
    const ledger = new UsageLedger(portal);
    const stats = new RouteStats();
    client = new KeepAliveClient(server.url, { timeoutMs: 20_000 });
    report.note(
      `${concurrency} clients, mixed workload (logins included); SIGTERM after ${seconds(signalAfterMs)}; the clients go on until the process exits`,
    );

    let signalAt = Number.POSITIVE_INFINITY;
    let exitedAt = Number.POSITIVE_INFINITY;
    const running = server;
    void running.exited.then((info) => (exitedAt = info.at));
    const load = runMixedWorkload({
      client,
      portal,
      ledger,
      stats,
      concurrency,
      durationMs: signalAfterMs + graceMs,
      mix: parseMix("dashboard=30,search=15,verify=25,ingest=20,login=10"),
      batchSize: 100,
      failurePauseMs: 50,
      // Once the server is gone and the stragglers are counted, stop.
      shouldStop: () => performance.now() > exitedAt + 500,
    });
    await sleep(signalAfterMs);
    signalAt = performance.now();
    running.process.kill("SIGTERM");
    // Long enough for idle keep-alive connections to time out (5 s in Node) after the clients stop.
    const exit = await Promise.race([running.exited, sleep(graceMs + 15_000).then(() => null)]);
    const run = await load;
    const clientsStopped = Math.max(...stats.samples.map((sample) => sample.outcome.ended));

    const before = stats.samples.filter((sample) => sample.outcome.ended < signalAt);
    const inFlight = stats.samples.filter((sample) => sample.outcome.started < signalAt && sample.outcome.ended >= signalAt);
    const after = stats.samples.filter((sample) => sample.outcome.started >= signalAt);
    const servedAfter = after.filter((sample) => sample.outcome.status > 0);
    report.note(
      markdownTable(
        ROUTE_HEADERS,
        stats.rows(signalAt - run.started, (sample) => sample.outcome.ended < signalAt),
      ),
    );
    report.note(
      `before the signal: ${before.length} requests, ${before.filter((sample) => !sample.ok).length} failed; ` +
        `in flight at the signal: ${inFlight.length} ${JSON.stringify(countBy(inFlight, (sample) => sample.route))}, ` +
        `all done ${seconds(Math.max(...inFlight.map((sample) => sample.outcome.ended)) - signalAt)} after it; ` +
        `sent after the signal: ${after.length} ${JSON.stringify(countBy(after, (sample) => (sample.ok ? "ok" : String(sample.outcome.status || sample.outcome.error))))}, ` +
        `of which ${servedAfter.length} were served on kept-alive connections (Connection: ${JSON.stringify(countBy(servedAfter, (sample) => sample.outcome.connection ?? "none"))}), ` +
        `the last ${servedAfter.length ? seconds(Math.max(...servedAfter.map((sample) => sample.outcome.ended)) - signalAt) : "-"} after the signal`,
    );
    report.note(
      exit
        ? `the process exited (${exit.code ?? exit.signal}) ${seconds(exit.at - signalAt)} after SIGTERM, ${seconds(exit.at - clientsStopped)} after the clients stopped sending (they stop ${seconds(graceMs)} after the signal at the latest)`
        : `the process was still running ${seconds(graceMs + 15_000)} after SIGTERM`,
    );

    report.check(
      "no request failed before the signal",
      before.every((sample) => sample.ok),
      JSON.stringify(
        countBy(
          before.filter((sample) => !sample.ok),
          (sample) => `${sample.route} ${sample.outcome.status || sample.outcome.error}`,
        ),
      ),
    );
    const inFlightFailed = inFlight.filter((sample) => !sample.ok);
    report.check(
      "every request in flight at the signal was answered in full",
      inFlight.length > 0 && inFlightFailed.length === 0,
      `${inFlight.length - inFlightFailed.length} of ${inFlight.length} answered OK` +
        (inFlightFailed.length
          ? `; failed: ${JSON.stringify(countBy(inFlightFailed, (sample) => `${sample.route} ${sample.outcome.status || sample.outcome.error}`))}; ` +
            `sent ${latencySummary(inFlightFailed.map((sample) => signalAt - sample.outcome.started))} before the signal`
          : ""),
    );
    report.check(
      `the process exits 0 by itself while clients keep sending (within ${seconds(graceMs)})`,
      exit !== null && exit.code === 0 && exit.at - signalAt < graceMs,
      exit
        ? `exit code ${exit.code ?? exit.signal} ${seconds(exit.at - signalAt)} after SIGTERM`
        : `still running ${seconds(graceMs + 15_000)} after SIGTERM (then killed)`,
    );

    const stored = await storedUsage(database.pool, portal.orgId);
    const unanswered = [...ledger.pending.values()];
    const committed = await committedKeys(
      database.pool,
      portal.orgId,
      unanswered.map((batch) => batch.idempotencyKey),
    );
    const committedRecords = unanswered
      .filter((batch) => committed.has(batch.idempotencyKey))
      .reduce((sum, batch) => sum + batch.records, 0);
    report.check(
      "usage stored = acknowledged batches (+ unanswered ones that committed whole)",
      stored.requests === ledger.acknowledgedSum() + committedRecords && stored.quotaUsed === stored.requests,
      `rollups ${stored.requests}, quota ${stored.quotaUsed}; acknowledged ${ledger.acknowledgedSum()} in ${ledger.acknowledged.size} batches; ` +
        `${unanswered.length} batches unanswered, ${committed.size} of them committed (${committedRecords} records)`,
    );
    const errors = server.logLines(50);
    report.check(
      "the server logged no error",
      errors.length === 0,
      errors.length
        ? errors
            .slice(0, 3)
            .map((line) => JSON.stringify(line).slice(0, 300))
            .join(" | ")
        : "none",
    );
  } catch (error) {
    report.crashed(error);
  } finally {
    client?.close();
    await server?.stop("SIGKILL");
    await database.drop();
  }
  return report;
}
