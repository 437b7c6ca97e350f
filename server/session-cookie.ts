import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv, Org } from "./context.js";
import { SESSION_ABSOLUTE_MS } from "./services/sessions.js";

export const SESSION_COOKIE = "portico_session";

/** Over HTTPS (directly or as the public URL says) the cookie is Secure; SameSite=None needs it. */
function isSecure(c: Context<AppEnv>): boolean {
  return new URL(c.req.url).protocol === "https:" || (c.var.deps.config.publicUrl?.startsWith("https:") ?? false);
}

/** Scoped to the org's API path so that two organisations on one server never share a cookie. */
const cookiePath = (org: Org) => `/v1/orgs/${org.slug}`;

export function setSessionCookie(c: Context<AppEnv>, org: Org, token: string): void {
  const secure = isSecure(c);
  // Browsers drop SameSite=None cookies that are not Secure, so plain HTTP falls back to Lax.
  const sameSite = org.session_same_site === "None" && !secure ? "Lax" : org.session_same_site;
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure,
    sameSite,
    path: cookiePath(org),
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>, org: Org): void {
  deleteCookie(c, SESSION_COOKIE, { path: cookiePath(org), httpOnly: true, secure: isSecure(c) });
}

export function sessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}
