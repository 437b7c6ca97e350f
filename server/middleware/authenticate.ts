import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, Principal } from "../context.js";
import { hashSecret } from "../crypto.js";
import { ProblemError } from "../problem.js";
import { sessionCookie } from "../session-cookie.js";
import { ORG_API_KEY_PREFIX } from "../services/org-api-keys.js";
import { SESSION_TOKEN_PREFIX, findSession } from "../services/sessions.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Resolves `Authorization: Bearer …` (root secret, org API key or session token) or the session
 * cookie into a principal; authorisation happens per route.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const bearer = bearerToken(c.req.header("Authorization"));
    if (bearer !== null) {
      c.set("principal", (await principalForBearer(c, bearer)) ?? "rejected");
      return next();
    }
    const cookie = sessionCookie(c);
    if (cookie) {
      const principal = await principalForSession(c, cookie, "cookie");
      // A stale cookie is no credential at all: public routes keep working.
      c.set("principal", principal);
      if (principal && !SAFE_METHODS.has(c.req.method)) assertTrustedOrigin(c);
      return next();
    }
    c.set("principal", null);
    return next();
  };
}

async function principalForBearer(c: Context<AppEnv>, token: string): Promise<Principal | null> {
  const { db, config } = c.var.deps;
  if (config.rootSecret && sameSecret(token, config.rootSecret)) return { kind: "root" };
  if (token.startsWith(ORG_API_KEY_PREFIX)) {
    const key = await db
      .selectFrom("org_api_keys")
      .select(["org_id", "id", "scopes"])
      .where("key_hash", "=", hashSecret(token))
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return key ? { kind: "org-key", orgId: key.org_id, keyId: key.id, scopes: key.scopes } : null;
  }
  if (token.startsWith(SESSION_TOKEN_PREFIX)) return principalForSession(c, token, "bearer");
  return null;
}

async function principalForSession(c: Context<AppEnv>, token: string, via: "bearer" | "cookie"): Promise<Principal | null> {
  const session = await findSession(c.var.deps.db, token);
  if (!session) return null;
  return {
    kind: "session",
    role: session.developerId ? "developer" : "admin",
    orgId: session.orgId,
    sessionId: session.id,
    subjectId: (session.developerId ?? session.adminId)!,
    expiresAt: session.expiresAt,
    via,
  };
}

/**
 * CSRF defence for cookie sessions: a write must come from the server's own origin or one the
 * organisation allows. Bearer tokens need no such check (a page cannot make a browser send them).
 */
function assertTrustedOrigin(c: Context<AppEnv>): void {
  const origin = c.req.header("Origin");
  const own = [new URL(c.req.url).origin, c.var.deps.config.publicUrl && new URL(c.var.deps.config.publicUrl).origin];
  if (origin && (own.includes(origin) || c.var.org?.allowed_origins.includes(origin))) return;
  throw new ProblemError(403, "Cross-site request refused: the Origin is not allowed for this organisation.", {
    type: "csrf",
  });
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : "";
}

function sameSecret(a: string, b: string): boolean {
  // Compare digests so neither the length nor the content leaks through timing.
  return timingSafeEqual(Buffer.from(hashSecret(a), "hex"), Buffer.from(hashSecret(b), "hex"));
}
