import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { assertUnderLimits, counterKey, countEvent, resetCounter, type RateLimit } from "./rate-counters.js";

/** Failed logins per account and per client address, in 15-minute windows. */
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 20;
const ACCOUNT_LIMIT: RateLimit = { max: ACCOUNT_FAILURE_LIMIT, windowSeconds: 15 * 60 };
const ADDRESS_LIMIT: RateLimit = { max: ADDRESS_FAILURE_LIMIT, windowSeconds: 15 * 60 };

export interface LoginThrottle {
  check(): Promise<void>;
  recordFailure(): Promise<void>;
  recordSuccess(): Promise<void>;
}

/** The login throttle for one attempt; checked before the password, so a locked account gets 429 even when right. */
export function loginThrottle(db: Kysely<Database>, orgId: string, role: string, emailNormalized: string, address: string): LoginThrottle {
  const account = { key: counterKey("login-account", role, emailNormalized), limit: ACCOUNT_LIMIT };
  const client = { key: counterKey("login-address", address), limit: ADDRESS_LIMIT };
  return {
    check: () => assertUnderLimits(db, orgId, [account, client], "Too many failed logins. Try again later."),
    recordFailure: () => countEvent(db, orgId, [account, client]),
    // Only the account's count: one address may legitimately serve many people.
    recordSuccess: () => resetCounter(db, orgId, account.key),
  };
}
