import type { Context } from "hono";
import type { AppEnv, Org, Principal } from "./context.js";
import { forbidden, notFound, unauthorized } from "./problem.js";

export type OrgScope = "admin" | "usage:write";

type OrgPrincipal = Exclude<Principal, { kind: "root" }>;

/** The caller's principal within the org named in the path; another org's credential sees 404. */
function requireOrgPrincipal(c: Context<AppEnv>): { org: Org; principal: OrgPrincipal } {
  const principal = c.var.principal;
  if (principal === null || principal === "rejected") throw unauthorized();
  // The root secret creates organisations; it does not read their data.
  if (principal.kind === "root") throw forbidden("The root secret only manages organisations.");
  const org = c.var.org;
  if (!org || org.id !== principal.orgId) throw notFound("Organisation");
  return { org, principal };
}

/** The org, if the caller holds `scope`: an org API key with it, or (for `admin`) an admin's session. */
export function requireOrgScope(c: Context<AppEnv>, scope: OrgScope): Org {
  const { org, principal } = requireOrgPrincipal(c);
  const allowed =
    principal.kind === "org-key" ? principal.scopes.includes(scope) : scope === "admin" && principal.role === "admin";
  if (!allowed) throw forbidden(`This credential lacks the "${scope}" permission.`);
  return org;
}

/** The org and the logged-in developer, for `/me` routes. */
export function requireDeveloper(c: Context<AppEnv>): { org: Org; developerId: string; sessionId: string } {
  const { org, principal } = requireOrgPrincipal(c);
  if (principal.kind !== "session" || principal.role !== "developer") {
    throw forbidden("Only a logged-in developer has a profile here.");
  }
  return { org, developerId: principal.subjectId, sessionId: principal.sessionId };
}

/** Any session (developer or admin) in the org. */
export function requireSession(c: Context<AppEnv>): { org: Org; session: Extract<Principal, { kind: "session" }> } {
  const { org, principal } = requireOrgPrincipal(c);
  if (principal.kind !== "session") throw forbidden("This needs a login session.");
  return { org, session: principal };
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

/** Whether the caller may act as an admin of the org in the path (for routes that show admins more). */
export function isOrgAdmin(c: Context<AppEnv>): boolean {
  const principal = c.var.principal;
  if (principal === null || principal === "rejected" || principal.kind === "root") return false;
  if (!c.var.org || c.var.org.id !== principal.orgId) return false;
  return principal.kind === "org-key" ? principal.scopes.includes("admin") : principal.role === "admin";
}

/** How the audit log names the caller. */
export function actorOf(c: Context<AppEnv>): string {
  const principal = c.var.principal;
  if (principal === null || principal === "rejected") return "anonymous";
  if (principal.kind === "root") return "root";
  if (principal.kind === "org-key") return `org-key:${principal.keyId}`;
  return `${principal.role}:${principal.subjectId}`;
}

/** An admin (any subscription) or a developer (only their own: `ownerId` set). */
export function requireAdminOrOwner(c: Context<AppEnv>): { org: Org; ownerId: string | undefined } {
  const { org, principal } = requireOrgPrincipal(c);
  if (principal.kind === "session" && principal.role === "developer") return { org, ownerId: principal.subjectId };
  return { org: requireOrgScope(c, "admin"), ownerId: undefined };
}
