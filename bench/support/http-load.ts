/**
 * An HTTP load generator on a worker thread: its `fetch` calls (undici, keep-alive, one socket per
 * concurrent request) run on their own event loop, so requests per second measure the server's loop,
 * not the server and the client taking turns on one thread. The server under test stays in the main
 * thread, as `startBenchServer` runs it.
 */
import { Worker } from "node:worker_threads";
import type { LoadResult } from "./load.js";

export interface HttpLoadRequest {
  method: "GET" | "POST";
  path: string;
  /** Already serialised (JSON), so the worker does no encoding work per request. */
  body?: string;
  headers?: Record<string, string>;
  expectedStatus: number;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const baseUrl = workerData.baseUrl;
let requests = [];
parentPort.on("message", async (message) => {
  if (message.type === "requests") { requests = message.requests; parentPort.postMessage({ type: "ok" }); return; }
  if (message.type !== "run") return;
  const { concurrency, durationMs, count, offset } = message;
  const latencies = [];
  const started = performance.now();
  const deadline = durationMs == null ? Infinity : started + durationMs;
  const limit = count == null ? Infinity : count;
  let next = 0;
  let failure = null;
  const worker = async () => {
    while (failure === null && next < limit && performance.now() < deadline) {
      const request = requests[(offset + next++) % requests.length];
      const begun = performance.now();
      try {
        const response = await fetch(baseUrl + request.path, { method: request.method, headers: request.headers, body: request.body });
        const text = await response.text();
        if (response.status !== request.expectedStatus) {
          failure = request.method + " " + request.path + " answered " + response.status + " (expected " + request.expectedStatus + "): " + text.slice(0, 300);
        }
      } catch (error) {
        failure = String(error);
      }
      latencies.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const elapsedMs = performance.now() - started;
  parentPort.postMessage({ type: "result", failure, result: { operations: latencies.length, elapsedMs, perSecond: latencies.length * 1000 / elapsedMs, latencies } });
});
`;

export class HttpLoadClient {
  readonly #worker: Worker;

  constructor(baseUrl: string) {
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { baseUrl } });
    this.#worker.unref();
  }

  #ask(message: unknown): Promise<{ type: string; failure?: string | null; result?: LoadResult }> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: { type: string }) => {
        this.#worker.off("error", onError);
        resolve(reply);
      };
      const onError = (error: Error) => {
        this.#worker.off("message", onMessage);
        reject(error);
      };
      this.#worker.once("message", onMessage);
      this.#worker.once("error", onError);
      this.#worker.postMessage(message);
    });
  }

  /** The requests later runs cycle through (sent to the worker once). */
  async setRequests(requests: readonly HttpLoadRequest[]): Promise<void> {
    await this.#ask({ type: "requests", requests });
  }

  /** A closed loop of `concurrency` clients for a time or a count; fails on any unexpected status. */
  async run(options: { concurrency: number; durationMs?: number; count?: number; offset?: number }): Promise<LoadResult> {
    const reply = await this.#ask({ type: "run", offset: 0, ...options });
    if (reply.failure) throw new Error(reply.failure);
    return reply.result!;
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}
