/**
 * Developer API key verification for gateways: `POST /v1/orgs/{org}/keys/verify` against the raw
 * database running the same indexed lookup, with 100 000 keys stored; one at a time and under
 * concurrency. Prints figures; asserts nothing about them (see docs/benchmarks.md).
 *
 *   npm run bench:keys                      # embedded PGlite, in memory
 *   DATABASE_URL=postgres://… npm run bench:keys
 */
import type { CompiledQuery } from "kysely";
import { hashSecret } from "../server/crypto.js";
import { issueOrgApiKey } from "../server/services/org-api-keys.js";
import { createOrg } from "../server/services/orgs.js";
import { verifyKey } from "../server/services/subscriptions.js";
import { captureStatement } from "./support/capture.js";
import { benchDatabase } from "./support/database.js";
import { envInt } from "./support/env.js";
import { explain } from "./support/explain.js";
import { httpGetter, httpPoster } from "./support/http.js";
import { HttpLoadClient } from "./support/http-load.js";
import { cleanupOnExit, retrying } from "./support/lifecycle.js";
import { compareLoad, type SliceVariant } from "./support/load.js";
import { loadLine, machineLine } from "./support/machine.js";
import { printComparison, shout } from "./support/report.js";
import { analyzeTables, seedDevelopers } from "./support/seed-developers.js";
import { benchKey, seedApiKeys, seedPolicies } from "./support/seed-keys.js";
import { startBenchServer } from "./support/server.js";
import { summarize } from "./support/stats.js";
import { fmtMs, fmtRate, fmtRatio, printTable } from "./support/table.js";
import { seededRandom, timeVariants, type Variant } from "./support/timing.js";

const settings = {
  keys: Math.max(1, envInt("BENCH_KEYS", 100_000)),
  keysPerDeveloper: Math.max(1, envInt("BENCH_KEYS_PER_DEVELOPER", 2)),
  iterations: envInt("BENCH_ITERATIONS", 2_000),
  warmup: envInt("BENCH_WARMUP", 300),
  inputs: Math.max(1, envInt("BENCH_INPUTS", 1_000)),
  concurrencies: (process.env.BENCH_KEYS_CONCURRENCY || "8,32").split(",").map((value) => Math.max(1, Number(value))),
  sliceMs: envInt("BENCH_KEYS_SLICE_MS", 2_000),
  rounds: Math.max(1, envInt("BENCH_KEYS_ROUNDS", 3)),
};

const LABEL = "bench-keys";
const HTTP = "HTTP";
const RAW = "raw query";
const RAW_WITH_LOOKUP = "raw + org key lookup";
const HTTP_FLOOR = "HTTP floor (404, no db)";
const KEY_INDEX = "api_keys_key_hash_key";

const database = benchDatabase();
console.log(`keys benchmark on ${database.label}`);
console.log(`${machineLine()}; ${settings.iterations} timed + ${settings.warmup} warm-up requests per variant`);

const server = await startBenchServer(database.target);
const verifyClient = new HttpLoadClient(server.url);
const floorClient = new HttpLoadClient(server.url);
const cleanup = cleanupOnExit(async () => {
  await verifyClient.close().catch(() => {});
  await floorClient.close().catch(() => {});
  await server.close().catch(() => {});
  await retrying(() => database.dispose());
});
try {
  const db = server.database.db;

  // --- Seed: developers, policies, then the keys, each with one set-based statement -----------
  let started = performance.now();
  const created = await createOrg(db, { slug: "bench-keys", name: "Keys benchmark" });
  const orgId = created.org.id;
  // What a gateway holds: an org key with the usage:write scope only.
  const gatewayKey = await issueOrgApiKey(db, orgId, ["usage:write"]);
  const developers = await seedDevelopers(db, orgId, Math.ceil(settings.keys / settings.keysPerDeveloper), 0.17);
  const policyIds = await seedPolicies(db, orgId, 4);
  const keys = await seedApiKeys(db, orgId, { label: LABEL, count: settings.keys, policyIds, revokedEvery: 20 });
  await analyzeTables(db, ["developers", "policies", "api_keys", "org_api_keys"]);
  console.log(
    `seeded ${keys} developer keys (1 in 20 revoked) over ${developers} developers and ${policyIds.length} policies ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s (set-based inserts, key_hash = sha256 hex of the raw key, then analyze)`,
  );

  // --- Inputs: random seeded keys, and the exact statement verifyKey sends for each ------------
  const random = seededRandom(11);
  const numbers = Array.from({ length: settings.inputs }, () => 1 + Math.floor(random() * settings.keys));
  const inputs: { key: string; statement: CompiledQuery }[] = [];
  for (const n of numbers) {
    const key = benchKey(LABEL, n);
    inputs.push({ key, statement: await captureStatement(db, (recording) => verifyKey(recording, orgId, key)) });
  }
  const post = httpPoster(server.url, { Authorization: `Bearer ${gatewayKey}` });
  const verifyPath = `/v1/orgs/${created.org.slug}/keys/verify`;
  // Not a timing check: HTTP must answer what the raw lookup finds, or the comparison means nothing.
  let valid = 0;
  for (const { key, statement } of inputs.slice(0, 50)) {
    const answer = JSON.parse(await post(verifyPath, { key })) as { valid: boolean; keyId?: string };
    const row = (await db.executeQuery<{ id: string }>(statement)).rows[0];
    if (!row || answer.keyId !== row.id) throw new Error(`HTTP and the raw lookup disagree for key ${key.slice(0, 10)}…`);
    if (answer.valid) valid++;
  }
  console.log(
    `${inputs.length} random keys as inputs (${valid} of the first 50 valid, the rest revoked); e.g. ${inputs[0]!.key.slice(0, 12)}… ` +
      `(stored as ${hashSecret(inputs[0]!.key).slice(0, 12)}…)`,
  );

  // --- Plan ---------------------------------------------------------------------------------
  const plan = await explain(db, inputs[0]!.statement);
  console.log(`\nthe statement verifyKey sends:\n${indent(inputs[0]!.statement.sql)}\nEXPLAIN ANALYZE:\n${indent(plan.text)}`);
  if (!plan.indexes.includes(KEY_INDEX)) {
    shout(
      `The key lookup does NOT use the unique index ${KEY_INDEX} (${plan.seqScan ? "Seq Scan" : `uses ${plan.indexes.join(", ") || "no index"}`})`,
    );
  } else {
    console.log(
      `→ api_keys found through the unique index ${KEY_INDEX} (then ${plan.indexes.filter((name) => name !== KEY_INDEX).join(", ")})${plan.seqScan ? "; a Seq Scan appears too" : ", no sequential scan"}`,
    );
  }

  // --- One at a time ------------------------------------------------------------------------
  // What the middleware asks on every request with an org key (authenticate.ts); the org itself is cached (load-org.ts).
  const keyLookup = db
    .selectFrom("org_api_keys")
    .select(["org_id", "id", "scopes"])
    .where("key_hash", "=", hashSecret(gatewayKey))
    .where("revoked_at", "is", null)
    .compile();
  const get = httpGetter(server.url);
  const sequential = await timeVariants<(typeof inputs)[number]>(
    [
      { name: RAW, run: ({ statement }) => db.executeQuery(statement) },
      { name: HTTP, run: ({ key }) => post(verifyPath, { key }) },
      {
        name: RAW_WITH_LOOKUP,
        run: async ({ statement }) => {
          await db.executeQuery(keyLookup);
          await db.executeQuery(statement);
        },
      },
      { name: HTTP_FLOOR, run: () => get("/bench-floor", 404) },
    ],
    inputs,
    settings,
  );
  printComparison("(a) POST /v1/orgs/{org}/keys/verify {key}, one request at a time", sequential, { subject: HTTP, baseline: RAW });
  const perSecond = (name: string) => 1000 / summarize(sequential.get(name)!).mean;
  console.log(
    `  one at a time: ${fmtRate(perSecond(HTTP))} verifications/s over HTTP, ${fmtRate(perSecond(RAW))}/s raw ` +
      `(1000 / mean latency; HTTP / raw ${fmtRatio(perSecond(HTTP) / perSecond(RAW))})`,
  );

  // --- Under concurrency --------------------------------------------------------------------
  // HTTP requests come from a worker thread (keep-alive, one socket per concurrent request), so the
  // server's event loop does not also run the client; the raw lookups run on the server's own pool.
  await verifyClient.setRequests(
    inputs.map(({ key }) => ({
      method: "POST",
      path: verifyPath,
      body: JSON.stringify({ key }),
      headers: { Authorization: `Bearer ${gatewayKey}`, "Content-Type": "application/json" },
      expectedStatus: 200,
    })),
  );
  await floorClient.setRequests([{ method: "GET", path: "/bench-floor", expectedStatus: 404 }]);
  const raw: Variant<(typeof inputs)[number]> = { name: RAW, run: ({ statement }) => db.executeQuery(statement) };
  const rawWithLookup: Variant<(typeof inputs)[number]> = {
    name: RAW_WITH_LOOKUP,
    run: async ({ statement }) => {
      await db.executeQuery(keyLookup);
      await db.executeQuery(statement);
    },
  };
  const http: SliceVariant = { name: HTTP, slice: (options) => verifyClient.run(options) };
  const floor: SliceVariant = { name: HTTP_FLOOR, slice: (options) => floorClient.run(options) };
  const rows: string[][] = [];
  const sequentialRaw = summarize(sequential.get(RAW)!);
  const sequentialHttp = summarize(sequential.get(HTTP)!);
  rows.push([
    "1 (above)",
    fmtRate(perSecond(RAW)),
    fmtRate(perSecond(HTTP)),
    fmtRatio(perSecond(HTTP) / perSecond(RAW)),
    fmtRate(perSecond(RAW_WITH_LOOKUP)),
    fmtRate(perSecond(HTTP_FLOOR)),
    fmtMs(sequentialRaw.median, 3),
    fmtMs(sequentialRaw.p99, 3),
    fmtMs(sequentialHttp.median, 3),
    fmtMs(sequentialHttp.p99, 3),
  ]);
  for (const concurrency of settings.concurrencies) {
    const results = await compareLoad([raw, rawWithLookup, http, floor], inputs, {
      concurrency,
      sliceMs: settings.sliceMs,
      rounds: settings.rounds,
      warmupMs: 500,
    });
    const r = results.get(RAW)!;
    const h = results.get(HTTP)!;
    const rs = summarize(r.latencies);
    const hs = summarize(h.latencies);
    rows.push([
      String(concurrency),
      fmtRate(r.perSecond),
      fmtRate(h.perSecond),
      fmtRatio(h.perSecond / r.perSecond),
      fmtRate(results.get(RAW_WITH_LOOKUP)!.perSecond),
      fmtRate(results.get(HTTP_FLOOR)!.perSecond),
      fmtMs(rs.median, 3),
      fmtMs(rs.p99, 3),
      fmtMs(hs.median, 3),
      fmtMs(hs.p99, 3),
    ]);
    console.log(
      `  concurrency ${concurrency}: ${fmtRate(h.perSecond)} verifications/s over HTTP, ${fmtRate(r.perSecond)}/s raw; ${loadLine()}`,
    );
  }
  printTable(
    [
      "concurrency",
      "raw lookups/s",
      "HTTP verifications/s",
      "HTTP / raw",
      "raw + org key lookup /s",
      "HTTP floor req/s",
      "raw median",
      "raw p99",
      "HTTP median",
      "HTTP p99",
    ],
    rows,
    `(b) verifications per second with ${keys} keys stored (keep-alive; concurrency > 1 in alternating ${settings.sliceMs} ms slices, ${settings.rounds} rounds; ` +
      `pool of ${database.target.kind === "postgres" ? "10 connections" : "one PGlite connection"})`,
  );
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
