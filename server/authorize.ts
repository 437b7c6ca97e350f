import type { Context } from "hono";
import type { AppEnv, Org } from "./context.js";
import { forbidden, notFound, unauthorized } from "./problem.js";

export type OrgScope = "admin" | "usage:write";

/** The org named in the path, if the caller holds `scope` in it; another org's credential sees 404. */
export function requireOrgScope(c: Context<AppEnv>, scope: OrgScope): Org {
  const principal = c.var.principal;
  if (principal === null || principal === "rejected") throw unauthorized();
  const org = c.var.org;
  if (principal.kind === "root") {
    // The root secret creates organisations; it does not read their data.
    throw forbidden("The root secret only manages organisations.");
  }
  if (!org || org.id !== principal.orgId) throw notFound("Organisation");
  if (!principal.scopes.includes(scope)) throw forbidden(`This credential lacks the "${scope}" scope.`);
  return org;
}

export function requireRoot(c: Context<AppEnv>): void {
  const principal = c.var.principal;
  if (principal === null || principal === "rejected") throw unauthorized();
  if (principal.kind !== "root") throw forbidden("Only the root secret may do this.");
}

/** The org named in the path, for routes anyone may call. */
export function requireOrg(c: Context<AppEnv>): Org {
  if (!c.var.org) throw notFound("Organisation");
  return c.var.org;
}
