import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.js";
import { invalidFields } from "../problem.js";
import { NO_NUL_MESSAGE } from "../../sdk/schemas/common.js";

/** The path (`a.b.0`) of the first string under `value` holding a NUL character, if any. */
function nulPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulPath(item, [...path, String(index)]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes("\u0000") ? [...path, key] : nulPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL text cannot hold NUL characters, so a query parameter or a JSON body with one anywhere
 * (value or key) is refused here, naming the field, for every route at once; no schema can forget
 * it. Usage batches are left to their per-record validation, which reports bad records by index.
 */
export function rejectNulCharacters(): MiddlewareHandler<AppEnv> {
  return async function rejectNulCharacters(c, next) {
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (name.includes("\u0000") || values.some((value) => value.includes("\u0000"))) throw invalidFields({ [name]: NO_NUL_MESSAGE });
    }
    const type = c.req.header("Content-Type") ?? "";
    if (["GET", "HEAD", "OPTIONS", "DELETE"].includes(c.req.method) || !type.includes("json")) return next();
    if (c.req.path.endsWith("/usage/records")) return next();
    const text = await c.req.text();
    // JSON writes NUL as an escape; a raw one would make the body malformed, which the validator reports.
    if (!/\\u0000/i.test(text)) return next();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return next();
    }
    const path = nulPath(body);
    if (path) throw invalidFields({ [path.join(".") || "body"]: NO_NUL_MESSAGE });
    return next();
  };
}
