import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { hashSecret, newSecret } from "../crypto.js";
import type { SessionInfo } from "../../sdk/schemas/accounts.js";

export const SESSION_TOKEN_PREFIX = "pst_";
/** A session ends after a week without use, and after 30 days whatever happens. */
export const SESSION_IDLE_MS = 7 * 24 * 3600_000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600_000;
/** Sliding expiry is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

export type SessionSubject = { developerId: string } | { adminId: string };

export interface ActiveSession {
  orgId: string;
  id: string;
  developerId: string | null;
  adminId: string | null;
  expiresAt: Date;
}

/** Starts a session and returns its token, which is stored only as a hash. */
export async function createSession(
  db: Kysely<Database>,
  orgId: string,
  subject: SessionSubject,
  userAgent: string | undefined,
): Promise<{ token: string; expiresAt: Date; id: string }> {
  const { secret, hash } = newSecret(SESSION_TOKEN_PREFIX);
  const now = Date.now();
  const row = await db
    .insertInto("sessions")
    .values({
      org_id: orgId,
      token_hash: hash,
      developer_id: "developerId" in subject ? subject.developerId : null,
      admin_id: "adminId" in subject ? subject.adminId : null,
      user_agent: userAgent?.slice(0, 300) ?? null,
      idle_expires_at: new Date(now + SESSION_IDLE_MS),
      absolute_expires_at: new Date(now + SESSION_ABSOLUTE_MS),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { token: secret, id: row.id, expiresAt: new Date(now + SESSION_IDLE_MS) };
}

/** The live session a token belongs to, extending its idle expiry; `null` if unknown or expired. */
export async function findSession(db: Kysely<Database>, token: string): Promise<ActiveSession | null> {
  const row = await db
    .selectFrom("sessions")
    .select(["org_id", "id", "developer_id", "admin_id", "last_seen_at", "idle_expires_at", "absolute_expires_at"])
    .where("token_hash", "=", hashSecret(token))
    .executeTakeFirst();
  const now = Date.now();
  if (!row || row.idle_expires_at.getTime() <= now || row.absolute_expires_at.getTime() <= now) return null;
  let idleExpiresAt = row.idle_expires_at;
  if (now - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    idleExpiresAt = new Date(now + SESSION_IDLE_MS);
    await db
      .updateTable("sessions")
      .set({ last_seen_at: new Date(now), idle_expires_at: idleExpiresAt })
      .where("org_id", "=", row.org_id)
      .where("id", "=", row.id)
      .execute();
  }
  return {
    orgId: row.org_id,
    id: row.id,
    developerId: row.developer_id,
    adminId: row.admin_id,
    expiresAt: new Date(Math.min(idleExpiresAt.getTime(), row.absolute_expires_at.getTime())),
  };
}

export async function revokeSession(db: Kysely<Database>, orgId: string, sessionId: string): Promise<boolean> {
  const result = await db.deleteFrom("sessions").where("org_id", "=", orgId).where("id", "=", sessionId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Ends every session of a developer but `keepSessionId` (after a password change or reset). */
export async function revokeDeveloperSessions(
  db: Kysely<Database>,
  orgId: string,
  developerId: string,
  keepSessionId: string | null = null,
): Promise<void> {
  let query = db.deleteFrom("sessions").where("org_id", "=", orgId).where("developer_id", "=", developerId);
  if (keepSessionId) query = query.where("id", "!=", keepSessionId);
  await query.execute();
}

export async function listDeveloperSessions(
  db: Kysely<Database>,
  orgId: string,
  developerId: string,
  currentSessionId: string | null,
): Promise<SessionInfo[]> {
  const rows = await db
    .selectFrom("sessions")
    .select(["id", "user_agent", "created_at", "last_seen_at", "idle_expires_at", "absolute_expires_at"])
    .where("org_id", "=", orgId)
    .where("developer_id", "=", developerId)
    .where("idle_expires_at", ">", new Date())
    .where("absolute_expires_at", ">", new Date())
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userAgent: row.user_agent,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    expiresAt: new Date(Math.min(row.idle_expires_at.getTime(), row.absolute_expires_at.getTime())).toISOString(),
    current: row.id === currentSessionId,
  }));
}
