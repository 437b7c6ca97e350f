/**
 * Load: one Portico server (a child process, as `npm start` runs it) on PostgreSQL, in a database
 * of the run's own, seeded with an organisation, ~1000 developers with passwords and 200 keys;
 * then N concurrent clients (keep-alive) run a mixed workload for T seconds — dashboard reads,
 * developer search, key verification, usage ingestion (batches with an Idempotency-Key) and
 * logins. Prints throughput, latency per route and every error; then checks that the stored usage
 * equals the sum of `accepted` the clients were told. Exits non-zero on any error or mismatch.
 *
 *   npm run bench:load
 *   LOAD_CLIENTS=50 LOAD_SECONDS=10 npm run bench:load
 *   DATABASE_URL=postgres://user@host:5432/db npm run bench:load   # the scratch database is made next to it
 */
import { loadLine, machineLine } from "./support/machine.js";
import { startChildServer, type ChildServer } from "./support/child-server.js";
import { envInt } from "./support/env.js";
import { KeepAliveClient } from "./support/keepalive-client.js";
import { cleanupOnExit } from "./support/lifecycle.js";
import { describeMix, parseMix, runMixedWorkload } from "./support/mixed-workload.js";
import { createPortal } from "./support/portal-fixture.js";
import { sampleActivity } from "./support/pg-activity.js";
import { cpuSeconds } from "./support/process-cpu.js";
import { markdownTable, ROUTE_HEADERS, RouteStats } from "./support/route-stats.js";
import { createScratchDatabase } from "./support/scratch-database.js";
import { storedUsage, UsageLedger } from "./support/usage-ledger.js";

const settings = {
  clients: Math.max(1, envInt("LOAD_CLIENTS", 200)),
  seconds: Math.max(1, envInt("LOAD_SECONDS", 60)),
  warmupSeconds: envInt("LOAD_WARMUP_SECONDS", 5),
  developers: Math.max(10, envInt("LOAD_DEVELOPERS", 1000)),
  /** Developers that log in and subscribe during setup: each gets a session and a key. */
  keys: Math.max(1, envInt("LOAD_KEYS", 200)),
  batch: Math.max(1, envInt("LOAD_BATCH", 100)),
  /** Days of hourly usage already stored for every key before the run (what the dashboard reads). */
  historyDays: envInt("LOAD_HISTORY_DAYS", 7),
  mix: parseMix(process.env.LOAD_MIX || "dashboard=30,search=15,verify=30,ingest=20,login=5"),
};

const failures: string[] = [];
const database = await createScratchDatabase("portico_load");
let server: ChildServer | undefined;
let client: KeepAliveClient | undefined;
const cleanup = cleanupOnExit(async () => {
  client?.close();
  await server?.stop("SIGKILL");
  await database.drop();
});

try {
  console.log(`load benchmark on postgres (${database.label}, a database of its own)`);
  console.log(machineLine());
  console.log(
    `${settings.clients} clients for ${settings.seconds} s (after ${settings.warmupSeconds} s warm-up); mix ${describeMix(settings.mix)}; ` +
      `${settings.developers} developers, ${settings.keys} with a session and a key; ingestion batches of ${settings.batch} records`,
  );
  server = await startChildServer({ databaseUrl: database.url, logLevel: "warn" });
  console.log(`server pid ${server.pid} at ${server.url} (node --import tsx server/main.ts, pool of 10 connections)`);

  let started = performance.now();
  const portal = await createPortal({
    baseUrl: server.url,
    pool: database.pool,
    slug: "load",
    developers: settings.developers,
    clients: settings.keys,
  });
  console.log(
    `seeded ${portal.emails.length} active developers (one shared argon2id hash), ${portal.clients.length} logged in and subscribed through the SDK, ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (settings.historyDays > 0) {
    started = performance.now();
    const { rowCount } = await database.pool.query(
      `insert into usage_rollups (org_id, developer_id, hour, key_id, api, requests, errors_4xx, errors_5xx, latency_sum_ms, latency_count, latency_max_ms)
       select org_id, developer_id, h, id, a, r, r / 20, r / 50, r * 40, r, 400
       from (select k.org_id, k.developer_id, h, k.id, a, 1 + floor(random() * 60)::int as r
             from api_keys k,
                  generate_series(date_trunc('hour', now()) - make_interval(days => $2), date_trunc('hour', now()) - interval '1 hour', interval '1 hour') as h,
                  unnest(array['payments', 'search', 'users']) as a
             where k.org_id = $1) as history`,
      [portal.orgId, settings.historyDays],
    );
    await database.pool.query("analyze usage_rollups");
    console.log(
      `stored ${rowCount} hourly rollups of ${settings.historyDays} days of history for the keys in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  const before = await storedUsage(database.pool, portal.orgId);
  const ledger = new UsageLedger(portal);
  client = new KeepAliveClient(server.url, { timeoutMs: 30_000 });

  if (settings.warmupSeconds > 0) {
    const warmup = new RouteStats();
    await runMixedWorkload({
      client,
      portal,
      ledger,
      stats: warmup,
      concurrency: Math.min(20, settings.clients),
      durationMs: settings.warmupSeconds * 1000,
      mix: settings.mix,
      batchSize: settings.batch,
    });
    const warmupFailures = warmup.samples.filter((sample) => !sample.ok).length;
    console.log(`warm-up: ${warmup.samples.length} requests at 20 clients, ${warmupFailures} failed`);
    if (warmupFailures)
      failures.push(`${warmupFailures} requests failed during the warm-up: ${JSON.stringify(Object.fromEntries(warmup.failures()))}`);
  }

  console.log(`\nrunning… ${loadLine()}`);
  const stats = new RouteStats();
  const cpuBefore = cpuSeconds(server.pid);
  const activity = sampleActivity(database.pool);
  const progress = setInterval(() => {
    const done = stats.samples.length;
    const failed = stats.samples.filter((sample) => !sample.ok).length;
    console.log(`  ${done} requests, ${failed} failed; ${loadLine()}`);
  }, 10_000);
  const run = await runMixedWorkload({
    client,
    portal,
    ledger,
    stats,
    concurrency: settings.clients,
    durationMs: settings.seconds * 1000,
    mix: settings.mix,
    batchSize: settings.batch,
  });
  clearInterval(progress);
  const serverCpu = cpuSeconds(server.pid) - cpuBefore;
  const connections = await activity.stop();
  const load = loadLine();

  console.log(`\n${stats.samples.length} requests in ${(run.elapsedMs / 1000).toFixed(1)} s from ${settings.clients} clients; ${load}`);
  console.log(
    `server process CPU: ${serverCpu.toFixed(1)} s over ${(run.elapsedMs / 1000).toFixed(1)} s = ${(serverCpu / (run.elapsedMs / 1000)).toFixed(2)} cores (event loop + argon2 threads)`,
  );
  console.log(
    `the server's PostgreSQL connections, average over ${connections.samples} samples (pg_stat_activity, once a second):\n  ${connections.lines.slice(0, 8).join("\n  ")}`,
  );
  console.log(markdownTable(ROUTE_HEADERS, stats.rows(run.elapsedMs)));
  const ingested = stats.samples.filter((sample) => sample.route.startsWith("POST /usage") && sample.ok).length * settings.batch;
  console.log(`usage records ingested during the run: ${ingested} (${((ingested * 1000) / run.elapsedMs).toFixed(0)} records/s)`);

  const errorKinds = stats.failures();
  if (errorKinds.size) {
    failures.push(
      `${[...errorKinds.values()].reduce((a, b) => a + b, 0)} requests failed: ${JSON.stringify(Object.fromEntries(errorKinds))}`,
    );
    const examples = stats.samples.filter((sample) => !sample.ok).slice(0, 5);
    for (const example of examples)
      console.log(`  failed: ${example.route} → ${example.outcome.status || example.outcome.error} ${example.outcome.body.slice(0, 200)}`);
  }

  // --- What the clients were told against what is stored ----------------------------------------
  if (ledger.pending.size) {
    const retried = await ledger.retryPending(client, 30_000);
    console.log(`resent ${retried.resent} unacknowledged batches with their Idempotency-Key: ${retried.left} still unanswered`);
  }
  const after = await storedUsage(database.pool, portal.orgId);
  const told = ledger.acknowledgedSum();
  const rows = [
    ["requests in the hourly rollups", told, after.requests - before.requests],
    ["keys' quota counters", told, after.quotaUsed - before.quotaUsed],
    ["stored Idempotency-Keys (batches)", ledger.acknowledged.size, after.idempotencyKeys - before.idempotencyKeys],
  ] as const;
  console.log("\nafter the run: what the clients were told was accepted against what the database holds (added during the run)");
  console.log(
    markdownTable(
      ["count", "told (sum of accepted)", "stored", "check"],
      rows.map(([name, a, b]) => [name, String(a), String(b), a === b ? "equal" : "DIFFERENT"]),
    ),
  );
  for (const [name, a, b] of rows) if (a !== b) failures.push(`${name}: told ${a}, stored ${b}`);

  const logged = server.logLines(50);
  if (logged.length) {
    failures.push(`the server logged ${logged.length} errors`);
    for (const line of logged.slice(0, 5)) console.log(`  server error: ${JSON.stringify(line).slice(0, 300)}`);
  }
  client.close();
  const exit = await server.stop("SIGTERM");
  if (exit.code !== 0) failures.push(`the server exited with ${exit.code ?? exit.signal} on SIGTERM`);
} catch (error) {
  failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await cleanup();
}

if (failures.length) {
  console.log(`\nFAIL\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("\nPASS: no errors, stored usage equals what the clients were told");
process.exit(0);
