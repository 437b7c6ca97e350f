import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import type { Problem } from "../sdk/schemas/problem.js";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** A request-time failure that the error handler writes as RFC 9457 problem details. */
export class ProblemError extends Error {
  readonly status: ContentfulStatusCode;
  readonly problem: Problem;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    detail: string,
    options: { type?: string; errors?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.status = status;
    this.headers = options.headers ?? {};
    this.problem = {
      type: options.type ? `urn:portico:problem:${options.type}` : "about:blank",
      title: TITLES[status] ?? "Error",
      status,
      detail,
      ...(options.errors ? { errors: options.errors } : {}),
    };
  }
}

export const unauthorized = () =>
  new ProblemError(401, "A valid credential is required.", {
    type: "unauthorized",
    headers: { "WWW-Authenticate": 'Bearer realm="portico"' },
  });

export const notFound = (what: string) => new ProblemError(404, `${what} not found.`, { type: "not-found" });

export const forbidden = (detail: string) => new ProblemError(403, detail, { type: "forbidden" });

export function invalidFields(errors: Record<string, string>, detail = "The request has invalid fields."): ProblemError {
  return new ProblemError(400, detail, { type: "validation", errors });
}

const TARGET_NAMES: Record<string, string> = { json: "request body", param: "path", query: "query string", header: "headers" };

/** Turns a zod failure into field → message, the field path joined with dots; unknown keys are named. */
export function zodProblem(error: ZodError, target: string): ProblemError {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) errors[[...issue.path, key].join(".")] ??= "is not a known field";
    } else {
      errors[issue.path.length ? issue.path.join(".") : target] ??= issue.message;
    }
  }
  return invalidFields(errors, `The ${TARGET_NAMES[target] ?? target} has invalid fields.`);
}

export function problemResponse(c: Context, error: ProblemError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.body(JSON.stringify({ ...error.problem, instance: c.req.path }), error.status, {
    "Content-Type": "application/problem+json",
  });
}

const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006"]);

/** The database went away (restart, network): the request may be retried shortly. */
function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return (
    (code !== undefined && UNAVAILABLE_CODES.has(code)) ||
    /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error/.test(error.message)
  );
}

/** Maps framework errors (malformed JSON, oversized bodies) and database outages to problems; anything else is a 500. */
export function toProblem(error: unknown): ProblemError | null {
  if (error instanceof ProblemError) return error;
  if (isDatabaseUnavailable(error)) {
    return new ProblemError(503, "The database is busy or unreachable. Try again shortly.", {
      type: "unavailable",
      headers: { "Retry-After": "5" },
    });
  }
  if (error instanceof HTTPException && error.status < 500) {
    return new ProblemError(error.status as ContentfulStatusCode, error.message || "The request was not understood.", {
      type: error.status === 400 ? "malformed-request" : undefined,
    });
  }
  return null;
}
