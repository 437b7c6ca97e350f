/**
 * Usage: ingestion through `POST /v1/orgs/{org}/usage/records` (batches of 1000 records with an
 * Idempotency-Key) against the raw database upserting the same hourly rollups; then the 7-day
 * dashboard query for a developer with 50 keys after 1 million and after 10 million records.
 * Prints figures; asserts nothing about them (see docs/benchmarks.md).
 *
 *   npm run bench:usage                      # embedded PGlite, in memory
 *   DATABASE_URL=postgres://… npm run bench:usage
 */
import { Kysely, PostgresDialect, sql, type CompiledQuery } from "kysely";
import pg from "pg";
import type { Database } from "../server/db/schema.js";
import { hashSecret } from "../server/crypto.js";
import { createOrg } from "../server/services/orgs.js";
import { ingestUsage } from "../server/services/usage-ingest.js";
import { usageReport } from "../server/services/usage-report.js";
import { captureStatements } from "./support/capture.js";
import { benchDatabase } from "./support/database.js";
import { envInt } from "./support/env.js";
import { explain, explainCompact, type CompactPlan } from "./support/explain.js";
import { httpGetter } from "./support/http.js";
import { cleanupOnExit, retrying } from "./support/lifecycle.js";
import { loadLine, machineLine } from "./support/machine.js";
import { printComparison, shout } from "./support/report.js";
import { benchKey, seedApiKeys, seedPolicies } from "./support/seed-keys.js";
import { startBenchServer } from "./support/server.js";
import { summarize, type Summary } from "./support/stats.js";
import { fmtMs, fmtRate, fmtRatio, printTable } from "./support/table.js";
import { timeVariants } from "./support/timing.js";
import {
  generateBatch,
  rollUp,
  rollupUpsert,
  toWireRecords,
  upsertGeneratedRollups,
  type AbstractRecord,
  type Traffic,
} from "./support/usage-workload.js";

const settings = {
  /** The first measuring point: records sent through HTTP (and, in the same run, upserted raw as rollups into a twin org). */
  records: envInt("BENCH_USAGE_RECORDS", 1_000_000),
  /** Time budget of the HTTP ingestion (0: none); records short of `records` then come as generated rollups. */
  httpSeconds: envInt("BENCH_USAGE_HTTP_SECONDS", 120),
  /** The second measuring point; the records beyond `records` are added as generated rollups. */
  total: envInt("BENCH_USAGE_TOTAL", 10_000_000),
  batch: Math.max(1, envInt("BENCH_USAGE_BATCH", 1_000)),
  /** Every n-th batch also goes through the service function in-process (no HTTP), into a third org. */
  serviceEvery: Math.max(1, envInt("BENCH_USAGE_SERVICE_EVERY", 10)),
  /** Records per generated-rollup statement (one statement is fastest: its cost is the rows it writes). */
  chunk: Math.max(1, envInt("BENCH_USAGE_CHUNK", 10_000_000)),
  iterations: envInt("BENCH_ITERATIONS", 40),
  warmup: envInt("BENCH_WARMUP", 5),
  /** 0 skips the batches-over-many-keys experiment at the end. */
  spread: envInt("BENCH_USAGE_SPREAD", 1),
};
const traffic: Traffic = {
  targetKeys: Math.max(1, envInt("BENCH_USAGE_TARGET_KEYS", 50)),
  totalKeys: envInt("BENCH_USAGE_KEYS", 500),
  targetShare: envInt("BENCH_USAGE_TARGET_SHARE_PCT", 20) / 100,
  days: Math.min(89, Math.max(1, envInt("BENCH_USAGE_DAYS", 30))),
};
if (traffic.totalKeys <= traffic.targetKeys) throw new Error("BENCH_USAGE_KEYS must exceed BENCH_USAGE_TARGET_KEYS");
const OTHER_DEVELOPERS = 150;

const HTTP = "HTTP";
const SERVICE = "service in-process";
const RAW = "raw rollup upsert";
const REPORT_RAW = "raw query";
const REPORT_HTTP = "HTTP";
const REPORT_RAW_NO_JIT = "raw query, jit = off";
const HTTP_FLOOR = "HTTP floor (404, no db)";

const database = benchDatabase();
console.log(`usage benchmark on ${database.label}`);
console.log(machineLine());
console.log(
  `traffic: ${traffic.totalKeys} keys per org, the target developer holds ${traffic.targetKeys} of them and gets ${Math.round(traffic.targetShare * 100)} % of the records; ` +
    `${traffic.days} days; ${OTHER_DEVELOPERS} other developers; each key calls ${3} of 6 APIs; batches of ${settings.batch} records`,
);

const server = await startBenchServer(database.target);
// The same schema through a second pool whose sessions have PostgreSQL's JIT compiler off, to show
// what JIT costs the report (PGlite has no JIT). The server's own pool keeps the database's settings.
function noJitDatabase(target: typeof database.target): Kysely<Database> | null {
  if (target.kind !== "postgres") return null;
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 2,
    options: `${target.schema ? `-c search_path="${target.schema}" ` : ""}-c jit=off`,
  });
  pool.on("error", () => {}); // an idle connection dropped by the server is replaced on next use
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
const noJit = noJitDatabase(database.target);
const cleanup = cleanupOnExit(async () => {
  await noJit?.destroy().catch(() => {});
  await server.close().catch(() => {});
  await retrying(() => database.dispose());
});

interface Lane {
  name: string;
  slug: string;
  orgId: string;
  apiKey: string;
  targetDeveloperId: string;
  /** Key number i (0-based) of the traffic → its id and its developer. */
  keyIds: string[];
  developerIds: string[];
  records: number;
}

/** An org with the target developer, the others, one policy and the keys, all set-based. */
async function createLane(db: Kysely<Database>, name: string): Promise<Lane> {
  const created = await createOrg(db, { slug: `bench-usage-${name}`, name: `Usage benchmark (${name})` });
  const orgId = created.org.id;
  await sql`
    insert into developers (org_id, email, email_normalized, name)
    select ${orgId}::uuid, e, e, 'Usage Bench ' || g
    from generate_series(0, ${sql.lit(OTHER_DEVELOPERS)}) as g, lpad(g::text, 4, '0') as p, concat('usage.bench', p, '@example.com') as e`.execute(
    db,
  );
  const developers = (await db.selectFrom("developers").select("id").where("org_id", "=", orgId).orderBy("email_normalized").execute()).map(
    (row) => row.id,
  );
  const [target, ...others] = developers;
  const policyIds = await seedPolicies(db, orgId, 1);
  const label = `usage-${name}`;
  await seedApiKeys(db, orgId, { label, first: 1, count: traffic.targetKeys, policyIds, developerIds: [target!] });
  await seedApiKeys(db, orgId, {
    label,
    first: traffic.targetKeys + 1,
    count: traffic.totalKeys - traffic.targetKeys,
    policyIds,
    developerIds: others,
  });
  const rows = await db.selectFrom("api_keys").select(["id", "developer_id", "key_hash"]).where("org_id", "=", orgId).execute();
  const byHash = new Map(rows.map((row) => [row.key_hash, row]));
  const keys = Array.from({ length: traffic.totalKeys }, (_, i) => byHash.get(hashSecret(benchKey(label, i + 1)))!);
  if (keys.some((key) => !key)) throw new Error("a seeded key is missing");
  return {
    name,
    slug: created.org.slug,
    orgId,
    apiKey: created.apiKey,
    targetDeveloperId: target!,
    keyIds: keys.map((key) => key.id),
    developerIds: keys.map((key) => key.developer_id),
    records: 0,
  };
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Statement parameters as comparable text (dates as instants). */
function comparable(parameters: readonly unknown[]): string {
  return JSON.stringify(parameters.map((value) => (value instanceof Date ? value.toISOString() : value)));
}

const secondsSince = (started: number) => ((performance.now() - started) / 1000).toFixed(1);

try {
  const db = server.database.db;
  let started = performance.now();
  const http = await createLane(db, "http");
  const raw = await createLane(db, "raw");
  const service = await createLane(db, "service");
  await sql`analyze`.execute(db);
  console.log(`three twin orgs (HTTP, raw, service), ${traffic.totalKeys} keys each, in ${secondsSince(started)} s`);

  // --- The service's statements for one batch; the raw upsert must be the same --------------------
  const sample = generateBatch(traffic, 0, settings.batch, Date.now());
  const captured = await captureStatements(db, (recording) =>
    ingestUsage(recording, service.orgId, toWireRecords(sample, service.keyIds), "bench-service-0"),
  );
  service.records += sample.length;
  const upserts = captured.filter((statement) => statement.sql.startsWith('insert into "usage_rollups"'));
  const built = chunked(rollUp(sample, service.keyIds, service.developerIds), 1000).map((rollups) =>
    rollupUpsert(db, service.orgId, rollups),
  );
  if (
    upserts.length !== built.length ||
    upserts.some((statement, i) => statement.sql !== built[i]!.sql || comparable(statement.parameters) !== comparable(built[i]!.parameters))
  ) {
    throw new Error("the raw rollup upsert differs from the statement the service sends: update bench/support/usage-workload.ts");
  }
  const kinds = new Map<string, number>();
  for (const statement of captured) {
    const kind = statement.sql.replace(/\s+/g, " ").split(" ").slice(0, 3).join(" ").replace(/"/g, "");
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const distinctKeys = new Set(sample.map((record) => record.key)).size;
  console.log(
    `one batch of ${sample.length} records (${distinctKeys} distinct keys, ${built.reduce((n, s) => n + s.parameters.length / 11, 0)} rollups) ` +
      `makes the service send ${captured.length} statements in one transaction: ` +
      [...kinds].map(([kind, count]) => `${count} × ${kind}`).join(", ") +
      `; the raw baseline sends only the rollup upsert (checked identical, SQL and parameters)`,
  );

  // --- Ingestion, batch by batch, interleaved ---------------------------------------------------
  const batches = Math.floor(settings.records / settings.batch);
  const timings = new Map<string, number[]>([
    [HTTP, []],
    [RAW, []],
    [SERVICE, []],
  ]);
  const authorization = { Authorization: `Bearer ${http.apiKey}`, "Content-Type": "application/json" };
  console.log(
    `\ningesting up to ${batches} batches into each of the HTTP and raw orgs (every ${settings.serviceEvery}th also in-process), one at a time` +
      (settings.httpSeconds ? `, for at most ${settings.httpSeconds} s…` : "…"),
  );
  started = performance.now();
  let nextReport = 0.1;
  for (let i = 0; i < batches; i++) {
    if (settings.httpSeconds && performance.now() - started > settings.httpSeconds * 1000) {
      console.log(`  time budget reached (BENCH_USAGE_HTTP_SECONDS=${settings.httpSeconds}) after ${i} batches`);
      break;
    }
    const records = generateBatch(traffic, i + 1, settings.batch, Date.now());
    const body = JSON.stringify({ records: toWireRecords(records, http.keyIds) });
    const statements = chunked(rollUp(records, raw.keyIds, raw.developerIds), 1000).map((rollups) => rollupUpsert(db, raw.orgId, rollups));
    const serviceRecords = i % settings.serviceEvery === 0 ? toWireRecords(records, service.keyIds) : null;
    const steps: [string, () => Promise<void>][] = [
      [
        HTTP,
        async () => {
          const response = await fetch(`${server.url}/v1/orgs/${http.slug}/usage/records`, {
            method: "POST",
            headers: { ...authorization, "Idempotency-Key": `bench-http-${i}` },
            body,
          });
          const text = await response.text();
          if (response.status !== 200) throw new Error(`ingestion answered ${response.status}: ${text.slice(0, 300)}`);
          const result = JSON.parse(text) as { accepted: number };
          if (result.accepted !== records.length)
            throw new Error(`ingestion accepted ${result.accepted} of ${records.length}: ${text.slice(0, 300)}`);
        },
      ],
      [
        RAW,
        async () => {
          for (const statement of statements) await db.executeQuery(statement);
        },
      ],
    ];
    if (serviceRecords) {
      steps.push([
        SERVICE,
        async () => {
          await ingestUsage(db, service.orgId, serviceRecords, `bench-service-${i + 1}`);
        },
      ]);
    }
    for (let offset = 0; offset < steps.length; offset++) {
      const [name, run] = steps[(i + offset) % steps.length]!;
      const begun = performance.now();
      await run();
      timings.get(name)!.push(performance.now() - begun);
    }
    http.records += records.length;
    raw.records += records.length;
    if (serviceRecords) service.records += records.length;
    if ((i + 1) / batches >= nextReport) {
      console.log(
        `  ${Math.round(((i + 1) / batches) * 100)} %: ${http.records} records per org after ${secondsSince(started)} s; ${loadLine()}`,
      );
      nextReport += 0.1;
    }
  }
  console.log(`ingested ${http.records} records per org in ${secondsSince(started)} s`);
  const throughHttp = http.records;

  const ingestRows = [HTTP, SERVICE, RAW].map((name) => {
    const samples = timings.get(name)!;
    const s = summarize(samples);
    const total = samples.reduce((sum, value) => sum + value, 0);
    return { name, s, perSecond: (samples.length * settings.batch * 1000) / total };
  });
  const rawRate = ingestRows.find((row) => row.name === RAW)!.perSecond;
  printTable(
    ["per batch of " + settings.batch, "batches", "records/s", "vs raw", "median", "p90", "p99"],
    ingestRows.map(({ name, s, perSecond }) => [
      name,
      String(s.count),
      fmtRate(perSecond),
      fmtRatio(perSecond / rawRate),
      fmtMs(s.median, 1),
      fmtMs(s.p90, 1),
      fmtMs(s.p99, 1),
    ]),
    `(a) ingestion, one batch at a time, interleaved (records/s = records / time spent in that variant)`,
  );

  // --- The dashboard query ----------------------------------------------------------------------
  const admin = httpGetter(server.url, { Authorization: `Bearer ${http.apiKey}` });
  const reportPath = `/v1/orgs/${http.slug}/developers/${http.targetDeveloperId}/usage?days=7`;
  const jitSettings = await sql<{ name: string; setting: string }>`
    select name, setting from pg_settings where name in ('jit', 'jit_above_cost', 'jit_inline_above_cost', 'jit_optimize_above_cost', 'shared_buffers', 'work_mem') order by name`
    .execute(db)
    .then((result) => result.rows.map((row) => `${row.name}=${row.setting}`).join(", "))
    .catch(() => "unknown");
  console.log(`\ndatabase settings: ${jitSettings}`);

  interface Point {
    label: string;
    how: string;
    recordsInOrg: number;
    orgRows: number;
    tableRows: number;
    windowRows: number;
    raw: Summary;
    rawNoJit: Summary | null;
    plans: CompactPlan[];
    perStatement: Summary[];
    suggested: Summary[];
    http: Summary;
  }

  async function measureDashboard(label: string, how: string, printSql: boolean): Promise<Point> {
    await sql`analyze usage_rollups`.execute(db);
    const query = { days: 7, tz: "UTC" };
    const statements = await captureStatements(db, (recording) => usageReport(recording, http.orgId, http.targetDeveloperId, query));
    // After a long statement the server may close an idle keep-alive socket just as the client reuses it: once more.
    const first = await admin(reportPath).catch(() => admin(reportPath));
    const report = JSON.parse(first) as { from: string; totals: { requests: number }; keys: unknown[] };
    const counts = await sql<{ org_rows: string; org_records: string; window_rows: string; table_rows: string; size: string }>`
      select
        (select count(*) from usage_rollups where org_id = ${http.orgId}) as org_rows,
        (select coalesce(sum(requests), 0) from usage_rollups where org_id = ${http.orgId}) as org_records,
        (select count(*) from usage_rollups where org_id = ${http.orgId} and developer_id = ${http.targetDeveloperId} and hour >= ${new Date(report.from)}) as window_rows,
        (select count(*) from usage_rollups) as table_rows,
        pg_size_pretty(pg_total_relation_size('usage_rollups')) as size`.execute(db);
    const row = counts.rows[0]!;
    const dead = await sql<{ n_dead_tup: string; last_autovacuum: Date | null }>`
      select n_dead_tup, last_autovacuum from pg_stat_user_tables where relname = 'usage_rollups' and schemaname = current_schema()`
      .execute(db)
      .then((result) => result.rows[0])
      .catch(() => undefined);
    console.log(
      `\n--- after ${label}: ${Number(row.org_records)} records in the HTTP org (${how}), ${Number(row.org_rows)} rollup rows in it, ` +
        `${Number(row.table_rows)} in the table (all orgs, ${row.size} with indexes` +
        (dead ? `, ${dead.n_dead_tup} dead row versions, last autovacuum ${dead.last_autovacuum?.toISOString() ?? "never"}` : "") +
        `); the target developer has ${Number(row.window_rows)} rollup rows since ${report.from} ` +
        `(at most ${traffic.targetKeys} keys × 168 hours × 3 APIs = ${traffic.targetKeys * 168 * 3}), ${report.totals.requests} requests in the report`,
    );
    const suggested = suggestedReportStatements(db, http.orgId, http.targetDeveloperId, query.tz, query.days, new Date(report.from));
    await checkSameResults(db, statements, suggested);
    const plans: CompactPlan[] = [];
    const describe = (plan: CompactPlan) =>
      `estimated cost ${Math.round(plan.totalCost)}, executed in ${plan.executionMs.toFixed(1)} ms` +
      (plan.jit
        ? ` of which JIT compilation ${plan.jit.totalMs.toFixed(1)} ms (${plan.jit.functions} functions; ${plan.jit.options})`
        : ", no JIT") +
      `, shared buffers hit ${plan.sharedHit} read ${plan.sharedRead}`;
    for (const [i, statement] of statements.entries()) {
      const plan = await explain(db, statement);
      const compact = await explainCompact(db, statement);
      plans.push(compact);
      if (printSql) console.log(`\nstatement ${i + 1} of the report, as the service sends it:\n${indent(statement.sql)}`);
      console.log(`statement ${i + 1}: EXPLAIN (ANALYZE, BUFFERS): ${describe(compact)}\n${indent(compact.nodes.join("\n"))}`);
      // A sequential scan of the few policies rows is the planner's right choice; of rollups or keys it would not be.
      const scanned = [...plan.text.matchAll(/Seq Scan on (\w+)/g)].map((match) => match[1]!);
      const large = scanned.filter((table) => table === "usage_rollups" || table === "api_keys");
      if (large.length) shout(`statement ${i + 1} of the usage report reads ${large.join(", ")} sequentially after ${label}`);
      else
        console.log(
          `→ ${plan.indexes.join(", ") || "no index"}` +
            (scanned.length ? ` (sequential scan only of ${scanned.join(", ")})` : ", no sequential scan"),
        );
    }
    for (const [i, statement] of suggested.entries())
      console.log(`suggested shape of statement ${i + 1}: ${describe(await explainCompact(db, statement))}`);
    const runStatements = async (list: readonly CompiledQuery[]) => {
      for (const statement of list) await db.executeQuery(statement);
    };
    // The counts and plans above can hold PGlite's (and so the server's) thread for longer than the
    // server's keep-alive timeout: refresh the client's socket before timing.
    await admin(reportPath).catch(() => admin(reportPath));
    const statementName = (i: number) => `  of which statement ${i + 1}`;
    const suggestedName = (i: number) => `  (statement ${i + 1}, suggested shape)`;
    const timingsByVariant = await timeVariants<null>(
      [
        { name: REPORT_RAW, run: () => runStatements(statements) },
        ...(noJit
          ? [
              {
                name: REPORT_RAW_NO_JIT,
                run: async () => {
                  for (const statement of statements) await noJit.executeQuery(statement);
                },
              },
            ]
          : []),
        ...statements.map((statement, i) => ({ name: statementName(i), run: () => db.executeQuery(statement) })),
        ...suggested.map((statement, i) => ({ name: suggestedName(i), run: () => db.executeQuery(statement) })),
        { name: REPORT_HTTP, run: () => admin(reportPath) },
        { name: HTTP_FLOOR, run: () => admin("/bench-floor", 404) },
      ],
      [null],
      settings,
    );
    printComparison(`(b) after ${label}: GET /v1/orgs/{org}/developers/{id}/usage?days=7 (${traffic.targetKeys} keys)`, timingsByVariant, {
      subject: REPORT_HTTP,
      baseline: REPORT_RAW,
    });
    console.log(`  ${loadLine()}`);
    return {
      label,
      how,
      recordsInOrg: Number(row.org_records),
      orgRows: Number(row.org_rows),
      tableRows: Number(row.table_rows),
      windowRows: Number(row.window_rows),
      raw: summarize(timingsByVariant.get(REPORT_RAW)!),
      rawNoJit: noJit ? summarize(timingsByVariant.get(REPORT_RAW_NO_JIT)!) : null,
      plans,
      perStatement: statements.map((_, i) => summarize(timingsByVariant.get(statementName(i))!)),
      suggested: suggested.map((_, i) => summarize(timingsByVariant.get(suggestedName(i))!)),
      http: summarize(timingsByVariant.get(REPORT_HTTP)!),
    };
  }

  const millions = (records: number) => `${(records / 1e6).toFixed(records % 1e6 ? 2 : 0)}M records`;
  if (http.records < settings.records) {
    started = performance.now();
    const count = settings.records - http.records;
    await upsertGeneratedRollups(db, http.orgId, traffic, http.keyIds, http.developerIds, count);
    http.records += count;
    console.log(
      `\nthe ${count} records the time budget left out added as rollups drawn in SQL (same distributions, upserted like the service does) in ${secondsSince(started)} s`,
    );
  }
  const points: Point[] = [];
  points.push(
    await measureDashboard(
      millions(http.records),
      throughHttp === http.records
        ? "all sent through HTTP"
        : `${throughHttp} through HTTP, ${http.records - throughHttp} as generated rollups`,
      true,
    ),
  );

  // --- On to `total`: the rollups of the remaining records, generated in SQL -----------------------
  const remaining = settings.total - http.records;
  if (remaining > 0) {
    started = performance.now();
    let written = 0;
    for (let done = 0; done < remaining; done += settings.chunk) {
      const count = Math.min(settings.chunk, remaining - done);
      written += await upsertGeneratedRollups(db, http.orgId, traffic, http.keyIds, http.developerIds, count);
      http.records += count;
      console.log(`  +${count} generated records (${http.records} in the HTTP org) after ${secondsSince(started)} s; ${loadLine()}`);
    }
    console.log(
      `added the rollups of ${remaining} more records, drawn in SQL from the same distributions and upserted like the service does ` +
        `(${written} rollup rows inserted or updated, ${settings.chunk} records per statement) in ${secondsSince(started)} s`,
    );
    points.push(
      await measureDashboard(
        millions(http.records),
        `${throughHttp} through HTTP, ${http.records - throughHttp} as generated rollups`,
        false,
      ),
    );
  }

  printTable(
    [
      "after",
      "how the records came",
      "rollup rows in org / table",
      "target's rows in 7 days",
      "raw median",
      "statement 1 + 2 medians",
      "raw p99",
      "HTTP median",
      "HTTP p99",
      "HTTP / raw",
    ],
    points.map((point) => [
      point.label,
      point.how,
      `${point.orgRows.toLocaleString("en-US")} / ${point.tableRows.toLocaleString("en-US")}`,
      point.windowRows.toLocaleString("en-US"),
      fmtMs(point.raw.median),
      point.perStatement.map((summary) => fmtMs(summary.median, 1)).join(" + "),
      fmtMs(point.raw.p99),
      fmtMs(point.http.median),
      fmtMs(point.http.p99),
      fmtRatio(point.http.median / point.raw.median),
    ]),
    `(c) the 7-day dashboard of a developer with ${traffic.targetKeys} keys (${settings.iterations} timed requests per point)`,
  );
  if (points.length === 2) {
    const [small, large] = points as [Point, Point];
    console.log(
      `  ${large.label} / ${small.label}: records ×${(large.recordsInOrg / small.recordsInOrg).toFixed(1)}, ` +
        `rows read ×${(large.windowRows / small.windowRows).toFixed(2)}; raw median ×${(large.raw.median / small.raw.median).toFixed(2)}, ` +
        `HTTP median ×${(large.http.median / small.http.median).toFixed(2)}, raw p99 ×${(large.raw.p99 / small.raw.p99).toFixed(2)}, HTTP p99 ×${(large.http.p99 / small.http.p99).toFixed(2)}` +
        (large.rawNoJit && small.rawNoJit
          ? `; with jit = off: raw median ×${(large.rawNoJit.median / small.rawNoJit.median).toFixed(2)}`
          : ""),
    );
  }
  if (noJit) {
    printTable(
      [
        "after",
        "statement 1 estimated cost / JIT",
        "statement 2 estimated cost / JIT",
        "raw median (jit as configured)",
        "raw median, jit = off",
        "ratio",
      ],
      points.map((point) => [
        point.label,
        ...point.plans.map((plan) => `${Math.round(plan.totalCost)} / ${plan.jit ? `${plan.jit.totalMs.toFixed(0)} ms` : "none"}`),
        fmtMs(point.raw.median, 1),
        fmtMs(point.rawNoJit!.median, 1),
        fmtRatio(point.raw.median / point.rawNoJit!.median),
      ]),
      "(c′) PostgreSQL's JIT compiler and the report (JIT runs when the estimated cost exceeds jit_above_cost; its time is paid on every execution)",
    );
  }

  printTable(
    [
      "after",
      "statement 1 (days) as sent",
      "aggregated per hour first",
      "ratio",
      "statement 2 (keys) as sent",
      "aggregated per key first",
      "ratio",
    ],
    points.map((point) => [
      point.label,
      fmtMs(point.perStatement[0]!.median, 1),
      fmtMs(point.suggested[0]!.median, 1),
      fmtRatio(point.perStatement[0]!.median / point.suggested[0]!.median),
      fmtMs(point.perStatement[1]!.median, 1),
      fmtMs(point.suggested[1]!.median, 1),
      fmtRatio(point.perStatement[1]!.median / point.suggested[1]!.median),
    ]),
    "(e) the report's two statements against the same results computed by aggregating the rollups before joining (medians; NOT what the server sends — checked to return the same figures)",
  );

  // --- How the batch time depends on how many keys a batch touches --------------------------------
  if (settings.spread) {
    const rows: string[][] = [];
    let batchNumber = 1_000_000;
    for (const [label, pick] of [
      ["1 key", () => 0],
      [`${traffic.targetKeys} keys`, (r: number) => Math.floor(r * traffic.targetKeys)],
      [`${traffic.totalKeys} keys`, (r: number) => Math.floor(r * traffic.totalKeys)],
    ] as const) {
      const times: number[] = [];
      let statementCount = 0;
      let keysTouched = 0;
      for (let i = 0; i < 12; i++) {
        const records: AbstractRecord[] = generateBatch(traffic, batchNumber++, settings.batch, Date.now()).map((record, j) => {
          const key = pick(((j * 2654435761) % 4294967296) / 4294967296);
          return { ...record, key, api: ["payments", "search", "users"][j % 3]! };
        });
        const wire = toWireRecords(records, service.keyIds);
        if (i === 0) {
          statementCount = (
            await captureStatements(db, (recording) => ingestUsage(recording, service.orgId, wire, `bench-spread-${batchNumber}`))
          ).length;
          keysTouched = new Set(records.map((record) => record.key)).size;
          continue;
        }
        const begun = performance.now();
        await ingestUsage(db, service.orgId, wire, `bench-spread-${batchNumber}`);
        times.push(performance.now() - begun);
        const rollups = chunked(rollUp(records, service.keyIds, service.developerIds), 1000).map((chunk) =>
          rollupUpsert(db, service.orgId, chunk),
        );
        const rawBegun = performance.now();
        for (const statement of rollups) await db.executeQuery(statement);
        times.push(-(performance.now() - rawBegun)); // negative: raw upsert of the same rollups, kept apart below
      }
      const serviceTimes = summarize(times.filter((t) => t >= 0));
      const rawTimes = summarize(times.filter((t) => t < 0).map((t) => -t));
      rows.push([
        `${settings.batch} records over ${label} (${keysTouched} touched)`,
        String(statementCount),
        fmtMs(serviceTimes.median, 1),
        fmtMs(rawTimes.median, 1),
        fmtRatio(serviceTimes.median / rawTimes.median),
      ]);
    }
    printTable(
      ["batch", "statements sent", "service in-process median", "raw upsert of its rollups median", "service / raw"],
      rows,
      "(d) the cost of a batch against the number of keys it touches (11 batches each, in-process, no HTTP)",
    );
  }
  console.log(`\nat the end: ${loadLine()}`);
} finally {
  await cleanup();
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

/**
 * Not what the server sends: the same two results computed by aggregating the rollups first (per
 * hour, per key) and joining the few buckets or keys afterwards. Measured next to the service's
 * statements as evidence for a suggestion (docs/benchmarks.md); checked to return the same figures.
 */
function suggestedReportStatements(
  db: Kysely<Database>,
  orgId: string,
  developerId: string,
  tz: string,
  days: number,
  from: Date,
): CompiledQuery[] {
  const sums = sql`sum(requests) as requests, sum(errors_4xx) as errors_4xx, sum(errors_5xx) as errors_5xx, sum(latency_sum_ms) as latency_sum_ms, sum(latency_count) as latency_count`;
  const buckets = sql`
    with buckets as (
      select local_start, local_start at time zone ${tz} as start, (local_start + interval '1 day') at time zone ${tz} as finish
      from generate_series(date_trunc('day', now() at time zone ${tz}) - interval '1 day' * ${days - 1}, date_trunc('day', now() at time zone ${tz}), interval '1 day') as local_start
    ), hours as (
      select hour, ${sums}
      from usage_rollups
      where org_id = ${orgId} and developer_id = ${developerId} and hour >= (select min(start) from buckets) and hour < (select max(finish) from buckets)
      group by hour
    )
    select to_char(b.local_start, 'YYYY-MM-DD') as local_start, b.start,
           coalesce(sum(h.requests), 0) as requests, coalesce(sum(h.errors_4xx), 0) as errors_4xx, coalesce(sum(h.errors_5xx), 0) as errors_5xx,
           coalesce(sum(h.latency_sum_ms), 0) as latency_sum_ms, coalesce(sum(h.latency_count), 0) as latency_count
    from buckets b left join hours h on h.hour >= b.start and h.hour < b.finish
    group by b.local_start, b.start
    order by b.local_start`;
  const perKey = sql`
    select k.id, k.key_prefix, k.status, p.name as policy_name,
           coalesce(r.requests, 0) as requests, coalesce(r.errors_4xx, 0) as errors_4xx, coalesce(r.errors_5xx, 0) as errors_5xx,
           coalesce(r.latency_sum_ms, 0) as latency_sum_ms, coalesce(r.latency_count, 0) as latency_count
    from api_keys k
    join policies p on p.org_id = k.org_id and p.id = k.policy_id
    left join (
      select key_id, ${sums} from usage_rollups
      where org_id = ${orgId} and developer_id = ${developerId} and hour >= ${from}
      group by key_id
    ) r on r.key_id = k.id
    where k.org_id = ${orgId} and k.developer_id = ${developerId}
    order by k.created_at, k.id`;
  return [buckets.compile(db), perKey.compile(db)];
}

/** Fails unless the suggested statements return the same figures as the service's. */
async function checkSameResults(
  db: Kysely<Database>,
  statements: readonly CompiledQuery[],
  suggested: readonly CompiledQuery[],
): Promise<void> {
  const figures = (rows: Record<string, unknown>[], key: string) =>
    rows
      .map((row) =>
        [
          String(row[key]),
          ...["requests", "errors_4xx", "errors_5xx", "latency_sum_ms", "latency_count"].map((column) => Number(row[column])),
        ].join(" "),
      )
      .sort()
      .join("\n");
  for (const [i, key] of ["local_start", "id"].entries()) {
    const a = (await db.executeQuery<Record<string, unknown>>(statements[i]!)).rows;
    const b = (await db.executeQuery<Record<string, unknown>>(suggested[i]!)).rows;
    if (figures(a, key) !== figures(b, key))
      throw new Error(`the suggested shape of statement ${i + 1} does not return the service's figures`);
  }
}
