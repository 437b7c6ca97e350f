/**
 * The portal's mixed workload as a closed loop of N clients: each picks an operation by weight,
 * sends it, checks the answer (status and the bit of body that matters), and goes again.
 */
import { randomBytes } from "node:crypto";
import type { KeepAliveClient, Outcome } from "./keepalive-client.js";
import { PORTAL_PASSWORD, type Portal } from "./portal-fixture.js";
import type { RouteStats } from "./route-stats.js";
import type { UsageLedger } from "./usage-ledger.js";

export const OPERATIONS = ["dashboard", "search", "verify", "ingest", "login"] as const;
export type Operation = (typeof OPERATIONS)[number];
export type Mix = Record<Operation, number>;

export const ROUTE_NAMES: Record<Operation, string> = {
  dashboard: "GET /me/usage?days=7 (session)",
  search: "GET /developers?email|q (admin key)",
  verify: "POST /keys/verify",
  ingest: "POST /usage/records (batch)",
  login: "POST /sessions (argon2id)",
};

/** "dashboard=30,search=15,…" → weights; unnamed operations get 0. */
export function parseMix(text: string): Mix {
  const mix = Object.fromEntries(OPERATIONS.map((operation) => [operation, 0])) as Mix;
  for (const part of text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [name, weight] = part.split("=");
    if (!OPERATIONS.includes(name as Operation) || !Number.isFinite(Number(weight)))
      throw new Error(`bad mix entry "${part}" (operations: ${OPERATIONS.join(", ")})`);
    mix[name as Operation] = Number(weight);
  }
  return mix;
}

export const describeMix = (mix: Mix) =>
  OPERATIONS.filter((operation) => mix[operation] > 0)
    .map((operation) => `${operation} ${mix[operation]}`)
    .join(", ");

export interface WorkloadOptions {
  client: KeepAliveClient;
  portal: Portal;
  ledger: UsageLedger;
  stats: RouteStats;
  concurrency: number;
  durationMs: number;
  mix: Mix;
  batchSize: number;
  /** A client pauses this long after a failed request, as one honouring Retry-After would (shortened). */
  failurePauseMs?: number;
  /** Checked before each request: true ends the run early. */
  shouldStop?: () => boolean;
  /** Called with every answer, for drills that watch the timeline. */
  onOutcome?: (operation: Operation, outcome: Outcome, ok: boolean) => void;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

export async function runMixedWorkload(options: WorkloadOptions): Promise<{ started: number; elapsedMs: number }> {
  const { client, portal, ledger, stats, mix } = options;
  const operations = OPERATIONS.filter((operation) => mix[operation] > 0);
  const total = operations.reduce((sum, operation) => sum + mix[operation], 0);
  const choose = (): Operation => {
    let roll = Math.random() * total;
    for (const operation of operations) if ((roll -= mix[operation]) < 0) return operation;
    return operations.at(-1)!;
  };
  const admin = { Authorization: `Bearer ${portal.adminKey}` };
  const localParts = portal.emails.map((email) => email.toLowerCase().split("@")[0]!);

  async function once(operation: Operation, clientIndex: number): Promise<boolean> {
    const me = portal.clients[clientIndex % portal.clients.length]!;
    let outcome: Outcome;
    let ok: boolean;
    switch (operation) {
      case "dashboard": {
        outcome = await client.request({
          method: "GET",
          path: `/v1/orgs/${portal.slug}/me/usage?days=7`,
          headers: { Authorization: `Bearer ${me.token}` },
        });
        ok = outcome.status === 200 && outcome.body.includes('"totals"');
        break;
      }
      case "search": {
        const local = pick(localParts);
        const query =
          Math.random() < 0.75
            ? `email=${encodeURIComponent(local.slice(0, 2 + Math.floor(Math.random() * 4)))}`
            : `q=${encodeURIComponent(local.slice(1, 4 + Math.floor(Math.random() * 3)))}`;
        outcome = await client.request({ method: "GET", path: `/v1/orgs/${portal.slug}/developers?${query}&limit=25`, headers: admin });
        ok = outcome.status === 200 && outcome.body.includes('"items"');
        break;
      }
      case "verify": {
        const known = Math.random() < 0.9;
        const key = known ? pick(portal.clients).key : `pdk_${randomBytes(32).toString("base64url")}`;
        outcome = await client.request({
          method: "POST",
          path: `/v1/orgs/${portal.slug}/keys/verify`,
          headers: admin,
          body: JSON.stringify({ key }),
        });
        ok = outcome.status === 200 && outcome.body.includes(known ? '"valid":true' : '"valid":false');
        break;
      }
      case "ingest": {
        const answer = await ledger.send(client, ledger.makeBatch(options.batchSize));
        outcome = answer.outcome;
        ok = answer.accepted !== null;
        break;
      }
      case "login": {
        const email = pick(portal.emails);
        outcome = await client.request({
          method: "POST",
          path: `/v1/orgs/${portal.slug}/sessions`,
          body: JSON.stringify({ email, password: PORTAL_PASSWORD }),
        });
        ok = outcome.status === 201 && outcome.body.includes('"token"');
        break;
      }
    }
    stats.add(ROUTE_NAMES[operation], outcome, ok);
    options.onOutcome?.(operation, outcome, ok);
    return ok;
  }

  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, index) => {
      while (performance.now() < deadline && !options.shouldStop?.()) {
        const ok = await once(choose(), index);
        if (!ok && options.failurePauseMs) await new Promise((resolve) => setTimeout(resolve, options.failurePauseMs));
      }
    }),
  );
  return { started, elapsedMs: performance.now() - started };
}
