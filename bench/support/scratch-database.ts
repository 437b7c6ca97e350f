/**
 * A PostgreSQL database of the run's own, created next to the one DATABASE_URL names and dropped
 * afterwards, so a child server (which takes only a URL) gets an empty database and leaves nothing.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

export interface ScratchDatabase {
  name: string;
  /** DATABASE_URL for the scratch database. */
  url: string;
  /** "host:port/name", without credentials, for the report. */
  label: string;
  /** A small pool on it, for seeding and for checking what was stored. */
  pool: pg.Pool;
  /** Closes the pool and drops the database (ends any connection still on it). */
  drop(): Promise<void>;
}

export async function createScratchDatabase(
  prefix: string,
  baseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
): Promise<ScratchDatabase> {
  if (!/^[a-z_]+$/.test(prefix)) throw new Error(`unsafe database prefix "${prefix}"`);
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  // A drill restarts PostgreSQL: idle connections of this pool die then, which must not crash the run.
  pool.on("error", () => {});
  let dropped = false;
  return {
    name,
    url: url.toString(),
    label: `${url.hostname}:${url.port || 5432}/${name}`,
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end().catch(() => {});
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A query that waits out a database restart (a few tries, a second apart). */
export async function queryWhenUp<T extends pg.QueryResultRow>(
  pool: pg.Pool,
  text: string,
  values: unknown[] = [],
  attempts = 30,
): Promise<pg.QueryResult<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pool.query<T>(text, values);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
