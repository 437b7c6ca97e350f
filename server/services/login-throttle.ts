import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { sha256Hex } from "../crypto.js";
import { ProblemError } from "../problem.js";

/** Failures are counted in fixed 15-minute windows; at the limit, logins wait for the window to end. */
export const THROTTLE_WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 20;

export interface ThrottleKeys {
  account: string;
  address: string;
}

/** Keys are hashed so the table holds no emails or addresses. */
export function throttleKeys(role: string, emailNormalized: string, clientAddress: string): ThrottleKeys {
  return { account: sha256Hex(`account:${role}:${emailNormalized}`), address: sha256Hex(`address:${clientAddress}`) };
}

/** Refuses with 429 and Retry-After while either key is at its limit, even before the password is checked. */
export async function assertNotThrottled(db: Kysely<Database>, orgId: string, keys: ThrottleKeys): Promise<void> {
  const rows = await db
    .selectFrom("login_failures")
    .select([
      "key_hash",
      "failures",
      sql<number>`ceil(extract(epoch from (window_started_at + make_interval(secs => ${THROTTLE_WINDOW_SECONDS}) - now())))::int`.as(
        "seconds_left",
      ),
    ])
    .where("org_id", "=", orgId)
    .where("key_hash", "in", [keys.account, keys.address])
    .execute();
  for (const row of rows) {
    const limit = row.key_hash === keys.account ? ACCOUNT_FAILURE_LIMIT : ADDRESS_FAILURE_LIMIT;
    if (row.failures >= limit && row.seconds_left > 0) {
      throw new ProblemError(429, "Too many failed logins. Try again later.", {
        type: "throttled",
        headers: { "Retry-After": String(row.seconds_left) },
      });
    }
  }
}

export async function recordLoginFailure(db: Kysely<Database>, orgId: string, keys: ThrottleKeys): Promise<void> {
  const windowEnded = sql<boolean>`login_failures.window_started_at <= now() - make_interval(secs => ${THROTTLE_WINDOW_SECONDS})`;
  await db
    .insertInto("login_failures")
    .values([keys.account, keys.address].map((key_hash) => ({ org_id: orgId, key_hash, window_started_at: sql<Date>`now()`, failures: 1 })))
    .onConflict((oc) =>
      oc.columns(["org_id", "key_hash"]).doUpdateSet({
        failures: sql<number>`case when ${windowEnded} then 1 else login_failures.failures + 1 end`,
        window_started_at: sql<Date>`case when ${windowEnded} then now() else login_failures.window_started_at end`,
      }),
    )
    .execute();
}

/** A successful login clears the account's count (not the address's: one address may try many accounts). */
export async function clearAccountFailures(db: Kysely<Database>, orgId: string, keys: ThrottleKeys): Promise<void> {
  await db.deleteFrom("login_failures").where("org_id", "=", orgId).where("key_hash", "=", keys.account).execute();
}
