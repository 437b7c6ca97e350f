import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { newSecret } from "../crypto.js";

export const ORG_API_KEY_PREFIX = "pak_";
export const ORG_API_KEY_SCOPES = ["admin", "usage:write"] as const;

/** Issues an org API key and returns the raw secret, which is never stored or shown again. */
export async function issueOrgApiKey(db: Kysely<Database>, orgId: string, scopes: readonly string[] = ORG_API_KEY_SCOPES) {
  const { secret, hash, displayPrefix } = newSecret(ORG_API_KEY_PREFIX);
  await db
    .insertInto("org_api_keys")
    .values({ org_id: orgId, key_hash: hash, key_prefix: displayPrefix, scopes: [...scopes] })
    .execute();
  return secret;
}
