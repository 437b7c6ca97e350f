import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { developerCreateSchema } from "../../sdk/schemas/developers.js";
import { policyCreateSchema, catalogueEntryCreateSchema } from "../../sdk/schemas/access.js";
import { adminCreateSchema } from "../../sdk/schemas/accounts.js";
import { createAdmin } from "../services/accounts.js";
import { createCatalogueEntry } from "../services/catalogue.js";
import { createDeveloper } from "../services/developers.js";
import { createOrg } from "../services/orgs.js";
import { createPolicy } from "../services/policies.js";
import { changeSubscriptionPolicy, subscribe } from "../services/subscriptions.js";

export const DEMO_ORG_SLUG = "demo";
export const DEMO_PASSWORD = "demo-password";
export const DEMO_ADMIN_EMAIL = "admin@example.com";

const DEMO_DEVELOPERS = [
  { email: "ada@example.com", name: "Ada Lovelace", telephone: "+44 20 7946 0000", country: "GB", fields: { company: "Analytical Engines" } },
  { email: "grace@example.com", name: "Grace Hopper", telephone: "+1 202 555 0100", country: "US", fields: { company: "Navy Labs" } },
  { email: "linus@example.com", name: "Linus Torvalds", country: "FI", fields: { company: "Kernel Org" } },
  { email: "margaret@example.com", name: "Margaret Hamilton", country: "US", fields: {} },
  { email: "tim@example.com", name: "Tim Berners-Lee", country: "GB", fields: { company: "W3" }, inactive: true },
];

const ACTOR = "demo-seed";

/**
 * Creates the demo organisation if it does not exist: an admin, developers, policies, a
 * catalogue, keys and three weeks of synthetic traffic, so every page has something to show.
 * Returns the org API key when it was just created (it is not stored in clear anywhere).
 */
export async function seedDemo(db: Kysely<Database>, allowedOrigins: string[]): Promise<string | null> {
  const existing = await db.selectFrom("orgs").select("id").where("slug", "=", DEMO_ORG_SLUG).executeTakeFirst();
  if (existing) return null;
  const { org, apiKey } = await createOrg(db, {
    slug: DEMO_ORG_SLUG,
    name: "Demo APIs",
    allowedOrigins,
    signupFields: [{ name: "company", label: "Company", required: false }],
  });
  const orgRow = await db.selectFrom("orgs").selectAll().where("id", "=", org.id).executeTakeFirstOrThrow();
  await createAdmin(db, orgRow, adminCreateSchema.parse({ email: DEMO_ADMIN_EMAIL, name: "Demo Admin", password: DEMO_PASSWORD }));

  const policy = (input: unknown) => createPolicy(db, org.id, ACTOR, policyCreateSchema.parse(input));
  const free = await policy({ name: "Free", rate: 10, per: 1, quotaMax: 5_000, quotaRenewalSeconds: 86_400, apis: ["weather"] });
  const pro = await policy({ name: "Pro", rate: 100, per: 1, quotaMax: 250_000, quotaRenewalSeconds: 2_592_000, apis: ["weather", "maps"] });
  const partner = await policy({ name: "Partner", rate: 1_000, per: 1, quotaMax: -1, quotaRenewalSeconds: 2_592_000, apis: ["weather", "maps", "geocoding"] });

  const entry = (input: unknown) => createCatalogueEntry(db, org.id, ACTOR, catalogueEntryCreateSchema.parse(input));
  const weather = await entry({ name: "Weather API", shortDescription: "Forecasts and observations for any place on Earth.", policyId: free.id, live: true });
  const maps = await entry({ name: "Maps API", shortDescription: "Tiles, routing and places.", policyId: pro.id, live: true });
  await entry({ name: "Geocoding (beta)", shortDescription: "Addresses to coordinates and back.", policyId: pro.id, live: false, requiresApproval: true });

  const developers = [];
  for (const developer of DEMO_DEVELOPERS) {
    developers.push(await createDeveloper(db, orgRow, developerCreateSchema.parse({ ...developer, password: DEMO_PASSWORD })));
  }
  const [ada, grace, linus, margaret] = developers;
  await subscribe(db, org.id, ada!.id, weather.id);
  await subscribe(db, org.id, ada!.id, maps.id);
  await subscribe(db, org.id, grace!.id, weather.id);
  // A partner deal: no catalogue entry publishes this policy.
  const linusKey = await subscribe(db, org.id, linus!.id, maps.id);
  await changeSubscriptionPolicy(db, org.id, linusKey.subscription.id, partner.id, ACTOR);
  await subscribe(db, org.id, margaret!.id, weather.id);

  await seedTraffic(db, org.id);
  return apiKey;
}

/** Three weeks of hourly rollups with a daily rhythm and a few errors, then matching quota counters. */
async function seedTraffic(db: Kysely<Database>, orgId: string): Promise<void> {
  await sql`
    insert into usage_rollups (org_id, developer_id, hour, key_id, api, requests, errors_4xx, errors_5xx, latency_sum_ms, latency_count, latency_max_ms)
    select k.org_id, k.developer_id, h.hour, k.id, api.name, t.requests,
           t.requests / 25, t.requests / 120, t.requests * 42, t.requests, 250 + (t.requests % 400)
    from api_keys k
    join policies p on p.org_id = k.org_id and p.id = k.policy_id
    cross join generate_series(date_trunc('hour', now()) - interval '21 days', date_trunc('hour', now()), interval '1 hour') as h(hour)
    cross join lateral unnest(p.apis) as api(name)
    cross join lateral (
      select (20 + 60 * (1 + sin(extract(hour from h.hour) / 24.0 * 2 * pi() - 2))
              + (abs(hashtext(k.id::text || h.hour::text || api.name)) % 40))::int as requests
    ) t
    where k.org_id = ${orgId} and k.status = 'active'`.execute(db);
  await sql`
    update api_keys k set quota_used = coalesce((
      select sum(r.requests) from usage_rollups r
      where r.org_id = k.org_id and r.developer_id = k.developer_id and r.key_id = k.id and r.hour >= k.quota_window_started_at
    ), 0), last_used_at = date_trunc('hour', now())
    where k.org_id = ${orgId} and k.status = 'active'`.execute(db);
}
