import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { Org as OrgRow } from "../context.js";
import type { Org, OrgCreate, OrgCreated, PublicOrg } from "../../sdk/schemas/orgs.js";
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
    createdAt: row.created_at.toISOString(),
  };
}

export function toPublicOrg(row: OrgRow): PublicOrg {
  return { slug: row.slug, name: row.name, passwordMinLength: row.password_min_length };
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
