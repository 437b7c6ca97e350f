/**
 * The usage benchmark's traffic: repeatable batches of usage records over a set of keys, the hourly
 * rollups the server makes of them, the server's upsert statement for those rollups (to replay
 * raw), and the same traffic generated in SQL for bulk volumes.
 */
import { sql, type CompiledQuery, type Kysely } from "kysely";
import type { Database } from "../../server/db/schema.js";
import { seededRandom } from "./timing.js";

export const APIS = ["payments", "search", "users", "orders", "reports", "webhooks"] as const;
/** Each key calls this many of the APIs (key i: APIS[i], APIS[i+1], … cyclically). */
export const APIS_PER_KEY = 3;
const HOUR_MS = 3600_000;

export interface Traffic {
  /** Keys 0 … targetKeys−1 belong to the target developer; the rest to other developers. */
  targetKeys: number;
  totalKeys: number;
  /** Share of all records that hit the target developer's keys. */
  targetShare: number;
  /** Records are spread evenly over the last `days` days. */
  days: number;
}

/** One record, with its key as an index into the keys of whichever org it is sent to. */
export interface AbstractRecord {
  key: number;
  api: string;
  time: number;
  status: number;
  latencyMs: number | undefined;
}

const STATUSES_4XX = [400, 401, 403, 404, 422, 429];
const STATUSES_5XX = [500, 502, 503, 504];

/**
 * Batch number `index` (repeatable): 93 % 2xx, 5 % 4xx, 2 % 5xx; 90 % carry a latency
 * (20 ms plus an exponential tail of mean 80 ms).
 */
export function generateBatch(traffic: Traffic, index: number, size: number, now: number): AbstractRecord[] {
  const random = seededRandom(0x5eed + index * 7919);
  const records: AbstractRecord[] = [];
  for (let i = 0; i < size; i++) {
    const key =
      random() < traffic.targetShare
        ? Math.floor(random() * traffic.targetKeys)
        : traffic.targetKeys + Math.floor(random() * (traffic.totalKeys - traffic.targetKeys));
    const api = APIS[(key + Math.floor(random() * APIS_PER_KEY)) % APIS.length]!;
    const time = now - Math.floor(random() * traffic.days * 24 * HOUR_MS);
    const s = random();
    const status =
      s < 0.93
        ? s < 0.6
          ? 200
          : 201
        : s < 0.98
          ? STATUSES_4XX[Math.floor(random() * STATUSES_4XX.length)]!
          : STATUSES_5XX[Math.floor(random() * STATUSES_5XX.length)]!;
    const latencyMs = random() < 0.9 ? 20 + -Math.log(1 - random()) * 80 : undefined;
    records.push({ key, api, time, status, latencyMs: latencyMs === undefined ? undefined : Math.round(latencyMs * 10) / 10 });
  }
  return records;
}

/** The records as the API takes them, for an org whose key number i has id `keyIds[i]`. */
export function toWireRecords(records: readonly AbstractRecord[], keyIds: readonly string[]) {
  return records.map((record) => ({
    keyId: keyIds[record.key]!,
    api: record.api,
    timestamp: new Date(record.time).toISOString(),
    status: record.status,
    ...(record.latencyMs === undefined ? {} : { latencyMs: record.latencyMs }),
  }));
}

export interface Rollup {
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

/** What `rollUp` in server/services/usage-ingest.ts makes of a batch (same grouping, same order). */
export function rollUp(records: readonly AbstractRecord[], keyIds: readonly string[], developerIds: readonly string[]): Rollup[] {
  const groups = new Map<string, Rollup>();
  for (const record of records) {
    const keyId = keyIds[record.key]!;
    const hour = Math.floor(record.time / HOUR_MS) * HOUR_MS;
    const id = `${keyId}|${hour}|${record.api}`;
    let group = groups.get(id);
    if (!group) {
      group = {
        developerId: developerIds[record.key]!,
        hour,
        keyId,
        api: record.api,
        requests: 0,
        errors4xx: 0,
        errors5xx: 0,
        latencySum: 0,
        latencyCount: 0,
        latencyMax: 0,
      };
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
  return [...groups.values()].sort(
    (a, b) => a.developerId.localeCompare(b.developerId) || a.hour - b.hour || a.keyId.localeCompare(b.keyId) || a.api.localeCompare(b.api),
  );
}

/**
 * The multi-row `insert … on conflict … do update` the service sends for up to 1000 rollups, built
 * the same way (`upsertRollups`). The benchmark compares it with a captured statement before use.
 */
export function rollupUpsert(db: Kysely<Database>, orgId: string, rollups: readonly Rollup[]): CompiledQuery {
  return db
    .insertInto("usage_rollups")
    .values(
      rollups.map((rollup) => ({
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
    .compile();
}

/**
 * `records` more records of the same traffic, drawn in SQL instead of JavaScript (same key, API,
 * hour, status and latency distributions), grouped into hourly rollups and upserted with the
 * service's `on conflict … do update` — the rows the ingestion would have left, without sending the
 * records. Quota counters on the keys are not touched (the dashboard does not read them).
 * Returns the rollup rows written (inserted or updated).
 */
export async function upsertGeneratedRollups(
  db: Kysely<Database>,
  orgId: string,
  traffic: Traffic,
  keyIds: readonly string[],
  developerIds: readonly string[],
  records: number,
): Promise<number> {
  const apis = sql`array[${sql.join(APIS.map((api) => sql.lit(api)))}]::text[]`;
  const result = await sql`
    insert into usage_rollups (org_id, developer_id, hour, key_id, api, requests, errors_4xx, errors_5xx, latency_sum_ms, latency_count, latency_max_ms)
    with keys as (
      select (idx - 1)::int as idx, key_id, developer_id
      from unnest(${sql.val([...keyIds])}::uuid[], ${sql.val([...developerIds])}::uuid[]) with ordinality as k(key_id, developer_id, idx)
    ), drawn as (
      select
        case when random() < ${sql.lit(traffic.targetShare)}
          then floor(random() * ${sql.lit(traffic.targetKeys)})::int
          else ${sql.lit(traffic.targetKeys)} + floor(random() * ${sql.lit(traffic.totalKeys - traffic.targetKeys)})::int
        end as key,
        floor(random() * ${sql.lit(APIS_PER_KEY)})::int as api_offset,
        to_timestamp(floor(extract(epoch from now() - random() * make_interval(days => ${sql.lit(traffic.days)})) / 3600) * 3600) as hour,
        random() as s,
        case when random() < 0.9 then round(20 + -ln(1 - random()) * 80)::int end as latency
      from generate_series(1, ${sql.lit(records)})
    )
    select ${orgId}::uuid, k.developer_id, d.hour, k.key_id, (${apis})[1 + (d.key + d.api_offset) % ${sql.lit(APIS.length)}],
           count(*), count(*) filter (where d.s >= 0.93 and d.s < 0.98), count(*) filter (where d.s >= 0.98),
           coalesce(sum(d.latency), 0), count(d.latency), coalesce(max(d.latency), 0)
    from drawn d join keys k on k.idx = d.key
    group by 2, 3, 4, 5
    on conflict (org_id, developer_id, hour, key_id, api) do update set
      requests = usage_rollups.requests + excluded.requests,
      errors_4xx = usage_rollups.errors_4xx + excluded.errors_4xx,
      errors_5xx = usage_rollups.errors_5xx + excluded.errors_5xx,
      latency_sum_ms = usage_rollups.latency_sum_ms + excluded.latency_sum_ms,
      latency_count = usage_rollups.latency_count + excluded.latency_count,
      latency_max_ms = greatest(usage_rollups.latency_max_ms, excluded.latency_max_ms)`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
