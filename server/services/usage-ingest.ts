import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { usageRecordSchema, USAGE_MAX_AGE_DAYS, type UsageBatchResult } from "../../sdk/schemas/usage.js";
import { sha256Hex } from "../crypto.js";
import { ProblemError } from "../problem.js";
import { currentWindowStart } from "./quota.js";

const HOUR_MS = 3600_000;
/** Records may arrive late (up to the queryable range) and slightly early (clock skew). */
const MAX_AGE_MS = USAGE_MAX_AGE_DAYS * 24 * HOUR_MS;
const MAX_SKEW_MS = 5 * 60_000;
const ROWS_PER_STATEMENT = 1000;

interface ValidRecord {
  keyId: string;
  api: string;
  time: number;
  status: number;
  latencyMs: number | undefined;
}

interface Rollup {
  developerId: string;
  hour: number;
  keyId: string;
  api: string;
  requests: number;
  errors4xx: number;
  errors5xx: number;
  latencySum: number;
  latencyCount: number;
  latencyMax: number;
}

/**
 * Adds a batch of usage records to the hourly rollups and the keys' quota counters, all in one
 * transaction. Bad records are reported by index and the rest kept. With an idempotency key a
 * retried batch returns the first answer and counts nothing again.
 */
export async function ingestUsage(
  db: Kysely<Database>,
  orgId: string,
  records: unknown[],
  idempotencyKey: string | undefined,
): Promise<UsageBatchResult> {
  const rejected: UsageBatchResult["rejected"] = [];
  const valid: Array<ValidRecord & { index: number }> = [];
  const now = Date.now();
  records.forEach((raw, index) => {
    const parsed = usageRecordSchema.safeParse(raw);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        if (issue.code === "unrecognized_keys") for (const key of issue.keys) errors[key] = "is not a known field";
        else errors[issue.path.join(".") || "record"] ??= issue.message;
      }
      rejected.push({ index, errors });
      return;
    }
    const time = Date.parse(parsed.data.timestamp);
    if (time < now - MAX_AGE_MS || time > now + MAX_SKEW_MS) {
      rejected.push({ index, errors: { timestamp: `must be within the last ${USAGE_MAX_AGE_DAYS} days` } });
      return;
    }
    valid.push({ index, keyId: parsed.data.keyId, api: parsed.data.api, time, status: parsed.data.status, latencyMs: parsed.data.latencyMs });
  });

  const requestHash = sha256Hex(JSON.stringify(records));
  return withDeadlockRetry(() =>
    db.transaction().execute(async (trx) => {
      const keys = await loadKeys(trx, orgId, [...new Set(valid.map((record) => record.keyId))]);
      const unknownKey = valid.filter((record) => !keys.has(record.keyId));
      const accepted = valid.filter((record) => keys.has(record.keyId));
      const result: UsageBatchResult = {
        accepted: accepted.length,
        rejected: [
          ...rejected,
          ...unknownKey.map((record) => ({ index: record.index, errors: { keyId: "is not a key of this organisation" } })),
        ].sort((a, b) => a.index - b.index),
      };

      if (idempotencyKey !== undefined) {
        const earlier = await claimIdempotencyKey(trx, orgId, idempotencyKey, requestHash, result);
        if (earlier) return earlier;
      }
      await upsertRollups(trx, orgId, rollUp(accepted, keys));
      await countQuotas(trx, orgId, accepted, keys, now);
      return result;
    }),
  );
}

interface KeyInfo {
  developerId: string;
  windowStart: number;
}

async function loadKeys(db: Kysely<Database>, orgId: string, ids: string[]): Promise<Map<string, KeyInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("api_keys as k")
    .innerJoin("policies as p", (join) => join.onRef("p.org_id", "=", "k.org_id").onRef("p.id", "=", "k.policy_id"))
    .select(["k.id", "k.developer_id", "k.quota_window_started_at", "p.quota_renewal_seconds"])
    .where("k.org_id", "=", orgId)
    .where("k.id", "in", ids)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      { developerId: row.developer_id, windowStart: currentWindowStart(row.quota_window_started_at, row.quota_renewal_seconds) },
    ]),
  );
}

/**
 * Stores this batch's answer under the key, or returns the answer stored by an earlier batch.
 * A concurrent duplicate waits on the primary key until the first one commits.
 */
async function claimIdempotencyKey(
  db: Kysely<Database>,
  orgId: string,
  key: string,
  requestHash: string,
  result: UsageBatchResult,
): Promise<UsageBatchResult | null> {
  const inserted = await db
    .insertInto("idempotency_keys")
    .values({ org_id: orgId, key, request_hash: requestHash, response: JSON.stringify(result) })
    .onConflict((oc) => oc.columns(["org_id", "key"]).doNothing())
    .returning("key")
    .executeTakeFirst();
  if (inserted) return null;
  const earlier = await db
    .selectFrom("idempotency_keys")
    .select(["request_hash", "response"])
    .where("org_id", "=", orgId)
    .where("key", "=", key)
    .executeTakeFirstOrThrow();
  if (earlier.request_hash !== requestHash) {
    throw new ProblemError(422, "This Idempotency-Key was used for a different batch.", {
      type: "idempotency-key-reused",
      errors: { "Idempotency-Key": "was used for a different batch" },
    });
  }
  return earlier.response as UsageBatchResult;
}

function rollUp(records: ValidRecord[], keys: Map<string, KeyInfo>): Rollup[] {
  const groups = new Map<string, Rollup>();
  for (const record of records) {
    const hour = Math.floor(record.time / HOUR_MS) * HOUR_MS;
    const id = `${record.keyId}|${hour}|${record.api}`;
    let group = groups.get(id);
    if (!group) {
      group = { developerId: keys.get(record.keyId)!.developerId, hour, keyId: record.keyId, api: record.api, requests: 0, errors4xx: 0, errors5xx: 0, latencySum: 0, latencyCount: 0, latencyMax: 0 };
      groups.set(id, group);
    }
    group.requests += 1;
    if (record.status >= 400 && record.status < 500) group.errors4xx += 1;
    if (record.status >= 500) group.errors5xx += 1;
    if (record.latencyMs !== undefined) {
      const latency = Math.round(record.latencyMs);
      group.latencySum += latency;
      group.latencyCount += 1;
      group.latencyMax = Math.max(group.latencyMax, latency);
    }
  }
  // One order for every batch, so concurrent batches lock rows in the same order (no deadlocks).
  return [...groups.values()].sort(
    (a, b) => a.developerId.localeCompare(b.developerId) || a.hour - b.hour || a.keyId.localeCompare(b.keyId) || a.api.localeCompare(b.api),
  );
}

async function upsertRollups(db: Kysely<Database>, orgId: string, rollups: Rollup[]): Promise<void> {
  for (let start = 0; start < rollups.length; start += ROWS_PER_STATEMENT) {
    const chunk = rollups.slice(start, start + ROWS_PER_STATEMENT);
    await db
      .insertInto("usage_rollups")
      .values(
        chunk.map((rollup) => ({
          org_id: orgId,
          developer_id: rollup.developerId,
          hour: new Date(rollup.hour),
          key_id: rollup.keyId,
          api: rollup.api,
          requests: rollup.requests,
          errors_4xx: rollup.errors4xx,
          errors_5xx: rollup.errors5xx,
          latency_sum_ms: rollup.latencySum,
          latency_count: rollup.latencyCount,
          latency_max_ms: rollup.latencyMax,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["org_id", "developer_id", "hour", "key_id", "api"]).doUpdateSet({
          requests: sql`usage_rollups.requests + excluded.requests`,
          errors_4xx: sql`usage_rollups.errors_4xx + excluded.errors_4xx`,
          errors_5xx: sql`usage_rollups.errors_5xx + excluded.errors_5xx`,
          latency_sum_ms: sql`usage_rollups.latency_sum_ms + excluded.latency_sum_ms`,
          latency_count: sql`usage_rollups.latency_count + excluded.latency_count`,
          latency_max_ms: sql`greatest(usage_rollups.latency_max_ms, excluded.latency_max_ms)`,
        }),
      )
      .execute();
  }
}

/** Adds the batch's requests in each key's current quota window to its counter, and marks the key used. */
async function countQuotas(db: Kysely<Database>, orgId: string, records: ValidRecord[], keys: Map<string, KeyInfo>, now: number): Promise<void> {
  const perKey = new Map<string, { inWindow: number; lastUsed: number }>();
  for (const record of records) {
    const entry = perKey.get(record.keyId) ?? { inWindow: 0, lastUsed: 0 };
    if (record.time >= keys.get(record.keyId)!.windowStart) entry.inWindow += 1;
    entry.lastUsed = Math.max(entry.lastUsed, Math.min(record.time, now));
    perKey.set(record.keyId, entry);
  }
  if (perKey.size === 0) return;
  // One statement for every key of the batch (in key order, so concurrent batches lock alike):
  // a row lock held for one round trip, not one per key.
  const rows = [...perKey.keys()].sort().map((keyId) => {
    const { inWindow, lastUsed } = perKey.get(keyId)!;
    return sql`(${keyId}::uuid, ${new Date(keys.get(keyId)!.windowStart)}::timestamptz, ${inWindow}::bigint, ${new Date(lastUsed)}::timestamptz)`;
  });
  await sql`
    update api_keys as k set
      -- A counter from an earlier window starts again from this batch's count.
      quota_used = case when k.quota_window_started_at = v.window_start then k.quota_used + v.in_window else v.in_window end,
      quota_window_started_at = v.window_start,
      last_used_at = greatest(k.last_used_at, v.last_used)
    from (values ${sql.join(rows)}) as v(id, window_start, in_window, last_used)
    where k.org_id = ${orgId} and k.id = v.id`.execute(db);
}

/** PostgreSQL may pick a batch as a deadlock victim under heavy concurrency; once more is enough. */
async function withDeadlockRetry<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= attempts || (code !== "40P01" && code !== "40001")) throw error;
    }
  }
}
