/**
 * Developer search and read: the HTTP API against the raw database doing the same work.
 * Prints figures; asserts nothing about them (see docs/benchmarks.md).
 *
 *   npm run bench:developers                      # embedded PGlite, in memory
 *   DATABASE_URL=postgres://… npm run bench:developers
 */
import { sql, type CompiledQuery } from "kysely";
import { hashSecret } from "../server/crypto.js";
import { getDeveloper, listDevelopers } from "../server/services/developers.js";
import { createOrg } from "../server/services/orgs.js";
import { captureStatement } from "./support/capture.js";
import { benchDatabase } from "./support/database.js";
import { envInt } from "./support/env.js";
import { explain } from "./support/explain.js";
import { httpGetter } from "./support/http.js";
import { cleanupOnExit } from "./support/lifecycle.js";
import { loadLine, machineLine } from "./support/machine.js";
import { printComparison, shout } from "./support/report.js";
import { analyzeTables, seedDevelopers } from "./support/seed-developers.js";
import { startBenchServer } from "./support/server.js";
import { summarize } from "./support/stats.js";
import { seededRandom, shuffled, timeVariants, type Variant } from "./support/timing.js";

const settings = {
  developers: envInt("BENCH_DEVELOPERS", 100_000),
  noiseDevelopers: envInt("BENCH_NOISE_DEVELOPERS", 50_000),
  noiseOrgs: Math.max(1, envInt("BENCH_NOISE_ORGS", 4)),
  iterations: envInt("BENCH_ITERATIONS", 2_000),
  warmup: envInt("BENCH_WARMUP", 300),
  /** Distinct prefixes and ids the timed requests cycle through. */
  inputs: Math.max(1, envInt("BENCH_INPUTS", 500)),
};

const PAGE = 25;
const HTTP = "HTTP";
const RAW = "raw query";
const RAW_WITH_LOOKUPS = "raw + org & key lookups";
const HTTP_FLOOR = "HTTP floor (404, no db)";

const database = benchDatabase();
console.log(`developers benchmark on ${database.label}`);
console.log(`${machineLine()}; ${settings.iterations} timed + ${settings.warmup} warm-up requests per variant`);

const server = await startBenchServer(database.target);
const cleanup = cleanupOnExit(async () => {
  await server.close().catch(() => {});
  await database.dispose();
});
try {
  const db = server.database.db;

  // --- Seed -------------------------------------------------------------------------------
  let started = performance.now();
  const target = await createOrg(db, {
    slug: "bench-target",
    name: "Benchmark target",
  });
  const orgId = target.org.id;
  const seeded = await seedDevelopers(db, orgId, settings.developers, 0.42);
  let noise = 0;
  for (let i = 1; i <= settings.noiseOrgs; i++) {
    const other = await createOrg(db, {
      slug: `bench-noise-${i}`,
      name: `Noise ${i}`,
    });
    noise += await seedDevelopers(db, other.org.id, Math.floor(settings.noiseDevelopers / settings.noiseOrgs), 0.42 + i / 100);
  }
  await analyzeTables(db, ["orgs", "org_api_keys", "developers"]);
  console.log(
    `seeded ${seeded} developers in ${target.org.slug} and ${noise} in ${settings.noiseOrgs} other orgs ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s (set-based insert, then analyze)`,
  );

  // --- Inputs: varied email prefixes and random ids of the target org ------------------------
  const sample = await db
    .selectFrom("developers")
    .select(["id", "email_normalized"])
    .where("org_id", "=", orgId)
    .orderBy(sql`random()`)
    .limit(settings.inputs)
    .execute();
  const random = seededRandom(7);
  // Mostly 2–5 characters, as someone typing in a search box; a few single letters and whole local parts.
  const LENGTHS = [1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8, 64];
  const prefixes = sample.map(({ email_normalized }) => {
    const local = email_normalized.split("@")[0]!;
    return local.slice(0, LENGTHS[Math.floor(random() * LENGTHS.length)]!);
  });
  const ids = shuffled(sample.map(({ id }) => id));

  // The raw baseline replays exactly the statements the service sends for each input.
  const searches: {
    prefix: string;
    statement: CompiledQuery;
    items: number;
  }[] = [];
  for (const prefix of prefixes) {
    let items = 0;
    const statement = await captureStatement(db, async (recording) => {
      items = (await listDevelopers(recording, orgId, { email: prefix, limit: PAGE })).items.length;
    });
    searches.push({ prefix, statement, items });
  }
  const reads: { id: string; statement: CompiledQuery }[] = [];
  for (const id of ids)
    reads.push({
      id,
      statement: await captureStatement(db, (recording) => getDeveloper(recording, orgId, id)),
    });
  // What the middleware asks of the database on every org request (load-org.ts, authenticate.ts).
  const orgLookup = db.selectFrom("orgs").selectAll().where("slug", "=", target.org.slug).compile();
  const keyLookup = db
    .selectFrom("org_api_keys")
    .select(["org_id", "id", "scopes"])
    .where("key_hash", "=", hashSecret(target.apiKey))
    .where("revoked_at", "is", null)
    .compile();

  const pageSizes = summarize(searches.map((search) => search.items));
  const full = searches.filter((search) => search.items === PAGE).length;
  console.log(
    `${searches.length} prefixes (${Math.min(...prefixes.map((p) => p.length))}–${Math.max(...prefixes.map((p) => p.length))} chars, ` +
      `e.g. ${prefixes
        .slice(0, 6)
        .map((p) => JSON.stringify(p))
        .join(", ")}): ` +
      `median page ${pageSizes.median} items, ${full} of ${searches.length} pages full; ${reads.length} random ids`,
  );

  // --- Plans ------------------------------------------------------------------------------
  const broad = searches.reduce((a, b) => (a.prefix.length <= b.prefix.length ? a : b));
  const narrow = searches.reduce((a, b) => (a.prefix.length >= b.prefix.length ? a : b));
  for (const { prefix, statement } of [broad, narrow]) {
    const plan = await explain(db, statement);
    console.log(`\nEXPLAIN ANALYZE of the email-prefix search for "${prefix}":\n${statement.sql}\n${indent(plan.text)}`);
    if (plan.seqScan || plan.indexes.length === 0) {
      shout(`The email-prefix search does NOT use an index (${plan.seqScan ? "Seq Scan" : "no index scan"}) for "${prefix}"`);
    } else {
      console.log(`→ uses index ${plan.indexes.join(", ")}, no sequential scan`);
    }
  }
  const readPlan = await explain(db, reads[0]!.statement);
  if (readPlan.seqScan || readPlan.indexes.length === 0) {
    console.log(`\nEXPLAIN ANALYZE of the read by id:\n${indent(readPlan.text)}`);
    shout("The read by id does NOT use an index");
  } else {
    console.log(`\nread by id → uses index ${readPlan.indexes.join(", ")}`);
  }

  // --- Timings ----------------------------------------------------------------------------
  const get = httpGetter(server.url, {
    Authorization: `Bearer ${target.apiKey}`,
  });
  const floor: Variant<unknown> = {
    name: HTTP_FLOOR,
    run: () => get("/bench-floor", 404),
  };
  // Not a timing check: make sure the HTTP side answers what the raw side reads, or the comparison means nothing.
  for (const { prefix, statement } of searches.slice(0, 20)) {
    const page = JSON.parse(
      await get(`/v1/orgs/${target.org.slug}/developers?email=${encodeURIComponent(prefix)}&limit=${PAGE}`),
    ) as {
      items: { id: string }[];
    };
    const rows = (await db.executeQuery<{ id: string }>(statement)).rows.slice(0, PAGE);
    if (page.items.map((item) => item.id).join() !== rows.map((row) => row.id).join()) {
      throw new Error(`HTTP and raw query disagree for the prefix "${prefix}"`);
    }
  }
  const withLookups = async (statement: CompiledQuery) => {
    await db.executeQuery(orgLookup);
    await db.executeQuery(keyLookup);
    await db.executeQuery(statement);
  };

  const searchTimings = await timeVariants<(typeof searches)[number]>(
    [
      { name: RAW, run: ({ statement }) => db.executeQuery(statement) },
      {
        name: HTTP,
        run: ({ prefix }) => get(`/v1/orgs/${target.org.slug}/developers?email=${encodeURIComponent(prefix)}&limit=${PAGE}`),
      },
      {
        name: RAW_WITH_LOOKUPS,
        run: ({ statement }) => withLookups(statement),
      },
      floor,
    ],
    searches,
    settings,
  );
  printComparison(`(a) email-prefix search, GET /v1/orgs/{org}/developers?email=<prefix>&limit=${PAGE}`, searchTimings, {
    subject: HTTP,
    baseline: RAW,
  });

  const readTimings = await timeVariants<(typeof reads)[number]>(
    [
      { name: RAW, run: ({ statement }) => db.executeQuery(statement) },
      {
        name: HTTP,
        run: ({ id }) => get(`/v1/orgs/${target.org.slug}/developers/${id}`),
      },
      {
        name: RAW_WITH_LOOKUPS,
        run: ({ statement }) => withLookups(statement),
      },
      floor,
    ],
    reads,
    settings,
  );
  printComparison("(b) read by id, GET /v1/orgs/{org}/developers/{id}", readTimings, { subject: HTTP, baseline: RAW });

  // --- Where HTTP − raw goes (medians) ------------------------------------------------------
  console.log("\nWhere the HTTP − raw median goes (approximate: medians do not add up exactly)");
  for (const [label, timings] of [
    ["(a) search", searchTimings],
    ["(b) read", readTimings],
  ] as const) {
    const median = (name: string) => summarize(timings.get(name)!).median;
    const total = median(HTTP) - median(RAW);
    const lookups = median(RAW_WITH_LOOKUPS) - median(RAW);
    const transport = median(HTTP_FLOOR);
    console.log(
      `  ${label}: HTTP − raw ${total.toFixed(3)} ms = org & key lookups ${lookups.toFixed(3)} ms` +
        ` + HTTP round trip without db ${transport.toFixed(3)} ms` +
        ` + the rest (validation, mapping, JSON, middleware) ${(total - lookups - transport).toFixed(3)} ms`,
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
