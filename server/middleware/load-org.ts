import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.js";

/** Loads the organisation named by `:org` (or `null`) for CORS and authorisation. */
export function loadOrg(): MiddlewareHandler<AppEnv> {
  return async function loadOrg(c, next) {
    const slug = c.req.param("org");
    const org = slug
      ? await c.var.deps.db.selectFrom("orgs").selectAll().where("slug", "=", slug).executeTakeFirst()
      : undefined;
    c.set("org", org ?? null);
    return next();
  };
}
