import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../db/schema.js";
import type { Org } from "../context.js";
import type { passwordResetConfirmSchema, passwordResetRequestSchema } from "../../sdk/schemas/password-resets.js";
import { hashSecret, newSecret } from "../crypto.js";
import { enqueueMail } from "../mail/queue.js";
import { passwordResetMail } from "../mail/templates.js";
import { hashPassword } from "../passwords.js";
import { invalidFields, notFound } from "../problem.js";
import { checkPasswordPolicy, normalizeEmail } from "./developers.js";
import { assertUnderLimits, counterKey, countEvent, type RateLimit } from "./rate-counters.js";
import { revokeDeveloperSessions } from "./sessions.js";

type ResetRequest = z.output<typeof passwordResetRequestSchema>;
type ResetConfirm = z.output<typeof passwordResetConfirmSchema>;

export const RESET_TOKEN_PREFIX = "prt_";
const PER_EMAIL: RateLimit = { max: 5, windowSeconds: 3600 };
const PER_ADDRESS: RateLimit = { max: 30, windowSeconds: 3600 };

export const RESET_ACCEPTED_MESSAGE = "If an account exists for this email, a password reset link is on its way.";

export interface ResetContext {
  /** The server's public origin, for the default reset page. */
  publicOrigin: string;
  clientAddress: string;
}

/** The page a reset link opens: the caller's, if its origin is allowed, else the org's own. */
function resetPage(org: Org, requested: string | undefined, context: ResetContext): URL {
  const fallback = org.reset_url ?? `${context.publicOrigin}/portal/reset-password.html?org=${encodeURIComponent(org.slug)}`;
  if (requested === undefined) return new URL(fallback);
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    throw invalidFields({ resetUrl: "must be an absolute URL" });
  }
  const allowed = new Set([...org.allowed_origins, new URL(fallback).origin]);
  if ((url.protocol !== "https:" && url.protocol !== "http:") || !allowed.has(url.origin)) {
    // Never mail a link to a page the organisation did not allow: it would hand the token to whoever owns it.
    throw invalidFields({ resetUrl: "must be on an origin allowed for this organisation" });
  }
  return url;
}

/**
 * Mails a one-time reset link if the email belongs to an active developer. The caller answers the
 * same whether or not it does. Throttled per email and per client address.
 */
export async function requestPasswordReset(db: Kysely<Database>, org: Org, input: ResetRequest, context: ResetContext): Promise<boolean> {
  const page = resetPage(org, input.resetUrl, context);
  const emailNormalized = normalizeEmail(input.email);
  const limits = [
    { key: counterKey("reset-email", emailNormalized), limit: PER_EMAIL },
    { key: counterKey("reset-address", context.clientAddress), limit: PER_ADDRESS },
  ];
  await assertUnderLimits(db, org.id, limits, "Too many password reset requests. Try again later.");
  await countEvent(db, org.id, limits);

  const developer = await db
    .selectFrom("developers")
    .select(["id", "email", "name"])
    .where("org_id", "=", org.id)
    .where("email_normalized", "=", emailNormalized)
    .where("inactive", "=", false)
    .executeTakeFirst();
  if (!developer) return false;
  await issueResetMail(db, org, developer, page);
  return true;
}

/** An admin sends a developer the reset mail (admins never set or see passwords). */
export async function sendPasswordResetFor(db: Kysely<Database>, org: Org, developerId: string, context: ResetContext): Promise<void> {
  const developer = await db
    .selectFrom("developers")
    .select(["id", "email", "name"])
    .where("org_id", "=", org.id)
    .where("id", "=", developerId)
    .executeTakeFirst();
  if (!developer) throw notFound("Developer");
  await issueResetMail(db, org, developer, resetPage(org, undefined, context));
}

/** A new token voids the developer's older ones; the token and its mail are stored together. */
async function issueResetMail(db: Kysely<Database>, org: Org, developer: { id: string; email: string; name: string }, page: URL) {
  const { secret, hash } = newSecret(RESET_TOKEN_PREFIX);
  const link = new URL(page);
  link.searchParams.set("token", secret);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("password_reset_tokens").where("org_id", "=", org.id).where("developer_id", "=", developer.id).execute();
    await trx
      .insertInto("password_reset_tokens")
      .values({
        org_id: org.id,
        developer_id: developer.id,
        token_hash: hash,
        expires_at: new Date(Date.now() + org.reset_token_ttl_seconds * 1000),
      })
      .execute();
    await enqueueMail(trx, org.id, passwordResetMail(org, developer, link.toString()));
  });
}

/** Sets the new password if the token is live, uses the token up, and ends every session. */
export async function confirmPasswordReset(db: Kysely<Database>, org: Org, input: ResetConfirm): Promise<void> {
  const token = await db
    .selectFrom("password_reset_tokens")
    .select(["id", "developer_id", "expires_at", "used_at"])
    .where("org_id", "=", org.id)
    .where("token_hash", "=", hashSecret(input.token))
    .executeTakeFirst();
  if (!token) throw invalidFields({ token: "is not valid (a newer reset request replaces older links)" }, "The reset link is not valid.");
  if (token.used_at) throw invalidFields({ token: "has already been used" }, "The reset link has already been used.");
  if (token.expires_at.getTime() <= Date.now()) {
    throw invalidFields({ token: "has expired; request a new reset link" }, "The reset link has expired.");
  }
  checkPasswordPolicy(org, input.newPassword, "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    // Claiming the token in the same statement that checks it makes a racing second use fail.
    const claimed = await trx
      .updateTable("password_reset_tokens")
      .set({ used_at: new Date() })
      .where("org_id", "=", org.id)
      .where("id", "=", token.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) throw invalidFields({ token: "has already been used" }, "The reset link has already been used.");
    await trx
      .updateTable("developers")
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where("org_id", "=", org.id)
      .where("id", "=", token.developer_id)
      .execute();
    await revokeDeveloperSessions(trx, org.id, token.developer_id);
  });
}
