import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import type { Database, PoliciesTable } from "../db/schema.js";
import type { Policy, policyCreateSchema, policyUpdateSchema } from "../../sdk/schemas/access.js";
import { ProblemError, notFound } from "../problem.js";
import { audit } from "./audit.js";

type PolicyCreate = z.output<typeof policyCreateSchema>;
type PolicyUpdate = z.output<typeof policyUpdateSchema>;

export function toPolicy(row: Selectable<PoliciesTable>): Policy {
  return {
    id: row.id,
    name: row.name,
    rate: row.rate,
    per: row.per,
    quotaMax: Number(row.quota_max),
    quotaRenewalSeconds: row.quota_renewal_seconds,
    apis: row.apis,
    state: row.state,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listPolicies(db: Kysely<Database>, orgId: string): Promise<Policy[]> {
  const rows = await db.selectFrom("policies").selectAll().where("org_id", "=", orgId).orderBy("name").orderBy("id").execute();
  return rows.map(toPolicy);
}

export async function getPolicy(db: Kysely<Database>, orgId: string, id: string): Promise<Policy> {
  const row = await db.selectFrom("policies").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Policy");
  return toPolicy(row);
}

export async function createPolicy(db: Kysely<Database>, orgId: string, actor: string, input: PolicyCreate): Promise<Policy> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("policies")
      .values({
        org_id: orgId,
        name: input.name,
        rate: input.rate,
        per: input.per,
        quota_max: input.quotaMax,
        quota_renewal_seconds: input.quotaRenewalSeconds,
        apis: input.apis,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const policy = toPolicy(row);
    await audit(trx, orgId, { actor, action: "policy.create", targetType: "policy", targetId: policy.id, after: policy });
    return policy;
  });
}

/**
 * Edits a policy; keys under it take the new limits at once. Archiving is refused while a live
 * catalogue entry publishes the policy (unpublish first); keys already under it keep working.
 */
export async function updatePolicy(db: Kysely<Database>, orgId: string, id: string, actor: string, patch: PolicyUpdate): Promise<Policy> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("policies").selectAll().where("org_id", "=", orgId).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!before) throw notFound("Policy");
    if (patch.state === "archived" && before.state !== "archived") {
      const published = await trx
        .selectFrom("catalogue_entries")
        .select("name")
        .where("org_id", "=", orgId)
        .where("policy_id", "=", id)
        .where("live", "=", true)
        .executeTakeFirst();
      if (published) {
        throw new ProblemError(409, `The live catalogue entry "${published.name}" publishes this policy; take it off the catalogue first.`, {
          type: "policy-in-use",
          errors: { state: "cannot archive a policy a live catalogue entry publishes" },
        });
      }
    }
    const row = await trx
      .updateTable("policies")
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.rate !== undefined && { rate: patch.rate }),
        ...(patch.per !== undefined && { per: patch.per }),
        ...(patch.quotaMax !== undefined && { quota_max: patch.quotaMax }),
        ...(patch.quotaRenewalSeconds !== undefined && { quota_renewal_seconds: patch.quotaRenewalSeconds }),
        ...(patch.apis !== undefined && { apis: patch.apis }),
        ...(patch.state !== undefined && { state: patch.state }),
        updated_at: new Date(),
      })
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const policy = toPolicy(row);
    await audit(trx, orgId, { actor, action: "policy.update", targetType: "policy", targetId: id, before: toPolicy(before), after: policy });
    return policy;
  });
}

/** Only a policy nothing refers to can be deleted; otherwise archive it. */
export async function deletePolicy(db: Kysely<Database>, orgId: string, id: string, actor: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("policies").selectAll().where("org_id", "=", orgId).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!before) throw notFound("Policy");
    const [keys, entries] = await Promise.all([
      trx.selectFrom("api_keys").select("id").where("org_id", "=", orgId).where("policy_id", "=", id).limit(1).executeTakeFirst(),
      trx.selectFrom("catalogue_entries").select("id").where("org_id", "=", orgId).where("policy_id", "=", id).limit(1).executeTakeFirst(),
    ]);
    if (keys || entries) {
      throw new ProblemError(409, "Keys or catalogue entries use this policy; archive it instead.", { type: "policy-in-use" });
    }
    await trx.deleteFrom("policies").where("org_id", "=", orgId).where("id", "=", id).execute();
    await audit(trx, orgId, { actor, action: "policy.delete", targetType: "policy", targetId: id, before: toPolicy(before) });
  });
}

/** A policy that new subscriptions and policy changes may use. */
export async function requireActivePolicy(db: Kysely<Database>, orgId: string, id: string, field: string): Promise<Selectable<PoliciesTable>> {
  const row = await db.selectFrom("policies").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new ProblemError(400, "No such policy in this organisation.", { type: "validation", errors: { [field]: "is not a policy of this organisation" } });
  if (row.state === "archived") {
    throw new ProblemError(409, "The policy is archived.", { type: "policy-archived", errors: { [field]: "is archived" } });
  }
  return row;
}
