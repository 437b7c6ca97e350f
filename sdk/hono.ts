import type { MiddlewareHandler } from "hono";
import type { PorticoClient } from "./client.js";
import type { KeyVerification } from "./schemas/access.js";
import { UsageRecorder } from "./usage-recorder.js";

export interface PorticoUsageOptions {
  /** A client holding an org API key with the `usage:write` scope. */
  client: PorticoClient;
  /** The API name that usage is recorded under. */
  api: string;
  /** Where callers put their key; `Authorization: Bearer` is read too. Default `X-API-Key`. */
  header?: string;
  /** How long a verification is reused, so that not every call asks Portico. Default 5 s. */
  cacheMs?: number;
  recorder?: UsageRecorder;
}

export interface PorticoUsageVariables {
  porticoKey: KeyVerification;
}

const problem = (status: number, title: string, detail: string) =>
  new Response(JSON.stringify({ type: "about:blank", title, status, detail }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });

/**
 * Hono middleware for an API that Portico meters: refuses calls without a valid key (401) or
 * past the key's quota (429), and records every call's status and latency.
 */
export function porticoUsage(options: PorticoUsageOptions): MiddlewareHandler<{ Variables: PorticoUsageVariables }> {
  const header = options.header ?? "X-API-Key";
  const cacheMs = options.cacheMs ?? 5_000;
  const recorder = options.recorder ?? new UsageRecorder(options.client.usage);
  const cache = new Map<string, { verification: KeyVerification; until: number }>();

  async function verify(key: string): Promise<KeyVerification> {
    const cached = cache.get(key);
    if (cached && cached.until > Date.now()) return cached.verification;
    const verification = await options.client.keys.verify(key);
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { verification, until: Date.now() + cacheMs });
    return verification;
  }

  return async function porticoUsage(c, next) {
    const key = c.req.header(header) ?? /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
    if (!key) return problem(401, "Unauthorized", `Send your API key in the ${header} header.`);
    const verification = await verify(key);
    if (!verification.valid || !verification.keyId) return problem(401, "Unauthorized", "This API key is not valid.");
    if (verification.quota?.remaining === 0) {
      return problem(429, "Too Many Requests", `The key's quota is used up until ${verification.quota.renewsAt}.`);
    }
    c.set("porticoKey", verification);
    const started = performance.now();
    await next();
    recorder.add({
      keyId: verification.keyId,
      api: options.api,
      timestamp: new Date().toISOString(),
      status: c.res.status,
      latencyMs: Math.round(performance.now() - started),
    });
  };
}
