import type { Kysely } from "kysely";
import type { Database, KeyStatus } from "../db/schema.js";
import type { KeyVerification, Subscribed, Subscription } from "../../sdk/schemas/access.js";
import { hashSecret, newSecret } from "../crypto.js";
import { ProblemError, notFound } from "../problem.js";
import { audit } from "./audit.js";
import { toPolicy, requireActivePolicy } from "./policies.js";
import { currentQuota } from "./quota.js";

export const DEVELOPER_KEY_PREFIX = "pdk_";

/** Keys joined with their policy and the catalogue entry publishing it (live ones first), if any. */
function subscriptionQuery(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom("api_keys as k")
    .innerJoin("policies as p", (join) => join.onRef("p.org_id", "=", "k.org_id").onRef("p.id", "=", "k.policy_id"))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("catalogue_entries as c")
          .select(["c.id as entry_id", "c.name as entry_name"])
          .whereRef("c.org_id", "=", "k.org_id")
          .whereRef("c.policy_id", "=", "k.policy_id")
          .orderBy("c.live", "desc")
          .orderBy("c.created_at")
          .limit(1)
          .as("c"),
      (join) => join.onTrue(),
    )
    .select([
      "k.id",
      "k.developer_id",
      "k.status",
      "k.key_prefix",
      "k.quota_window_started_at",
      "k.quota_used",
      "k.created_at",
      "k.last_used_at",
      "k.revoked_at",
      "k.version",
      "p.id as policy_id",
      "p.org_id as policy_org_id",
      "p.name as policy_name",
      "p.rate",
      "p.per",
      "p.quota_max",
      "p.quota_renewal_seconds",
      "p.apis",
      "p.state as policy_state",
      "p.created_at as policy_created_at",
      "p.updated_at as policy_updated_at",
      "c.entry_id",
      "c.entry_name",
    ])
    .where("k.org_id", "=", orgId);
}

type SubscriptionRow = Awaited<ReturnType<ReturnType<typeof subscriptionQuery>["executeTakeFirstOrThrow"]>>;

function toSubscription(row: SubscriptionRow): Subscription {
  const policy = toPolicy({
    org_id: row.policy_org_id,
    id: row.policy_id,
    name: row.policy_name,
    rate: row.rate,
    per: row.per,
    quota_max: row.quota_max,
    quota_renewal_seconds: row.quota_renewal_seconds,
    apis: row.apis,
    state: row.policy_state,
    created_at: row.policy_created_at,
    updated_at: row.policy_updated_at,
  });
  return {
    id: row.id,
    developerId: row.developer_id,
    status: row.status,
    keyPrefix: row.key_prefix,
    policy,
    catalogueEntry: row.entry_id && row.entry_name ? { id: row.entry_id, name: row.entry_name } : null,
    quota: currentQuota(policy.quotaMax, policy.quotaRenewalSeconds, row.quota_window_started_at, Number(row.quota_used)),
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    version: row.version,
  };
}

/** A developer's keys, newest first, in every status (revoked ones show as such). */
export async function listSubscriptions(db: Kysely<Database>, orgId: string, developerId: string): Promise<Subscription[]> {
  const rows = await subscriptionQuery(db, orgId).where("k.developer_id", "=", developerId).orderBy("k.created_at", "desc").orderBy("k.id").execute();
  return rows.map(toSubscription);
}

/** Subscriptions awaiting an admin's decision, oldest first. */
export async function listPendingSubscriptions(db: Kysely<Database>, orgId: string): Promise<Subscription[]> {
  const rows = await subscriptionQuery(db, orgId).where("k.status", "=", "pending").orderBy("k.created_at").orderBy("k.id").execute();
  return rows.map(toSubscription);
}

/** One subscription; with `ownerId`, another developer's subscription is not found. */
export async function getSubscription(db: Kysely<Database>, orgId: string, id: string, ownerId?: string): Promise<Subscription> {
  let query = subscriptionQuery(db, orgId).where("k.id", "=", id);
  if (ownerId) query = query.where("k.developer_id", "=", ownerId);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("Subscription");
  return toSubscription(row);
}

function issueKey(): { key: string; hash: string; prefix: string } {
  const { secret, hash, displayPrefix } = newSecret(DEVELOPER_KEY_PREFIX);
  return { key: secret, hash, prefix: displayPrefix };
}

/**
 * Subscribes a developer to a live catalogue entry: a key under the entry's policy, returned raw
 * only here; or a pending request when the entry needs an admin's approval.
 */
export async function subscribe(db: Kysely<Database>, orgId: string, developerId: string, catalogueEntryId: string): Promise<Subscribed> {
  return db.transaction().execute(async (trx) => {
    const entry = await trx
      .selectFrom("catalogue_entries")
      .select(["id", "policy_id", "requires_approval"])
      .where("org_id", "=", orgId)
      .where("id", "=", catalogueEntryId)
      .where("live", "=", true)
      .executeTakeFirst();
    if (!entry) throw new ProblemError(404, "No such entry in the live catalogue.", { type: "not-found", errors: { catalogueEntryId: "is not in the live catalogue" } });
    await requireActivePolicy(trx, orgId, entry.policy_id, "catalogueEntryId");
    const issued = entry.requires_approval ? null : issueKey();
    const row = await trx
      .insertInto("api_keys")
      .values({
        org_id: orgId,
        developer_id: developerId,
        policy_id: entry.policy_id,
        catalogue_entry_id: entry.id,
        key_hash: issued?.hash ?? null,
        key_prefix: issued?.prefix ?? null,
        status: issued ? "active" : "pending",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const subscription = await getSubscription(trx, orgId, row.id);
    await audit(trx, orgId, {
      actor: `developer:${developerId}`,
      action: issued ? "subscription.create" : "subscription.request",
      targetType: "subscription",
      targetId: row.id,
      after: { status: subscription.status, policyId: entry.policy_id, catalogueEntryId: entry.id },
    });
    return { subscription, key: issued?.key ?? null };
  });
}

/** After approval the developer fetches the key once. */
export async function claimApprovedKey(db: Kysely<Database>, orgId: string, developerId: string, id: string): Promise<Subscribed> {
  const issued = issueKey();
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable("api_keys")
      .set({ key_hash: issued.hash, key_prefix: issued.prefix, status: "active", quota_window_started_at: new Date() })
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .where("developer_id", "=", developerId)
      .where("status", "=", "approved")
      .returning("id")
      .executeTakeFirst();
    if (!claimed) {
      const current = await getSubscription(trx, orgId, id, developerId);
      throw new ProblemError(409, `The key cannot be issued: the subscription is ${current.status}.`, { type: "conflict" });
    }
    await audit(trx, orgId, { actor: `developer:${developerId}`, action: "subscription.key-issued", targetType: "subscription", targetId: id });
    return { subscription: await getSubscription(trx, orgId, id), key: issued.key };
  });
}

/**
 * Moves a subscription from one status to another under a row lock, so racing changes
 * (a revoke against a policy change, two approvals) leave one consistent row and one audit entry each.
 */
async function transition(
  db: Kysely<Database>,
  orgId: string,
  id: string,
  actor: string,
  action: string,
  change: (current: { status: KeyStatus; policy_id: string; developer_id: string }, trx: Kysely<Database>) => Promise<Partial<{ status: KeyStatus; policy_id: string; revoked_at: Date; quota_used: number; quota_window_started_at: Date }>>,
  ownerId?: string,
): Promise<Subscription> {
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom("api_keys").select(["status", "policy_id", "developer_id"]).where("org_id", "=", orgId).where("id", "=", id);
    if (ownerId) query = query.where("developer_id", "=", ownerId);
    const current = await query.forUpdate().executeTakeFirst();
    if (!current) throw notFound("Subscription");
    const values = await change(current, trx);
    await trx
      .updateTable("api_keys")
      .set((eb) => ({ ...values, version: eb("version", "+", 1) }))
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .execute();
    await audit(trx, orgId, {
      actor,
      action,
      targetType: "subscription",
      targetId: id,
      before: { status: current.status, policyId: current.policy_id },
      after: { status: values.status ?? current.status, policyId: values.policy_id ?? current.policy_id },
    });
    return getSubscription(trx, orgId, id);
  });
}

const refuse = (detail: string) => new ProblemError(409, detail, { type: "conflict" });

/** Moves a key to another policy; the key itself stays the same. */
export function changeSubscriptionPolicy(db: Kysely<Database>, orgId: string, id: string, policyId: string, actor: string): Promise<Subscription> {
  return transition(db, orgId, id, actor, "subscription.change-policy", async (current, trx) => {
    if (current.status === "revoked" || current.status === "declined") throw refuse(`The subscription is ${current.status}; its policy cannot change.`);
    // Inside the transaction: on the single-connection embedded database an outside query would wait forever.
    await requireActivePolicy(trx, orgId, policyId, "policyId");
    return { policy_id: policyId };
  });
}

/** The key stops working at once. Revoking a revoked key changes nothing. */
export function revokeSubscription(db: Kysely<Database>, orgId: string, id: string, actor: string, ownerId?: string): Promise<Subscription> {
  return transition(
    db,
    orgId,
    id,
    actor,
    "subscription.revoke",
    async (current) => (current.status === "revoked" ? {} : { status: "revoked", revoked_at: new Date() }),
    ownerId,
  );
}

export function decideSubscription(db: Kysely<Database>, orgId: string, id: string, approve: boolean, actor: string): Promise<Subscription> {
  return transition(db, orgId, id, actor, approve ? "subscription.approve" : "subscription.decline", async (current) => {
    if (current.status !== "pending") throw refuse(`The subscription is ${current.status}, not pending.`);
    return { status: approve ? "approved" : "declined" };
  });
}

export function resetSubscriptionQuota(db: Kysely<Database>, orgId: string, id: string, actor: string): Promise<Subscription> {
  return transition(db, orgId, id, actor, "subscription.reset-quota", async () => ({ quota_used: 0, quota_window_started_at: new Date() }));
}

/** For gateways: one indexed lookup by the key's hash, joined with its policy and developer. */
export async function verifyKey(db: Kysely<Database>, orgId: string, key: string): Promise<KeyVerification> {
  const row = await db
    .selectFrom("api_keys as k")
    .innerJoin("policies as p", (join) => join.onRef("p.org_id", "=", "k.org_id").onRef("p.id", "=", "k.policy_id"))
    .innerJoin("developers as d", (join) => join.onRef("d.org_id", "=", "k.org_id").onRef("d.id", "=", "k.developer_id"))
    .select([
      "k.org_id",
      "k.id",
      "k.developer_id",
      "k.status",
      "k.quota_window_started_at",
      "k.quota_used",
      "p.id as policy_id",
      "p.name",
      "p.rate",
      "p.per",
      "p.quota_max",
      "p.quota_renewal_seconds",
      "p.apis",
      "d.inactive",
    ])
    .where("k.key_hash", "=", hashSecret(key))
    .executeTakeFirst();
  // Another organisation's key is as unknown here as a made-up one.
  if (!row || row.org_id !== orgId) return { valid: false, reason: "unknown" };
  if (row.status !== "active") return { valid: false, reason: row.status, keyId: row.id };
  if (row.inactive) return { valid: false, reason: "inactive-developer", keyId: row.id };
  return {
    valid: true,
    keyId: row.id,
    developerId: row.developer_id,
    policy: { id: row.policy_id, name: row.name, rate: row.rate, per: row.per, apis: row.apis },
    quota: currentQuota(Number(row.quota_max), row.quota_renewal_seconds, row.quota_window_started_at, Number(row.quota_used)),
  };
}
