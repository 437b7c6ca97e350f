import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DatabaseTarget } from "../../server/db/connect.js";

export interface BenchDatabase {
  /** "postgres" or "pglite", for the report. */
  label: string;
  target: DatabaseTarget;
  /** Drops what the run created (the schema on PostgreSQL; nothing for in-memory PGlite). */
  dispose(): Promise<void>;
}

/**
 * PostgreSQL in a fresh schema when DATABASE_URL is set, else in-memory PGlite.
 * The schema is the run's own, so a benchmark never touches other data and leaves none behind.
 */
export function benchDatabase(env: NodeJS.ProcessEnv = process.env): BenchDatabase {
  const url = env.DATABASE_URL;
  if (!url)
    return {
      label: "pglite (in memory)",
      target: { kind: "pglite" },
      dispose: async () => {},
    };
  const schema = `portico_bench_${randomBytes(6).toString("hex")}`;
  return {
    label: `postgres (${describeUrl(url)}, schema ${schema})`,
    target: { kind: "postgres", url, schema },
    async dispose() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Host and database of a connection URL, without credentials. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}
