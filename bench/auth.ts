/**
 * Logins: how many per second this machine does with the server's argon2 parameters, against
 * argon2 itself in-process (the baseline), and whether a cheap GET stays fast while logins run
 * (argon2 must run on libuv's thread pool, not on the event loop).
 * Prints figures; asserts nothing about them (see docs/benchmarks.md).
 *
 *   npm run bench:auth                      # embedded PGlite, in memory
 *   DATABASE_URL=postgres://… npm run bench:auth
 */
import { randomBytes } from "node:crypto";
import { verifySync } from "@node-rs/argon2";
import { CompiledQuery } from "kysely";
import { hashPassword, verifyPassword } from "../server/passwords.js";
import { login as loginService } from "../server/services/accounts.js";
import { createDeveloper } from "../server/services/developers.js";
import { createOrg } from "../server/services/orgs.js";
import { captureStatements } from "./support/capture.js";
import { benchDatabase } from "./support/database.js";
import { envInt } from "./support/env.js";
import { sampleLoopDelay } from "./support/event-loop.js";
import { httpGetter, httpPoster } from "./support/http.js";
import { cleanupOnExit, retrying } from "./support/lifecycle.js";
import { compareLoad, type LoadResult } from "./support/load.js";
import { loadLine, machineLine } from "./support/machine.js";
import { startBenchServer } from "./support/server.js";
import { summarize } from "./support/stats.js";
import { fmtMs, fmtRate, fmtRatio, printTable } from "./support/table.js";
import type { Variant } from "./support/timing.js";

const settings = {
  accounts: Math.max(1, envInt("BENCH_AUTH_ACCOUNTS", 16)),
  concurrencies: (process.env.BENCH_AUTH_CONCURRENCY || "1,4,8").split(",").map((value) => Math.max(1, Number(value))),
  sliceMs: envInt("BENCH_AUTH_SLICE_MS", 2_000),
  rounds: Math.max(1, envInt("BENCH_AUTH_ROUNDS", 3)),
  /** Pause between two probe requests, so the probe itself stays a light load. */
  probeGapMs: envInt("BENCH_AUTH_PROBE_GAP_MS", 5),
  /** 0 skips the control phase (argon2 run synchronously on the event loop). */
  control: envInt("BENCH_AUTH_CONTROL", 1),
};

const PASSWORD = "correct horse battery staple";
const IDLE = "idle";
const ARGON2 = "argon2 verify in-process";
const LOGIN = "login over HTTP";
const SQL = "login's SQL replayed raw";
const BLOCKING = "argon2 verifySync on the event loop (control)";

const database = benchDatabase();
console.log(`auth benchmark on ${database.label}`);
console.log(`${machineLine()}`);
console.log(
  `libuv thread pool: ${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"} threads; ${settings.accounts} accounts; ` +
    `concurrency ${settings.concurrencies.join(", ")}; ${settings.rounds} rounds of ${settings.sliceMs} ms slices per variant`,
);

const server = await startBenchServer(database.target);
const cleanup = cleanupOnExit(async () => {
  await server.close().catch(() => {});
  await retrying(() => database.dispose());
});
try {
  const db = server.database.db;

  // --- Accounts, through the service (argon2 hashes, as signup and admin creation make them) ---
  let started = performance.now();
  const created = await createOrg(db, { slug: "bench-auth", name: "Auth benchmark" });
  const org = await db.selectFrom("orgs").selectAll().where("id", "=", created.org.id).executeTakeFirstOrThrow();
  const emails = Array.from({ length: settings.accounts }, (_, i) => `login.bench${i}@example.com`);
  for (let i = 0; i < emails.length; i += 4) {
    await Promise.all(
      emails.slice(i, i + 4).map((email, j) => createDeveloper(db, org, { email, name: `Login Bench ${i + j}`, password: PASSWORD })),
    );
  }
  const storedHash = (await db.selectFrom("developers").select("password_hash").where("org_id", "=", org.id).executeTakeFirstOrThrow())
    .password_hash!;
  console.log(
    `created ${emails.length} developers with passwords in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `stored hash parameters: ${storedHash.split("$").slice(1, 4).join(" $")}`,
  );

  // --- argon2 alone: one hash at a time ------------------------------------------------------
  const hashTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    started = performance.now();
    await hashPassword(PASSWORD);
    hashTimes.push(performance.now() - started);
  }
  const verifyTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    started = performance.now();
    await verifyPassword(storedHash, PASSWORD);
    verifyTimes.push(performance.now() - started);
  }
  const hashOne = summarize(hashTimes.slice(3));
  const verifyOne = summarize(verifyTimes.slice(3));
  console.log(
    `argon2id in-process, one at a time (17 timed): hash median ${fmtMs(hashOne.median)} (min ${fmtMs(hashOne.min)}), ` +
      `verify median ${fmtMs(verifyOne.median)} (min ${fmtMs(verifyOne.min)}) → at most ${fmtRate(1000 / verifyOne.median)} verifies/s on one thread`,
  );

  // --- Logins and probes --------------------------------------------------------------------
  const post = httpPoster(server.url);
  const get = httpGetter(server.url);
  const loginPath = `/v1/orgs/${org.slug}/sessions`;
  for (const email of emails) await post(loginPath, { email, password: PASSWORD }, 201); // every account logs in
  const PROBES = { "GET /healthz (select 1)": "/healthz", "GET /v1/orgs/{org} (no db)": `/v1/orgs/${org.slug}` } as const;
  type ProbeName = keyof typeof PROBES;

  let active: string | null = null;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Sequential cheap GETs for as long as `running`; each sample tagged with the slice it ran entirely within. */
  function startProbe() {
    const samples = new Map<string, number[]>();
    let running = true;
    const done = (async () => {
      let i = 0;
      while (running) {
        const name = Object.keys(PROBES)[i++ % 2] as ProbeName;
        const tag = active;
        const begun = performance.now();
        await get(PROBES[name]);
        const elapsed = performance.now() - begun;
        if (tag !== null && tag === active) {
          const key = `${tag}\u0000${name}`;
          let list = samples.get(key);
          if (!list) samples.set(key, (list = []));
          list.push(elapsed);
        }
        await sleep(settings.probeGapMs);
      }
    })();
    return {
      samples: (variant: string, probe: ProbeName) => samples.get(`${variant}\u0000${probe}`) ?? [],
      async stop() {
        running = false;
        await done;
      },
    };
  }

  // The raw database side of a login: the statements the service sends, captured once and replayed
  // (a fresh token hash each time, as the sessions table wants it unique). No argon2, no HTTP.
  const loginStatements = await captureStatements(db, (recording) =>
    loginService(
      recording,
      org,
      { email: emails[0]!, password: PASSWORD, role: "developer" },
      { address: "127.0.0.1", userAgent: "bench" },
    ),
  );
  console.log(
    `a login sends ${loginStatements.length} statements: ` +
      loginStatements.map((statement) => statement.sql.replace(/\s+/g, " ").slice(0, 40) + "…").join(" | "),
  );
  const replayLogin = async () => {
    for (const statement of loginStatements) {
      if (/^insert into "sessions"/.test(statement.sql)) {
        const parameters = statement.parameters.map((value) =>
          typeof value === "string" && /^[0-9a-f]{64}$/.test(value) ? randomBytes(32).toString("hex") : value,
        );
        await db.executeQuery(CompiledQuery.raw(statement.sql, parameters));
      } else {
        await db.executeQuery(statement);
      }
    }
  };

  const inputs = emails.map((email) => ({ email }));
  const idle: Variant<{ email: string }> = { name: IDLE, run: () => sleep(50) };
  const argon2: Variant<{ email: string }> = { name: ARGON2, run: () => verifyPassword(storedHash, PASSWORD) };
  const login: Variant<{ email: string }> = { name: LOGIN, run: ({ email }) => post(loginPath, { email, password: PASSWORD }, 201) };
  const loginSql: Variant<{ email: string }> = { name: SQL, run: replayLogin };

  interface Phase {
    concurrency: number;
    results: Map<string, LoadResult>;
    probe: ReturnType<typeof startProbe>;
    loop: Map<string, number[]>;
  }
  const phases: Phase[] = [];
  for (const concurrency of settings.concurrencies) {
    const probe = startProbe();
    const loop = sampleLoopDelay(() => active);
    const results = await compareLoad([idle, argon2, login, loginSql], inputs, {
      concurrency,
      sliceMs: settings.sliceMs,
      rounds: settings.rounds,
      warmupMs: 500,
      onSlice: (name) => (active = name),
    });
    loop.stop();
    await probe.stop();
    phases.push({ concurrency, results, probe, loop: loop.samples });
    const logins = results.get(LOGIN)!;
    console.log(
      `  concurrency ${concurrency}: ${fmtRate(logins.perSecond)} logins/s, ${fmtRate(results.get(ARGON2)!.perSecond)} argon2 verifies/s, ` +
        `${fmtRate(results.get(SQL)!.perSecond)} login SQL replays/s; ${loadLine()}`,
    );
  }

  // --- Control: what the probe would show if argon2 ran on the event loop ----------------------
  let control: { probe: ReturnType<typeof startProbe>; loop: Map<string, number[]>; perSecond: number } | null = null;
  if (settings.control) {
    const blocking: Variant<{ email: string }> = {
      name: BLOCKING,
      run: async () => {
        verifySync(storedHash, PASSWORD);
        await new Promise((resolve) => setImmediate(resolve)); // let the loop breathe between hashes, as a request loop would
      },
    };
    const probe = startProbe();
    const loop = sampleLoopDelay(() => active);
    const results = await compareLoad([idle, blocking], inputs, {
      concurrency: 1,
      sliceMs: settings.sliceMs,
      rounds: 1,
      onSlice: (name) => (active = name),
    });
    loop.stop();
    await probe.stop();
    control = { probe, loop: loop.samples, perSecond: results.get(BLOCKING)!.perSecond };
  }

  // --- Report -------------------------------------------------------------------------------
  printTable(
    [
      "concurrency",
      "logins/s",
      "argon2 verifies/s in-process",
      "logins / argon2",
      "login median",
      "login p99",
      "argon2 median",
      "argon2 p99",
      "login SQL raw median",
    ],
    phases.map(({ concurrency, results }) => {
      const logins = results.get(LOGIN)!;
      const hashes = results.get(ARGON2)!;
      const l = summarize(logins.latencies);
      const h = summarize(hashes.latencies);
      return [
        String(concurrency),
        fmtRate(logins.perSecond),
        fmtRate(hashes.perSecond),
        fmtRatio(logins.perSecond / hashes.perSecond),
        fmtMs(l.median, 1),
        fmtMs(l.p99, 1),
        fmtMs(h.median, 1),
        fmtMs(h.p99, 1),
        fmtMs(summarize(results.get(SQL)!.latencies).median, 2),
      ];
    }),
    `(a) logins per second, POST /v1/orgs/{org}/sessions with correct passwords, against argon2 verify alone at the same concurrency ` +
      `(alternating ${settings.sliceMs} ms slices, ${settings.rounds} rounds)`,
  );

  const probeRows: string[][] = [];
  const addProbeRows = (label: string, probe: ReturnType<typeof startProbe>, loop: Map<string, number[]>, busy: string) => {
    for (const name of Object.keys(PROBES) as ProbeName[]) {
      const quiet = summarize(probe.samples(IDLE, name));
      const loaded = summarize(probe.samples(busy, name));
      probeRows.push([
        `${label}, ${name}`,
        `${quiet.count} / ${loaded.count}`,
        fmtMs(quiet.median),
        fmtMs(loaded.median),
        `${fmtRatio(loaded.median / quiet.median)} (${(loaded.median - quiet.median >= 0 ? "+" : "") + (loaded.median - quiet.median).toFixed(2)} ms)`,
        fmtMs(quiet.p99),
        fmtMs(loaded.p99),
        `${fmtRatio(loaded.p99 / quiet.p99)} (${(loaded.p99 - quiet.p99 >= 0 ? "+" : "") + (loaded.p99 - quiet.p99).toFixed(2)} ms)`,
      ]);
    }
    const quietLoop = summarize(loop.get(IDLE) ?? []);
    const busyLoop = summarize(loop.get(busy) ?? []);
    probeRows.push([
      `${label}, event-loop lag (5 ms timer)`,
      `${quietLoop.count} / ${busyLoop.count}`,
      fmtMs(quietLoop.median),
      fmtMs(busyLoop.median),
      `+${(busyLoop.median - quietLoop.median).toFixed(2)} ms`,
      fmtMs(quietLoop.p99),
      fmtMs(busyLoop.p99),
      `max ${fmtMs(busyLoop.max, 1)}`,
    ]);
  };
  for (const { concurrency, probe, loop } of phases) {
    addProbeRows(`c=${concurrency} logins over HTTP`, probe, loop, LOGIN);
    // Same threads hashing, no server work: what the CPU contention alone does to the probe.
    addProbeRows(`c=${concurrency} argon2 in-process only`, probe, loop, ARGON2);
    // Not the raw SQL slices: on PGlite a closed loop of statements never yields to timers or sockets.
  }
  if (control) addProbeRows(`control: verifySync on the loop`, control.probe, control.loop, BLOCKING);
  printTable(
    ["while …", "samples idle / busy", "idle median", "busy median", "busy / idle median", "idle p99", "busy p99", "busy / idle p99"],
    probeRows,
    "(b) a cheap GET, one at a time, in idle slices against slices with a stream of logins, or of bare argon2 verifies " +
      "at the same concurrency (same run, interleaved slices)",
  );
  if (control) {
    console.log(
      `control: ${fmtRate(control.perSecond)} verifySync/s on the event loop; the same probes then wait for each hash — ` +
        `this is what the login rows would show if argon2 ran on the loop.`,
    );
  }
  console.log(`\nat the end: ${loadLine()}`);
} finally {
  await cleanup();
}
