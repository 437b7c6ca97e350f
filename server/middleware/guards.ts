import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context.js";
import { requireAdminOrOwner, requireDeveloper, requireOrgScope, requireRoot, requireSession } from "../authorize.js";

/**
 * Route middleware that checks who may call a route before its input is validated, so a caller
 * without the right credential learns nothing from validation errors (401/403/404 come first).
 * Handlers call the same `require*` functions again to get the typed org and caller.
 */
export const guard = {
  root: createMiddleware<AppEnv>(async (c, next) => {
    requireRoot(c);
    await next();
  }),
  admin: createMiddleware<AppEnv>(async (c, next) => {
    requireOrgScope(c, "admin");
    await next();
  }),
  usageWrite: createMiddleware<AppEnv>(async (c, next) => {
    requireOrgScope(c, "usage:write");
    await next();
  }),
  developer: createMiddleware<AppEnv>(async (c, next) => {
    requireDeveloper(c);
    await next();
  }),
  session: createMiddleware<AppEnv>(async (c, next) => {
    requireSession(c);
    await next();
  }),
  adminOrOwner: createMiddleware<AppEnv>(async (c, next) => {
    requireAdminOrOwner(c);
    await next();
  }),
};
