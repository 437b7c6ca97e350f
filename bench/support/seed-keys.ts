import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../server/db/schema.js";
import { DEVELOPER_KEY_PREFIX } from "../../server/services/subscriptions.js";

/**
 * The raw developer key number `n` of a seeded set: shaped like a real one (`pdk_` + 43 base64url
 * characters of a 256-bit value) but derived from `label` and `n`, so a benchmark can present any
 * seeded key without the database ever storing it raw. `label` keeps sets apart (key_hash is unique).
 */
export function benchKey(label: string, n: number): string {
  return DEVELOPER_KEY_PREFIX + createHash("sha256").update(`${label}:${n}`).digest("base64url");
}

/** The same derivation in SQL, for a set-based insert (`n` is an integer expression). */
function benchKeySql(label: string, n: ReturnType<typeof sql>) {
  if (!/^[A-Za-z0-9._-]+$/.test(label)) throw new Error(`unsafe key label "${label}"`);
  return sql<string>`${sql.lit(DEVELOPER_KEY_PREFIX)} || translate(encode(sha256(convert_to(${sql.lit(label + ":")} || ${n}::text, 'UTF8')), 'base64'), '+/=', '-_')`;
}

/** `count` policies with varied limits, straight into the table (no audit entries). Returns their ids. */
export async function seedPolicies(db: Kysely<Database>, orgId: string, count: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    insert into policies (org_id, name, rate, per, quota_max, quota_renewal_seconds, apis)
    select ${orgId}::uuid, 'Bench plan ' || g, 10 * g, 60, case when g % 3 = 0 then -1 else 100000 * g end, 2592000,
           array['payments', 'search', 'users']::text[]
    from generate_series(1, ${sql.lit(count)}) as g
    returning id`.execute(db);
  return rows.rows.map((row) => row.id);
}

export interface SeedKeysOptions {
  /** Derives the raw keys (see `benchKey`). */
  label: string;
  /** Keys numbered `first` … `first + count − 1`. */
  first?: number;
  count: number;
  policyIds: readonly string[];
  /** Key `n` belongs to `developerIds[n mod length]`; by default every developer of the org, in id order. */
  developerIds?: readonly string[];
  /** Every `revokedEvery`-th key is revoked (0: none). */
  revokedEvery?: number;
}

/**
 * Inserts developer API keys with one set-based statement: `key_hash` is the SHA-256 hex of the
 * raw key, as `hashSecret` stores it, so `verifyKey` finds them. Returns how many went in.
 */
export async function seedApiKeys(db: Kysely<Database>, orgId: string, options: SeedKeysOptions): Promise<number> {
  const first = options.first ?? 1;
  const raw = benchKeySql(options.label, sql`g`);
  const developers = options.developerIds
    ? sql`select d, (row_number() over ())::int - 1 as rn from unnest(${sql.val([...options.developerIds])}::uuid[]) as d`
    : sql`select id as d, (row_number() over (order by id))::int - 1 as rn from developers where org_id = ${orgId}`;
  const revokedEvery = options.revokedEvery ?? 0;
  const result = await sql`
    insert into api_keys (org_id, developer_id, policy_id, key_hash, key_prefix, status, quota_used, created_at, revoked_at, last_used_at)
    with devs as (${developers}),
         n as (select count(*)::int as total from devs),
         keys as (select g, ${raw} as raw from generate_series(${sql.lit(first)}, ${sql.lit(first + options.count - 1)}) as g)
    select ${orgId}::uuid, devs.d,
           (${sql.val([...options.policyIds])}::uuid[])[1 + g % ${sql.lit(options.policyIds.length)}],
           encode(sha256(convert_to(keys.raw, 'UTF8')), 'hex'),
           left(keys.raw, ${sql.lit(DEVELOPER_KEY_PREFIX.length + 6)}),
           case when ${sql.lit(revokedEvery)} > 0 and g % ${sql.lit(Math.max(1, revokedEvery))} = 0 then 'revoked' else 'active' end,
           floor(random() * 5000)::bigint,
           now() - random() * interval '700 days',
           case when ${sql.lit(revokedEvery)} > 0 and g % ${sql.lit(Math.max(1, revokedEvery))} = 0 then now() - random() * interval '30 days' end,
           now() - random() * interval '30 days'
    from keys cross join n join devs on devs.rn = keys.g % n.total`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
