import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { AuditPage } from "../../sdk/schemas/access.js";
import { invalidFields } from "../problem.js";

export interface AuditEvent {
  /** Who did it, e.g. `admin:<id>`, `developer:<id>`, `org-key:<id>`. */
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/** Records a change; call inside the transaction that makes it, so the log and the change agree. */
export async function audit(db: Kysely<Database>, orgId: string, event: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      org_id: orgId,
      actor: event.actor,
      action: event.action,
      target_type: event.targetType,
      target_id: event.targetId,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    })
    .execute();
}

/** Newest first; the cursor is the last entry's time and id. */
export async function listAudit(db: Kysely<Database>, orgId: string, limit: number, cursor: string | undefined): Promise<AuditPage> {
  let query = db.selectFrom("audit_log").selectAll().where("org_id", "=", orgId);
  if (cursor) {
    const [time, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
    const at = new Date(time ?? "");
    if (!id || Number.isNaN(at.getTime())) throw invalidFields({ cursor: "is not a cursor this server issued" });
    query = query.where((eb) => eb.or([eb("created_at", "<", at), eb.and([eb("created_at", "=", at), eb("id", "<", id)])]));
  }
  const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit + 1).execute();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => ({
      id: row.id,
      actor: row.actor,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      before: row.before,
      after: row.after,
      createdAt: row.created_at.toISOString(),
    })),
    nextCursor:
      rows.length > limit && last ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString("base64url") : null,
  };
}
