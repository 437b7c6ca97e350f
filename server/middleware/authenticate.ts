import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.js";
import { hashSecret } from "../crypto.js";
import { ORG_API_KEY_PREFIX } from "../services/org-api-keys.js";

/** Resolves `Authorization: Bearer …` into a principal; authorisation happens per route. */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const token = bearerToken(c.req.header("Authorization"));
    if (token === null) {
      c.set("principal", null);
      return next();
    }
    const { db, config } = c.var.deps;
    if (config.rootSecret && sameSecret(token, config.rootSecret)) {
      c.set("principal", { kind: "root" });
      return next();
    }
    if (token.startsWith(ORG_API_KEY_PREFIX)) {
      const key = await db
        .selectFrom("org_api_keys")
        .select(["org_id", "id", "scopes"])
        .where("key_hash", "=", hashSecret(token))
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      if (key) {
        c.set("principal", { kind: "org-key", orgId: key.org_id, keyId: key.id, scopes: key.scopes });
        return next();
      }
    }
    c.set("principal", "rejected");
    return next();
  };
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
