import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { UsageCounts, UsageReport } from "../../sdk/schemas/usage.js";
import { notFound } from "../problem.js";

export interface UsageReportQuery {
  days: number;
  keyId?: string;
  api?: string;
  tz: string;
}

interface CountRow {
  requests: number | string;
  errors_4xx: number | string;
  errors_5xx: number | string;
  latency_sum_ms: number | string;
  latency_count: number | string;
}

function toCounts(row: CountRow | undefined): UsageCounts {
  const requests = Number(row?.requests ?? 0);
  const errors4xx = Number(row?.errors_4xx ?? 0);
  const errors5xx = Number(row?.errors_5xx ?? 0);
  const latencyCount = Number(row?.latency_count ?? 0);
  return {
    requests,
    success: requests - errors4xx - errors5xx,
    errors4xx,
    errors5xx,
    avgLatencyMs: latencyCount ? Math.round((Number(row?.latency_sum_ms ?? 0) / latencyCount) * 10) / 10 : null,
  };
}

const sums = {
  requests: sql<string>`coalesce(sum(r.requests), 0)`,
  errors4xx: sql<string>`coalesce(sum(r.errors_4xx), 0)`,
  errors5xx: sql<string>`coalesce(sum(r.errors_5xx), 0)`,
  latencySum: sql<string>`coalesce(sum(r.latency_sum_ms), 0)`,
  latencyCount: sql<string>`coalesce(sum(r.latency_count), 0)`,
};

/**
 * A developer's usage over the last `days` days in `tz` (today included): one bucket per day
 * (per hour for two days or less), totals, and the split per key. Reads only hourly rollups,
 * so its cost does not grow with the number of requests recorded.
 */
export async function usageReport(db: Kysely<Database>, orgId: string, developerId: string, query: UsageReportQuery): Promise<UsageReport> {
  if (query.keyId) {
    const key = await db.selectFrom("api_keys").select("id").where("org_id", "=", orgId).where("developer_id", "=", developerId).where("id", "=", query.keyId).executeTakeFirst();
    if (!key) throw notFound("Key");
  }
  const resolution = query.days <= 2 ? "hour" : "day";
  const step = resolution === "hour" ? sql`interval '1 hour'` : sql`interval '1 day'`;
  // Bucket starts as local times in tz; `local at time zone tz` turns them back into instants.
  const lastLocal = sql`date_trunc(${sql.lit(resolution)}, now() at time zone ${query.tz})`;
  const bucketCount = resolution === "hour" ? query.days * 24 : query.days;

  const filters = sql.join(
    [
      sql`r.org_id = ${orgId}`,
      sql`r.developer_id = ${developerId}`,
      ...(query.keyId ? [sql`r.key_id = ${query.keyId}`] : []),
      ...(query.api ? [sql`r.api = ${query.api}`] : []),
    ],
    sql` and `,
  );

  const { rows } = await sql<CountRow & { local_start: string; start: Date }>`
    with buckets as (
      select local_start,
             local_start at time zone ${query.tz} as start,
             (local_start + ${step}) at time zone ${query.tz} as finish
      from generate_series(${lastLocal} - ${step} * ${bucketCount - 1}, ${lastLocal}, ${step}) as local_start
    )
    select to_char(b.local_start, ${resolution === "hour" ? "YYYY-MM-DD\"T\"HH24:00" : "YYYY-MM-DD"}) as local_start,
           b.start,
           ${sums.requests} as requests, ${sums.errors4xx} as errors_4xx, ${sums.errors5xx} as errors_5xx,
           ${sums.latencySum} as latency_sum_ms, ${sums.latencyCount} as latency_count
    from buckets b
    left join usage_rollups r on ${filters} and r.hour >= b.start and r.hour < b.finish
    group by b.local_start, b.start
    order by b.local_start`.execute(db);

  const from = rows[0]!.start;
  const perKey = await db
    .selectFrom("api_keys as k")
    .innerJoin("policies as p", (join) => join.onRef("p.org_id", "=", "k.org_id").onRef("p.id", "=", "k.policy_id"))
    .leftJoin("usage_rollups as r", (join) =>
      join
        .onRef("r.org_id", "=", "k.org_id")
        .onRef("r.developer_id", "=", "k.developer_id")
        .onRef("r.key_id", "=", "k.id")
        .on("r.hour", ">=", from)
        .$call((on) => (query.api ? on.on("r.api", "=", query.api) : on)),
    )
    .select([
      "k.id",
      "k.key_prefix",
      "k.status",
      "p.name as policy_name",
      sums.requests.as("requests"),
      sums.errors4xx.as("errors_4xx"),
      sums.errors5xx.as("errors_5xx"),
      sums.latencySum.as("latency_sum_ms"),
      sums.latencyCount.as("latency_count"),
    ])
    .where("k.org_id", "=", orgId)
    .where("k.developer_id", "=", developerId)
    .$call((select) => (query.keyId ? select.where("k.id", "=", query.keyId) : select))
    .groupBy(["k.id", "k.key_prefix", "k.status", "p.name", "k.created_at"])
    .orderBy("k.created_at")
    .execute();

  const buckets = rows.map((row) => ({ start: row.start.toISOString(), label: row.local_start, ...toCounts(row) }));
  const total = rows.reduce(
    (sum, row) => ({
      requests: sum.requests + Number(row.requests),
      errors_4xx: sum.errors_4xx + Number(row.errors_4xx),
      errors_5xx: sum.errors_5xx + Number(row.errors_5xx),
      latency_sum_ms: sum.latency_sum_ms + Number(row.latency_sum_ms),
      latency_count: sum.latency_count + Number(row.latency_count),
    }),
    { requests: 0, errors_4xx: 0, errors_5xx: 0, latency_sum_ms: 0, latency_count: 0 },
  );
  return {
    from: from.toISOString(),
    to: new Date().toISOString(),
    resolution,
    timeZone: query.tz,
    buckets,
    totals: toCounts(total),
    // Revoked keys without traffic in the period are left out; live keys show even at zero.
    keys: perKey
      .filter((row) => Number(row.requests) > 0 || row.status === "active")
      .map((row) => ({ keyId: row.id, keyPrefix: row.key_prefix, policyName: row.policy_name, status: row.status, ...toCounts(row) })),
  };
}
