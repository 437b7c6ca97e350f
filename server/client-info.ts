import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { AppEnv } from "./context.js";
import type { ClientInfo } from "./services/accounts.js";

/** The caller's address (for throttling) and user agent (to label sessions). */
export function clientInfo(c: Context<AppEnv>): ClientInfo {
  const forwarded = c.var.deps.config.trustProxy ? c.req.header("X-Forwarded-For")?.split(",")[0]?.trim() : undefined;
  let address = forwarded;
  if (!address) {
    try {
      address = getConnInfo(c).remote.address;
    } catch {
      // Not served by @hono/node-server (e.g. app.request in a script): no socket to read.
    }
  }
  return { address: address ?? "unknown", userAgent: c.req.header("User-Agent") };
}
