import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.js";
import { ProblemError } from "../problem.js";

/** A request that carries a body must say it is JSON; anything else is refused before parsing. */
export function requireJsonBody(): MiddlewareHandler<AppEnv> {
  return async function requireJsonBody(c, next) {
    const hasBody = Number(c.req.header("Content-Length") ?? 0) > 0 || c.req.header("Transfer-Encoding") !== undefined;
    if (hasBody && !["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
      const type = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (type !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
        throw new ProblemError(415, "The request body must be JSON (Content-Type: application/json).", {
          type: "unsupported-media-type",
        });
      }
    }
    return next();
  };
}
