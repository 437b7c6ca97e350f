/**
 * A portal to put load on, built against a running (child) server: the organisation, a policy and
 * a live catalogue entry through the SDK with the root secret and the admin key; developers with
 * realistic emails inserted set-based with one shared argon2id hash (computed once, as
 * server/passwords.ts would); then `clients` of them log in and subscribe through the SDK, which
 * gives each a session token and a real API key.
 */
import { Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import { PorticoClient } from "../../sdk/index.js";
import type { Database } from "../../server/db/schema.js";
import { hashPassword } from "../../server/passwords.js";
import { CHILD_ROOT_SECRET } from "./child-server.js";
import { analyzeTables, seedDevelopers } from "./seed-developers.js";

export const PORTAL_PASSWORD = "load-test-password-1";
export const PORTAL_APIS = ["payments", "search", "users"] as const;

export interface PortalClient {
  developerId: string;
  email: string;
  /** Session token (Bearer) of the developer. */
  token: string;
  /** The raw API key from subscribing, and its id (what usage records name). */
  key: string;
  keyId: string;
}

export interface Portal {
  slug: string;
  orgId: string;
  /** The org's admin API key (scopes admin and usage:write). */
  adminKey: string;
  policyId: string;
  catalogueEntryId: string;
  /** Emails of active developers, all with PORTAL_PASSWORD. */
  emails: string[];
  clients: PortalClient[];
  /** Epoch ms after the last key was issued: usage stamped later falls in every key's quota window. */
  keysIssuedAt: number;
}

export interface PortalOptions {
  baseUrl: string;
  pool: pg.Pool;
  slug: string;
  developers: number;
  clients: number;
  /** Parallel logins while setting up (argon2 runs on the server's 4 libuv threads). */
  setupConcurrency?: number;
}

/** Runs `work` over `items`, `concurrency` at a time, in order of start. */
export async function inParallel<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

export async function createPortal(options: PortalOptions): Promise<Portal> {
  const root = new PorticoClient({ baseUrl: options.baseUrl, org: "-", apiKey: CHILD_ROOT_SECRET });
  const { apiKey: adminKey } = await root.orgs.create({ slug: options.slug, name: `Load ${options.slug}` });
  const admin = new PorticoClient({ baseUrl: options.baseUrl, org: options.slug, apiKey: adminKey });
  const policy = await admin.policies.create({
    name: "Load plan",
    rate: 1_000_000,
    per: 1,
    quotaMax: -1,
    quotaRenewalSeconds: 30 * 86_400,
    apis: [...PORTAL_APIS],
  });
  const entry = await admin.catalogue.create({ name: "Load API", policyId: policy.id, live: true, requiresApproval: false });

  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: options.pool }) });
  const org = await db.selectFrom("orgs").select("id").where("slug", "=", options.slug).executeTakeFirstOrThrow();
  await seedDevelopers(db, org.id, options.developers);
  const passwordHash = await hashPassword(PORTAL_PASSWORD);
  await db.updateTable("developers").set({ password_hash: passwordHash }).where("org_id", "=", org.id).execute();
  await analyzeTables(db, ["developers"]);
  const active = await db
    .selectFrom("developers")
    .select(["id", "email"])
    .where("org_id", "=", org.id)
    .where("inactive", "=", false)
    .orderBy("email_normalized")
    .execute();
  if (active.length < options.clients) throw new Error(`only ${active.length} active developers for ${options.clients} clients`);

  // Spread the clients over the list so their emails are as varied as the developers'.
  const step = active.length / options.clients;
  const chosen = Array.from({ length: options.clients }, (_, i) => active[Math.floor(i * step)]!);
  const developer = new PorticoClient({ baseUrl: options.baseUrl, org: options.slug });
  const clients = await inParallel(chosen, options.setupConcurrency ?? 4, async (row) => {
    const session = await developer.sessions.login({ email: row.email, password: PORTAL_PASSWORD });
    const subscribed = await developer.withToken(session.token).me.subscribe(entry.id);
    if (!subscribed.key) throw new Error("subscribing gave no key (does the entry require approval?)");
    return { developerId: row.id, email: row.email, token: session.token, key: subscribed.key, keyId: subscribed.subscription.id };
  });
  return {
    slug: options.slug,
    orgId: org.id,
    adminKey,
    policyId: policy.id,
    catalogueEntryId: entry.id,
    emails: active.map((row) => row.email),
    clients,
    keysIssuedAt: Date.now() + 1000,
  };
}
