import { sql, type Kysely } from "kysely";
import type { Database } from "./db/schema.js";
import type { Logger } from "./logger.js";

/** How long a stored ingestion answer can be replayed by a retry. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

/** Deletes rows nothing can use any more: ended sessions, spent tokens, old counters and answers. */
export async function sweepExpired(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom("sessions").where((eb) => eb.or([eb("idle_expires_at", "<", sql<Date>`now()`), eb("absolute_expires_at", "<", sql<Date>`now()`)])).execute();
  await db.deleteFrom("password_reset_tokens").where((eb) => eb.or([eb("expires_at", "<", sql<Date>`now()`), eb("used_at", "is not", null)])).execute();
  await db.deleteFrom("idempotency_keys").where("created_at", "<", sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_RETENTION_HOURS})`).execute();
  await db.deleteFrom("rate_counters").where("window_started_at", "<", sql<Date>`now() - interval '1 day'`).execute();
  await db.deleteFrom("mail_outbox").where("sent_at", "<", sql<Date>`now() - interval '7 days'`).execute();
}

/** Runs the sweep now and then every `intervalMs`; every server process may run it, it is idempotent. */
export function startHousekeeping(db: Kysely<Database>, logger: Logger, intervalMs = 10 * 60_000): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = sweepExpired(db).catch((error: unknown) => logger.warn({ err: error }, "housekeeping failed"));
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
