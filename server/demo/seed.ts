import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { createOrg } from "../services/orgs.js";
import { createDeveloper } from "../services/developers.js";
import { developerCreateSchema } from "../../sdk/schemas/developers.js";

export const DEMO_ORG_SLUG = "demo";

const DEMO_DEVELOPERS = [
  { email: "ada@example.com", name: "Ada Lovelace", telephone: "+44 20 7946 0000", country: "GB", fields: { company: "Analytical Engines" } },
  { email: "grace@example.com", name: "Grace Hopper", telephone: "+1 202 555 0100", country: "US", fields: { company: "Navy Labs" } },
  { email: "linus@example.com", name: "Linus Torvalds", country: "FI", fields: { company: "Kernel Org" } },
  { email: "margaret@example.com", name: "Margaret Hamilton", country: "US", fields: {} },
  { email: "tim@example.com", name: "Tim Berners-Lee", country: "GB", fields: { company: "W3" }, inactive: true },
];

/**
 * Creates the demo organisation with a few developers if it does not exist.
 * Returns its API key when it was just created (the key is not stored in clear anywhere).
 */
export async function seedDemo(db: Kysely<Database>, allowedOrigins: string[]): Promise<string | null> {
  const existing = await db.selectFrom("orgs").select("id").where("slug", "=", DEMO_ORG_SLUG).executeTakeFirst();
  if (existing) return null;
  const { org, apiKey } = await createOrg(db, { slug: DEMO_ORG_SLUG, name: "Demo APIs", allowedOrigins });
  const orgRow = await db.selectFrom("orgs").selectAll().where("id", "=", org.id).executeTakeFirstOrThrow();
  for (const developer of DEMO_DEVELOPERS) {
    await createDeveloper(db, orgRow, developerCreateSchema.parse({ ...developer, password: "demo-password" }));
  }
  return apiKey;
}
