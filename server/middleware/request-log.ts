import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.js";
import type { Logger } from "../logger.js";

/** One structured line per request: no headers, no query string, no body (they may hold secrets). */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const started = performance.now();
    await next();
    logger.info({
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
