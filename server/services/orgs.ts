import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { Org as OrgRow } from "../context.js";
import type { z } from "zod";
import type { Org, OrgCreated, PublicOrg, orgCreateSchema, orgUpdateSchema } from "../../sdk/schemas/orgs.js";

type OrgCreate = z.output<typeof orgCreateSchema>;
type OrgUpdate = z.output<typeof orgUpdateSchema>;
import { ProblemError } from "../problem.js";
import { isUniqueViolation } from "./db-errors.js";
import { issueOrgApiKey } from "./org-api-keys.js";

export function toOrg(row: OrgRow): Org {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    allowedOrigins: row.allowed_origins,
    passwordMinLength: row.password_min_length,
    signupFields: row.signup_fields,
    sessionSameSite: row.session_same_site,
    resetUrl: row.reset_url,
    resetTokenTtlSeconds: row.reset_token_ttl_seconds,
    resetMailSubject: row.reset_mail_subject,
    resetMailText: row.reset_mail_text,
    resetMailHtml: row.reset_mail_html,
    createdAt: row.created_at.toISOString(),
  };
}

export function toPublicOrg(row: OrgRow): PublicOrg {
  return { slug: row.slug, name: row.name, passwordMinLength: row.password_min_length, signupFields: row.signup_fields };
}

/** Creates the organisation and its first API key together: both or neither. */
export async function createOrg(db: Kysely<Database>, input: OrgCreate): Promise<OrgCreated> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("orgs")
        .values({
          slug: input.slug,
          name: input.name,
          allowed_origins: input.allowedOrigins ?? [],
          password_min_length: input.passwordMinLength,
          signup_fields: input.signupFields && JSON.stringify(input.signupFields),
          session_same_site: input.sessionSameSite,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const apiKey = await issueOrgApiKey(trx, row.id);
      return { org: toOrg(row), apiKey };
    });
  } catch (error) {
    if (isUniqueViolation(error, "slug")) {
      throw new ProblemError(409, "An organisation with this slug exists.", {
        type: "conflict",
        errors: { slug: "is taken" },
      });
    }
    throw error;
  }
}

export async function updateOrg(db: Kysely<Database>, orgId: string, patch: OrgUpdate): Promise<Org> {
  if (Object.values(patch).every((value) => value === undefined)) {
    return toOrg(await db.selectFrom("orgs").selectAll().where("id", "=", orgId).executeTakeFirstOrThrow());
  }
  const row = await db
    .updateTable("orgs")
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.allowedOrigins !== undefined && { allowed_origins: patch.allowedOrigins }),
      ...(patch.passwordMinLength !== undefined && { password_min_length: patch.passwordMinLength }),
      ...(patch.signupFields !== undefined && { signup_fields: JSON.stringify(patch.signupFields) }),
      ...(patch.sessionSameSite !== undefined && { session_same_site: patch.sessionSameSite }),
      ...(patch.resetUrl !== undefined && { reset_url: patch.resetUrl }),
      ...(patch.resetTokenTtlSeconds !== undefined && { reset_token_ttl_seconds: patch.resetTokenTtlSeconds }),
      ...(patch.resetMailSubject !== undefined && { reset_mail_subject: patch.resetMailSubject }),
      ...(patch.resetMailText !== undefined && { reset_mail_text: patch.resetMailText }),
      ...(patch.resetMailHtml !== undefined && { reset_mail_html: patch.resetMailHtml }),
    })
    .where("id", "=", orgId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrg(row);
}
