/**
 * What the clients were told about their usage batches, to compare with what the database holds:
 * every batch carries its own Idempotency-Key; a 200 adds its `accepted` to the acknowledged sum,
 * anything else leaves the batch pending, to be sent again with the same key and the same body.
 */
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { KeepAliveClient, Outcome } from "./keepalive-client.js";
import { PORTAL_APIS, type Portal } from "./portal-fixture.js";

export interface UsageBatch {
  idempotencyKey: string;
  /** The JSON body, kept as sent: a retry must send the very same bytes. */
  body: string;
  records: number;
}

export interface BatchAnswer {
  outcome: Outcome;
  /** `accepted` when the answer was a 200 with the whole batch accepted. */
  accepted: number | null;
}

export class UsageLedger {
  readonly #run = randomBytes(4).toString("hex");
  #sequence = 0;
  /** Idempotency-Key → accepted, for every batch answered 200. */
  readonly acknowledged = new Map<string, number>();
  /** Batches sent and not (yet) answered 200. */
  readonly pending = new Map<string, UsageBatch>();
  /** Every batch ever made, by key. */
  readonly batches = new Map<string, UsageBatch>();

  constructor(readonly portal: Portal) {}

  /** A batch of `size` valid records over the portal's keys, stamped after the keys were issued. */
  makeBatch(size: number): UsageBatch {
    const now = Date.now();
    const since = Math.min(this.portal.keysIssuedAt, now);
    const records = Array.from({ length: size }, () => {
      const client = this.portal.clients[Math.floor(Math.random() * this.portal.clients.length)]!;
      const roll = Math.random();
      return {
        keyId: client.keyId,
        api: PORTAL_APIS[Math.floor(Math.random() * PORTAL_APIS.length)]!,
        timestamp: new Date(since + Math.random() * (now - since)).toISOString(),
        status: roll < 0.9 ? 200 : roll < 0.97 ? 404 : 503,
        latencyMs: Math.round(5 + Math.random() * 200),
      };
    });
    const batch = { idempotencyKey: `load-${this.#run}-${++this.#sequence}`, body: JSON.stringify({ records }), records: size };
    this.batches.set(batch.idempotencyKey, batch);
    return batch;
  }

  /** Sends (or resends) `batch` and books the answer. */
  async send(client: KeepAliveClient, batch: UsageBatch): Promise<BatchAnswer> {
    this.pending.set(batch.idempotencyKey, batch);
    const outcome = await client.request({
      method: "POST",
      path: `/v1/orgs/${this.portal.slug}/usage/records`,
      headers: { Authorization: `Bearer ${this.portal.adminKey}`, "Idempotency-Key": batch.idempotencyKey },
      body: batch.body,
    });
    let accepted: number | null = null;
    if (outcome.status === 200) {
      try {
        const result = JSON.parse(outcome.body) as { accepted: number; rejected: unknown[] };
        if (result.accepted === batch.records && result.rejected.length === 0) accepted = result.accepted;
      } catch {
        // Not JSON: left as unexpected.
      }
    }
    if (accepted !== null) {
      const earlier = this.acknowledged.get(batch.idempotencyKey);
      if (earlier !== undefined && earlier !== accepted)
        throw new Error(`batch ${batch.idempotencyKey} answered ${accepted}, earlier ${earlier}`);
      this.acknowledged.set(batch.idempotencyKey, accepted);
      this.pending.delete(batch.idempotencyKey);
    }
    return { outcome, accepted };
  }

  acknowledgedSum(): number {
    let sum = 0;
    for (const accepted of this.acknowledged.values()) sum += accepted;
    return sum;
  }

  pendingRecords(): number {
    let sum = 0;
    for (const batch of this.pending.values()) sum += batch.records;
    return sum;
  }

  /**
   * Sends every pending batch again (same key, same body) until each is answered 200 or
   * `deadlineMs` passes; returns how many went out and how many are still pending.
   */
  async retryPending(
    client: KeepAliveClient,
    deadlineMs = 60_000,
    concurrency = 8,
  ): Promise<{ resent: number; attempts: number; left: number }> {
    const deadline = performance.now() + deadlineMs;
    const resent = this.pending.size;
    let attempts = 0;
    while (this.pending.size > 0 && performance.now() < deadline) {
      const queue = [...this.pending.values()];
      await Promise.all(
        Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
          for (let batch = queue.shift(); batch; batch = queue.shift()) {
            attempts++;
            await this.send(client, batch);
          }
        }),
      );
      if (this.pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return { resent, attempts, left: this.pending.size };
  }
}

export interface StoredUsage {
  /** Sum of `requests` over the org's hourly rollups. */
  requests: number;
  /** Sum of the keys' quota counters. */
  quotaUsed: number;
  /** Stored ingestion answers (one per Idempotency-Key that committed). */
  idempotencyKeys: number;
}

export async function storedUsage(pool: pg.Pool, orgId: string): Promise<StoredUsage> {
  const { rows } = await pool.query<{ requests: string; quota_used: string; keys: string }>(
    `select (select coalesce(sum(requests), 0) from usage_rollups where org_id = $1) as requests,
            (select coalesce(sum(quota_used), 0) from api_keys where org_id = $1) as quota_used,
            (select count(*) from idempotency_keys where org_id = $1) as keys`,
    [orgId],
  );
  const row = rows[0]!;
  return { requests: Number(row.requests), quotaUsed: Number(row.quota_used), idempotencyKeys: Number(row.keys) };
}

/** Which of `keys` have a stored answer (their batch committed). */
export async function committedKeys(pool: pg.Pool, orgId: string, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await pool.query<{ key: string }>(`select key from idempotency_keys where org_id = $1 and key = any($2::text[])`, [
    orgId,
    [...keys],
  ]);
  return new Set(rows.map((row) => row.key));
}
