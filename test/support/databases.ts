import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DatabaseTarget } from "../../server/db/connect.js";

export interface TestDatabase {
  name: "pglite" | "postgres";
  /** A fresh, empty database target (a new in-memory PGlite, or a new schema on PostgreSQL). */
  fresh(): DatabaseTarget;
  /** Drops what `fresh` made (nothing for in-memory PGlite). */
  dispose(target: DatabaseTarget): Promise<void>;
}

/** Every database the suite runs on: embedded PostgreSQL always, real PostgreSQL when DATABASE_URL is set. */
export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [{ name: "pglite", fresh: () => ({ kind: "pglite" }), dispose: async () => {} }];
  const url = process.env.DATABASE_URL;
  if (url) {
    databases.push({
      name: "postgres",
      fresh: () => ({ kind: "postgres", url, schema: `portico_test_${randomBytes(6).toString("hex")}` }),
      dispose: async (target) => {
        if (target.kind !== "postgres" || !target.schema) return;
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`drop schema if exists "${target.schema}" cascade`);
        } finally {
          await client.end();
        }
      },
    });
  }
  return databases;
}
