import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { sha256Hex } from "../crypto.js";
import { ProblemError } from "../problem.js";

/** A limit of `max` events per fixed window of `windowSeconds` for one kind of key. */
export interface RateLimit {
  max: number;
  windowSeconds: number;
}

/** Keys are hashed so the table holds no emails or addresses. */
export function counterKey(...parts: string[]): string {
  return sha256Hex(parts.join("\u0000"));
}

/** 429 with Retry-After if any key has reached its limit in its current window. */
export async function assertUnderLimits(
  db: Kysely<Database>,
  orgId: string,
  limits: ReadonlyArray<{ key: string; limit: RateLimit }>,
  detail: string,
): Promise<void> {
  const rows = await db
    .selectFrom("rate_counters")
    .select(["key_hash", "count", sql<number>`extract(epoch from now() - window_started_at)::float8`.as("age_seconds")])
    .where("org_id", "=", orgId)
    .where("key_hash", "in", limits.map(({ key }) => key))
    .execute();
  for (const row of rows) {
    const { limit } = limits.find(({ key }) => key === row.key_hash)!;
    const secondsLeft = Math.ceil(limit.windowSeconds - row.age_seconds);
    if (row.count >= limit.max && secondsLeft > 0) {
      throw new ProblemError(429, detail, { type: "throttled", headers: { "Retry-After": String(secondsLeft) } });
    }
  }
}

/** Counts one event for each key, starting a new window where the old one has ended. */
export async function countEvent(
  db: Kysely<Database>,
  orgId: string,
  counters: ReadonlyArray<{ key: string; limit: RateLimit }>,
): Promise<void> {
  for (const { key, limit } of counters) {
    const windowEnded = sql<boolean>`rate_counters.window_started_at <= now() - make_interval(secs => ${limit.windowSeconds})`;
    await db
      .insertInto("rate_counters")
      .values({ org_id: orgId, key_hash: key, window_started_at: sql<Date>`now()`, count: 1 })
      .onConflict((oc) =>
        oc.columns(["org_id", "key_hash"]).doUpdateSet({
          count: sql<number>`case when ${windowEnded} then 1 else rate_counters.count + 1 end`,
          window_started_at: sql<Date>`case when ${windowEnded} then now() else rate_counters.window_started_at end`,
        }),
      )
      .execute();
  }
}

export async function resetCounter(db: Kysely<Database>, orgId: string, key: string): Promise<void> {
  await db.deleteFrom("rate_counters").where("org_id", "=", orgId).where("key_hash", "=", key).execute();
}
