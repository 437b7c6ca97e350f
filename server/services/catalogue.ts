import type { Kysely, Selectable } from "kysely";
import type { z } from "zod";
import type { CatalogueEntriesTable, Database } from "../db/schema.js";
import type { CatalogueEntry, catalogueEntryCreateSchema, catalogueEntryUpdateSchema } from "../../sdk/schemas/access.js";
import { notFound } from "../problem.js";
import { audit } from "./audit.js";
import { requireActivePolicy } from "./policies.js";

type EntryCreate = z.output<typeof catalogueEntryCreateSchema>;
type EntryUpdate = z.output<typeof catalogueEntryUpdateSchema>;

export function toCatalogueEntry(row: Selectable<CatalogueEntriesTable>): CatalogueEntry {
  return {
    id: row.id,
    name: row.name,
    shortDescription: row.short_description,
    longDescription: row.long_description,
    policyId: row.policy_id,
    live: row.live,
    requiresApproval: row.requires_approval,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The catalogue in name order; developers and anonymous visitors see only live entries. */
export async function listCatalogue(db: Kysely<Database>, orgId: string, liveOnly: boolean): Promise<CatalogueEntry[]> {
  let query = db.selectFrom("catalogue_entries").selectAll().where("org_id", "=", orgId);
  if (liveOnly) query = query.where("live", "=", true);
  const rows = await query.orderBy("name").orderBy("id").execute();
  return rows.map(toCatalogueEntry);
}

export async function getCatalogueEntry(db: Kysely<Database>, orgId: string, id: string, liveOnly: boolean): Promise<CatalogueEntry> {
  let query = db.selectFrom("catalogue_entries").selectAll().where("org_id", "=", orgId).where("id", "=", id);
  if (liveOnly) query = query.where("live", "=", true);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound("Catalogue entry");
  return toCatalogueEntry(row);
}

export async function createCatalogueEntry(db: Kysely<Database>, orgId: string, actor: string, input: EntryCreate): Promise<CatalogueEntry> {
  return db.transaction().execute(async (trx) => {
    await requireActivePolicy(trx, orgId, input.policyId, "policyId");
    const row = await trx
      .insertInto("catalogue_entries")
      .values({
        org_id: orgId,
        name: input.name,
        short_description: input.shortDescription,
        long_description: input.longDescription,
        policy_id: input.policyId,
        live: input.live,
        requires_approval: input.requiresApproval,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const entry = toCatalogueEntry(row);
    await audit(trx, orgId, { actor, action: "catalogue.create", targetType: "catalogue-entry", targetId: entry.id, after: entry });
    return entry;
  });
}

export async function updateCatalogueEntry(
  db: Kysely<Database>,
  orgId: string,
  id: string,
  actor: string,
  patch: EntryUpdate,
): Promise<CatalogueEntry> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("catalogue_entries").selectAll().where("org_id", "=", orgId).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!before) throw notFound("Catalogue entry");
    if (patch.policyId !== undefined || (patch.live && !before.live)) {
      // Publishing needs a policy that is not archived.
      await requireActivePolicy(trx, orgId, patch.policyId ?? before.policy_id, "policyId");
    }
    const row = await trx
      .updateTable("catalogue_entries")
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.shortDescription !== undefined && { short_description: patch.shortDescription }),
        ...(patch.longDescription !== undefined && { long_description: patch.longDescription }),
        ...(patch.policyId !== undefined && { policy_id: patch.policyId }),
        ...(patch.live !== undefined && { live: patch.live }),
        ...(patch.requiresApproval !== undefined && { requires_approval: patch.requiresApproval }),
        updated_at: new Date(),
      })
      .where("org_id", "=", orgId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const entry = toCatalogueEntry(row);
    await audit(trx, orgId, { actor, action: "catalogue.update", targetType: "catalogue-entry", targetId: id, before: toCatalogueEntry(before), after: entry });
    return entry;
  });
}

/** Keys subscribed through the entry keep their policy; they show "(No Catalogue Entry)" if nothing else publishes it. */
export async function deleteCatalogueEntry(db: Kysely<Database>, orgId: string, id: string, actor: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.deleteFrom("catalogue_entries").where("org_id", "=", orgId).where("id", "=", id).returningAll().executeTakeFirst();
    if (!before) throw notFound("Catalogue entry");
    await audit(trx, orgId, { actor, action: "catalogue.delete", targetType: "catalogue-entry", targetId: id, before: toCatalogueEntry(before) });
  });
}
