import assert from "node:assert/strict";
import http from "node:http";
import type { TestServer } from "../support/server.js";

/** A response read whole, so a test can look at the raw text as well as the parsed body. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or `undefined` when the body is not JSON. */
  body: any;
}

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <key>`; omit for no credential. */
  key?: string;
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** A raw body (set the content type yourself through `headers`). */
  body?: string;
  headers?: Record<string, string>;
}

/**
 * One HTTP request to the test server with plain `fetch`, bypassing the SDK so a test controls
 * every header and byte. Every response is checked for leaks (stack traces, password hashes)
 * and for 5xx statuses, which no client input may provoke.
 */
export async function request(server: TestServer, method: string, path: string, options: RequestOptions = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers.Authorization = `Bearer ${options.key}`;
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["Content-Type"] ??= "application/json";
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const result = { status: response.status, headers: response.headers, text, body: parsed };
  assertNoLeak(result, `${method} ${path}`);
  return result;
}

/** Stack frames, hash material or internal paths must never reach a client. */
export function assertNoLeak(response: Pick<RawResponse, "status" | "text">, what = "response"): void {
  assert.ok(response.status < 500, `${what} answered ${response.status}: ${response.text.slice(0, 300)}`);
  // A hash column would show up as `"password_hash": "$argon2…"` (or null); an error naming a
  // refused field of that name is fine.
  const leaks = [/"(password|key|token)_?hash"\s*:\s*("[$0-9a-f]|null)/i, /\$argon2/, /\n\s+at [^\n]+:\d+:\d+/, /node_modules/, /\.ts:\d+/];
  for (const needle of leaks) {
    assert.doesNotMatch(response.text, needle, `${what} leaks ${needle}: ${response.text.slice(0, 300)}`);
  }
}

/**
 * An RFC 9457 problem with this status. With `fields`, the `errors` map must name each of them
 * (and carry a non-empty message for it).
 */
export function assertProblem(response: RawResponse, status: number, fields: string[] = []): void {
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${response.text.slice(0, 300)}`);
  assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
  const problem = response.body;
  assert.equal(typeof problem, "object");
  assert.equal(problem.status, status);
  assert.equal(typeof problem.title, "string");
  assert.ok(problem.title.length > 0);
  assert.equal(typeof problem.type, "string");
  for (const field of fields) {
    assert.equal(typeof problem.errors?.[field], "string", `errors should name "${field}": ${response.text}`);
    assert.ok(problem.errors[field].length > 0);
  }
}

/**
 * Sends only the request head of a POST whose Content-Length declares `declaredBytes`, and
 * resolves with the answer the server gives before any body arrives. This tests the size limit
 * without racing a large upload against the server closing the connection.
 */
export function postHeadOnly(server: TestServer, path: string, declaredBytes: number, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, {
      method: "POST",
      headers: { ...headers, "Content-Length": String(declaredBytes), Connection: "close" },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (typeof value === "string") responseHeaders.set(name, value);
        }
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, text, body: JSON.parse(text) });
      });
    });
    req.on("error", reject);
    req.flushHeaders();
  });
}
