import type { UsageApi } from "./apis/usage.js";
import type { UsageRecord } from "./schemas/usage.js";

export interface UsageRecorderOptions {
  /** Send as soon as this many records wait. */
  maxBatch?: number;
  /** Otherwise send what waits this often. */
  flushIntervalMs?: number;
  /** Called with a batch that could not be sent after the client's retries. */
  onError?: (error: unknown, records: UsageRecord[]) => void;
}

/** Buffers usage records from a busy API and sends them in batches, off the request path. */
export class UsageRecorder {
  readonly #usage: UsageApi;
  readonly #maxBatch: number;
  readonly #flushIntervalMs: number;
  readonly #onError: (error: unknown, records: UsageRecord[]) => void;
  #buffer: UsageRecord[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #sending: Promise<void> = Promise.resolve();

  constructor(usage: UsageApi, options: UsageRecorderOptions = {}) {
    this.#usage = usage;
    this.#maxBatch = options.maxBatch ?? 1000;
    this.#flushIntervalMs = options.flushIntervalMs ?? 2000;
    this.#onError = options.onError ?? ((error) => console.error("portico: usage records were not sent", error));
  }

  add(record: UsageRecord): void {
    this.#buffer.push(record);
    if (this.#buffer.length >= this.#maxBatch) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#flushIntervalMs);
  }

  /** Sends everything buffered so far; resolves when it (and any earlier send) is done. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const records = this.#buffer;
    this.#buffer = [];
    if (records.length > 0) {
      this.#sending = this.#sending.then(() =>
        this.#usage.record(records).then(
          () => undefined,
          (error: unknown) => this.#onError(error, records),
        ),
      );
    }
    return this.#sending;
  }
}
