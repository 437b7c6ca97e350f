/**
 * A small HTTP/1.1 client for load drivers: node:http with a keep-alive agent (one socket per
 * concurrent request, reused), a deadline per request, and an outcome instead of an exception so
 * a driver can count failures (status 0 = the server was not reached or did not answer).
 */
import http from "node:http";

export interface Outcome {
  /** HTTP status, or 0 for a network failure or a timeout (see `error`). */
  status: number;
  body: string;
  /** performance.now() when the request was sent and when its answer (or failure) arrived. */
  started: number;
  ended: number;
  ms: number;
  /** ECONNREFUSED, ECONNRESET, timeout, … when status is 0. */
  error?: string;
  /** The response's Connection header ("keep-alive", "close"), when there was a response. */
  connection?: string;
}

export interface RequestSpec {
  method: "GET" | "POST" | "DELETE" | "PATCH" | "PUT";
  path: string;
  headers?: Record<string, string>;
  /** JSON text (sent with Content-Type: application/json). */
  body?: string;
}

export class KeepAliveClient {
  readonly #agent: http.Agent;
  readonly #host: string;
  readonly #port: number;
  readonly #timeoutMs: number;

  constructor(baseUrl: string, options: { timeoutMs?: number; maxSockets?: number } = {}) {
    const url = new URL(baseUrl);
    if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") throw new Error(`load goes to 127.0.0.1 only, not ${url.hostname}`);
    this.#host = url.hostname;
    this.#port = Number(url.port);
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    // FIFO hands out the longest-idle socket first, so no socket idles past the server's keep-alive timeout.
    this.#agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? Infinity, scheduling: "fifo" });
  }

  request(spec: RequestSpec): Promise<Outcome> {
    const started = performance.now();
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      let connection: string | undefined;
      const finish = (status: number, body: string, error?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const ended = performance.now();
        resolve({ status, body, started, ended, ms: ended - started, ...(error ? { error } : {}), ...(connection ? { connection } : {}) });
      };
      const headers: Record<string, string> = { ...spec.headers };
      if (spec.body !== undefined) {
        headers["Content-Type"] ??= "application/json";
        headers["Content-Length"] = String(Buffer.byteLength(spec.body));
      }
      const request = http.request(
        { host: this.#host, port: this.#port, method: spec.method, path: spec.path, headers, agent: this.#agent },
        (response) => {
          connection = response.headers.connection;
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => finish(response.statusCode ?? 0, Buffer.concat(chunks).toString("utf8")));
          response.on("error", (error: NodeJS.ErrnoException) => finish(0, "", error.code ?? error.message));
          response.on("aborted", () => finish(0, "", "aborted"));
        },
      );
      const timer = setTimeout(() => {
        finish(0, "", "timeout");
        request.destroy();
      }, this.#timeoutMs);
      request.on("error", (error: NodeJS.ErrnoException) => finish(0, "", error.code ?? error.message));
      request.end(spec.body);
    });
  }

  /** Closes every socket (kept-alive ones included). */
  close(): void {
    this.#agent.destroy();
  }
}
