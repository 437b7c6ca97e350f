import { PorticoError } from "../errors.js";
import type { Http, RequestOptions } from "../http.js";
import type { UsageBatchResult, UsageQuery, UsageRecord, UsageReport } from "../schemas/usage.js";

export interface RecordOptions extends RequestOptions {
  /** Records per request (the server takes up to 5000). */
  batchSize?: number;
  /** Tries per batch on network errors, 429 and 5xx; every try reuses the batch's Idempotency-Key. */
  attempts?: number;
  /** First retry delay in ms; doubles per try. */
  retryDelayMs?: number;
}

const isRetryable = (error: unknown) =>
  error instanceof PorticoError && (error.status === 0 || error.status === 429 || error.status >= 500);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class UsageApi {
  constructor(
    private readonly http: Http,
    private readonly orgPath: string,
  ) {}

  /**
   * Sends usage records in batches, retrying each batch safely (it carries an Idempotency-Key,
   * so a batch the server already counted is not counted again). Rejected records are reported
   * with their index in `records`.
   */
  async record(records: UsageRecord[], options: RecordOptions = {}): Promise<UsageBatchResult> {
    const { batchSize = 1000, attempts = 4, retryDelayMs = 200, ...requestOptions } = options;
    const total: UsageBatchResult = { accepted: 0, rejected: [] };
    for (let offset = 0; offset < records.length; offset += batchSize) {
      const batch = records.slice(offset, offset + batchSize);
      const idempotencyKey = crypto.randomUUID();
      for (let attempt = 1; ; attempt++) {
        try {
          const { data } = await this.http.request<UsageBatchResult>("post", `${this.orgPath}/usage/records`, {
            ...requestOptions,
            json: { records: batch },
            headers: { "Idempotency-Key": idempotencyKey },
          });
          total.accepted += data.accepted;
          total.rejected.push(...data.rejected.map((rejection) => ({ ...rejection, index: rejection.index + offset })));
          break;
        } catch (error) {
          if (attempt >= attempts || !isRetryable(error)) throw error;
          await sleep(retryDelayMs * 2 ** (attempt - 1));
        }
      }
    }
    return total;
  }

  /** A developer's usage (admin): per day, or per hour for two days or less. */
  async forDeveloper(developerId: string, query: UsageQuery = {}, options?: RequestOptions): Promise<UsageReport> {
    const path = `${this.orgPath}/developers/${encodeURIComponent(developerId)}/usage`;
    return (await this.http.request<UsageReport>("get", path, { ...options, searchParams: { ...query } })).data;
  }

  /** The logged-in developer's own usage. */
  async mine(query: UsageQuery = {}, options?: RequestOptions): Promise<UsageReport> {
    return (await this.http.request<UsageReport>("get", `${this.orgPath}/me/usage`, { ...options, searchParams: { ...query } })).data;
  }
}
