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
