import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import * as foundation from "./migrations/0001-foundation.js";
import * as accounts from "./migrations/0002-accounts.js";
import * as passwordResets from "./migrations/0003-password-resets.js";
import * as access from "./migrations/0004-access.js";
import * as usage from "./migrations/0005-usage.js";

/** Migrations are imported, not read from disk, so they survive bundling. Names sort in order. */
const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-accounts": accounts,
  "0003-password-resets": passwordResets,
  "0004-access": access,
  "0005-usage": usage,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Name the schema: Kysely looks for its migration tables across every schema of the database
  // and would take another schema's (another test run's, another app's) for its own.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({ db, provider, migrationTableSchema: rows[0]!.schema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? "setup"} failed: ${reason}`, { cause: error });
  }
}
