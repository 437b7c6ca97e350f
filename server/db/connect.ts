import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type Dialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import type { Database } from "./schema.js";
import { migrateToLatest } from "./migrate.js";

export type DatabaseTarget =
  /** A real PostgreSQL server; `schema` isolates a run (tests, benchmarks). */
  | { kind: "postgres"; url: string; schema?: string; poolSize?: number }
  /** Embedded PostgreSQL; no `dataDir` keeps it in memory. */
  | { kind: "pglite"; dataDir?: string };

export interface OpenDatabase {
  db: Kysely<Database>;
  kind: DatabaseTarget["kind"];
  close(): Promise<void>;
}

/** Opens the database, creates the schema if asked, and runs every pending migration. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  const dialect = target.kind === "postgres" ? await postgresDialect(target) : await pgliteDialect(target);
  const db = new Kysely<Database>({ dialect });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind: target.kind, close: () => db.destroy() };
}

async function postgresDialect(target: Extract<DatabaseTarget, { kind: "postgres" }>): Promise<Dialect> {
  if (target.schema) {
    const admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists "${target.schema.replaceAll('"', '""')}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    // Fail fast while the database is unreachable instead of queueing requests forever.
    connectionTimeoutMillis: 5_000,
    // JIT compilation costs more than it saves on short queries like these (docs/benchmarks.md).
    options: [target.schema && `-c search_path="${target.schema}"`, "-c jit=off"].filter(Boolean).join(" "),
  });
  // A connection lost under a database restart must not crash the process: idle ones raise on the
  // pool, busy ones on their client (the request using it gets a 503 and the pool drops it).
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return new PostgresDialect({ pool });
}

async function pgliteDialect(target: Extract<DatabaseTarget, { kind: "pglite" }>): Promise<Dialect> {
  if (target.dataDir) await mkdir(target.dataDir, { recursive: true });
  const pglite = await PGlite.create(target.dataDir);
  // PGlite is one connection: this dialect hands it to one transaction at a time and queues the rest.
  return new PGliteDialect(pglite);
}
