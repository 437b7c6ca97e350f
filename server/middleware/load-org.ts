import type { MiddlewareHandler } from "hono";
import type { AppEnv, Org } from "../context.js";

/**
 * Organisations change rarely and are read on every request, so each process keeps them for a few
 * seconds: settings changed through another process apply within that time, through this one at once.
 * Unknown slugs are not kept (an org created elsewhere must not answer 404).
 */
const CACHE_MS = 5_000;
const cache = new Map<string, { org: Org; until: number }>();

export function forgetOrg(slug: string): void {
  cache.delete(slug);
}

/** Loads the organisation named by `:org` (or `null`) for CORS and authorisation. */
export function loadOrg(): MiddlewareHandler<AppEnv> {
  return async function loadOrg(c, next) {
    const slug = c.req.param("org");
    c.set("org", slug ? await findOrg(c.var.deps.db, slug) : null);
    return next();
  };
}

async function findOrg(db: AppEnv["Variables"]["deps"]["db"], slug: string): Promise<Org | null> {
  const cached = cache.get(slug);
  if (cached && cached.until > Date.now()) return cached.org;
  const org = await db.selectFrom("orgs").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!org) return null;
  if (cache.size > 10_000) cache.clear();
  cache.set(slug, { org, until: Date.now() + CACHE_MS });
  return org;
}
