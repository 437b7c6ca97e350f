/**
 * A GET against the benchmarked server. Node's fetch (undici) keeps connections alive by
 * default, so sequential requests reuse one socket, as a backend client of the API would.
 */
export function httpGetter(baseUrl: string, headers: Record<string, string> = {}) {
  return async function get(path: string, expectedStatus = 200): Promise<string> {
    const response = await fetch(baseUrl + path, { headers });
    const body = await response.text();
    if (response.status !== expectedStatus) {
      throw new Error(`GET ${path} answered ${response.status} (expected ${expectedStatus}): ${body.slice(0, 300)}`);
    }
    return body;
  };
}

/** A JSON POST against the benchmarked server (same keep-alive client as `httpGetter`); returns the body text. */
export function httpPoster(baseUrl: string, headers: Record<string, string> = {}) {
  return async function post(
    path: string,
    body: unknown,
    expectedStatus = 200,
    extraHeaders: Record<string, string> = {},
  ): Promise<string> {
    const response = await fetch(baseUrl + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers, ...extraHeaders },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== expectedStatus) {
      throw new Error(`POST ${path} answered ${response.status} (expected ${expectedStatus}): ${text.slice(0, 300)}`);
    }
    return text;
  };
}
