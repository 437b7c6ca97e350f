import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.js";

const ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key";
const EXPOSED_HEADERS = "ETag, Location, Retry-After";

/**
 * CORS for organisation routes: only origins configured for the org get access (with credentials).
 * Must run after `loadOrg`.
 */
export function orgCors(): MiddlewareHandler<AppEnv> {
  return async function orgCors(c, next) {
    const origin = c.req.header("Origin");
    const allowed = origin !== undefined && (c.var.org?.allowed_origins.includes(origin) ?? false);
    if (c.req.method === "OPTIONS" && c.req.header("Access-Control-Request-Method")) {
      if (!allowed) return c.body(null, 403, { Vary: "Origin" });
      return c.body(null, 204, {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Credentials": "true",
        "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE",
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
      });
    }
    await next();
    c.header("Vary", "Origin", { append: true });
    if (allowed) {
      c.header("Access-Control-Allow-Origin", origin);
      c.header("Access-Control-Allow-Credentials", "true");
      c.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
  };
}
