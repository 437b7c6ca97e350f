import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, DevelopersTable } from "../db/schema.js";
import type { Org } from "../context.js";
import type { Developer, DeveloperPage } from "../../sdk/schemas/developers.js";
import type { z } from "zod";
import type { developerCreateSchema, developerListQuerySchema, developerUpdateSchema } from "../../sdk/schemas/developers.js";
import { sha256Hex } from "../crypto.js";
import { hashPassword } from "../passwords.js";
import { ProblemError, invalidFields, notFound } from "../problem.js";
import { isUniqueViolation } from "./db-errors.js";

type DeveloperRow = Selectable<DevelopersTable>;
type CreateInput = z.output<typeof developerCreateSchema>;
type UpdateInput = z.output<typeof developerUpdateSchema>;
type ListQuery = z.output<typeof developerListQuerySchema>;

/** Every column but the password hash, which never leaves the service. */
const PUBLIC_COLUMNS = [
  "id",
  "email",
  "email_normalized",
  "name",
  "telephone",
  "country",
  "fields",
  "inactive",
  "version",
  "created_at",
  "updated_at",
] as const;
type PublicRow = Pick<DeveloperRow, (typeof PUBLIC_COLUMNS)[number]>;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Gravatar keys avatars by the SHA-256 of the trimmed, lower-cased email; d=404 lets clients fall back. */
export function gravatarUrl(email: string): string {
  return `https://www.gravatar.com/avatar/${sha256Hex(normalizeEmail(email))}?d=404&s=160`;
}

export function toDeveloper(row: PublicRow): Developer {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    telephone: row.telephone,
    country: row.country,
    fields: row.fields,
    inactive: row.inactive,
    avatarUrl: gravatarUrl(row.email),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const emailTaken = () =>
  new ProblemError(409, "A developer with this email exists in this organisation.", {
    type: "conflict",
    errors: { email: "is already registered" },
  });

/** `\`, `%` and `_` are LIKE metacharacters; escape them so a search matches them literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Opaque keyset cursor: the normalized email of the last row on the page. */
function encodeCursor(emailNormalized: string): string {
  return Buffer.from(emailNormalized, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  // The server only issues cursors for stored emails, which never hold NUL (PostgreSQL cannot).
  if (!decoded || decoded.includes("\u0000") || encodeCursor(decoded) !== cursor) {
    throw invalidFields({ cursor: "is not a cursor this server issued" });
  }
  return decoded;
}

/** Developers in email order, one page after `cursor`; `email` is a case-insensitive prefix. */
export async function listDevelopers(db: Kysely<Database>, orgId: string, query: ListQuery): Promise<DeveloperPage> {
  let select = db.selectFrom("developers").select(PUBLIC_COLUMNS).where("org_id", "=", orgId);
  if (query.email) select = select.where("email_normalized", "like", `${escapeLike(query.email)}%`);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    select = select.where((eb) =>
      eb.or([eb("name", "ilike", pattern), eb("email_normalized", "like", pattern.toLowerCase())]),
    );
  }
  if (query.cursor) select = select.where("email_normalized", ">", decodeCursor(query.cursor));
  const rows = await select
    .orderBy("email_normalized")
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(toDeveloper),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.email_normalized) : null,
  };
}

export async function getDeveloper(db: Kysely<Database>, orgId: string, id: string): Promise<Developer> {
  const row = await db
    .selectFrom("developers")
    .select(PUBLIC_COLUMNS)
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("Developer");
  return toDeveloper(row);
}

export function checkPasswordPolicy(org: Org, password: string, field = "password"): void {
  if (password.length < org.password_min_length) {
    throw invalidFields({ [field]: `must be at least ${org.password_min_length} characters` });
  }
}

export async function createDeveloper(db: Kysely<Database>, org: Org, input: CreateInput): Promise<Developer> {
  if (input.password !== undefined) checkPasswordPolicy(org, input.password);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  try {
    const row = await db
      .insertInto("developers")
      .values({
        org_id: org.id,
        email: input.email,
        email_normalized: normalizeEmail(input.email),
        name: input.name,
        telephone: input.telephone || null,
        country: input.country ?? null,
        fields: JSON.stringify(input.fields ?? {}),
        inactive: input.inactive ?? false,
        password_hash: passwordHash,
      })
      .returning(PUBLIC_COLUMNS)
      .executeTakeFirstOrThrow();
    return toDeveloper(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/**
 * Applies an admin's edit in one statement. With `expectedVersion` the write happens only if
 * nobody changed the developer since it was read (412 otherwise), so no edit is silently lost.
 */
export async function updateDeveloper(
  db: Kysely<Database>,
  orgId: string,
  id: string,
  patch: UpdateInput,
  expectedVersion: number | null,
): Promise<Developer> {
  try {
    let update = db
      .updateTable("developers")
      .set({
        ...(patch.email !== undefined && { email: patch.email, email_normalized: normalizeEmail(patch.email) }),
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.telephone !== undefined && { telephone: patch.telephone || null }),
        ...(patch.country !== undefined && { country: patch.country }),
        ...(patch.fields !== undefined && { fields: JSON.stringify(patch.fields) }),
        ...(patch.inactive !== undefined && { inactive: patch.inactive }),
        version: sql<number>`version + 1`,
        updated_at: sql<Date>`now()`,
      })
      .where("org_id", "=", orgId)
      .where("id", "=", id);
    if (expectedVersion !== null) update = update.where("version", "=", expectedVersion);
    const row = await update.returning(PUBLIC_COLUMNS).executeTakeFirst();
    if (row) return toDeveloper(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  // Nothing updated: either the developer is gone or someone else changed it first.
  const current = await getDeveloper(db, orgId, id);
  throw new ProblemError(412, `The developer was changed by someone else (now version ${current.version}). Reload and retry.`, {
    type: "stale-write",
  });
}

export async function deleteDeveloper(db: Kysely<Database>, orgId: string, id: string): Promise<void> {
  const result = await db.deleteFrom("developers").where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound("Developer");
}
