// Stories only: a PorticoClient whose fetch answers usage reports from a made-up but plausible
// traffic pattern (busier weekdays, an afternoon peak, a few errors, one incident). Tests never use
// this; they run against a real server.
import { PorticoClient } from "../sdk/client.js";
import type { UsageCounts, UsageReport } from "../sdk/schemas/usage.js";

export interface FakeUsageOptions {
  /** `loading` never answers; `error` answers 503; `quiet` reports no traffic at all. */
  mode?: "ready" | "loading" | "error" | "quiet";
  /** Milliseconds before each answer. */
  latency?: number;
  /** Requests on an ordinary weekday, all keys together. */
  dailyRequests?: number;
  /** Days ago of a bad day, when one request in eight failed with a 5xx. */
  incidentDaysAgo?: number;
}

const ORG = "acme";
const USAGE_ROUTE = new RegExp(`^/v1/orgs/${ORG}/(developers/[^/]+|me)/usage$`);
const HOUR = 3_600_000;

interface FakeKey {
  keyId: string;
  keyPrefix: string | null;
  policyName: string;
  status: string;
  /** This key's part of the traffic. */
  share: number;
}

export const FAKE_KEYS: FakeKey[] = [
  {
    keyId: "6f1c2b4e-0000-4000-8000-000000000001",
    keyPrefix: "pak_Zq81xT",
    policyName: "Gold",
    status: "active",
    share: 0.72,
  },
  {
    keyId: "6f1c2b4e-0000-4000-8000-000000000002",
    keyPrefix: "pak_M3k0aP",
    policyName: "Free trial",
    status: "active",
    share: 0.23,
  },
  {
    keyId: "6f1c2b4e-0000-4000-8000-000000000003",
    keyPrefix: "pak_p9Wd2e",
    policyName: "Gold",
    status: "revoked",
    share: 0.05,
  },
];

/** The same "random" numbers on every render, so stories and screenshots stay put. */
function noise(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

function json(status: number, body: unknown): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": type },
  });
}

function wait(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/** A time's wall-clock label in `timeZone`, as the server writes bucket labels. */
function label(time: number, timeZone: string, hourly: boolean): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(time)
      .map((part) => [part.type, part.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return hourly ? `${day}T${parts.hour}:00` : day;
}

function counts(requests: number, errors4xx: number, errors5xx: number, latency: number | null): UsageCounts {
  return {
    requests,
    success: requests - errors4xx - errors5xx,
    errors4xx,
    errors5xx,
    avgLatencyMs: requests ? latency : null,
  };
}

function add(a: UsageCounts, b: UsageCounts): UsageCounts {
  const requests = a.requests + b.requests;
  const latency = requests ? ((a.avgLatencyMs ?? 0) * a.requests + (b.avgLatencyMs ?? 0) * b.requests) / requests : null;
  return counts(requests, a.errors4xx + b.errors4xx, a.errors5xx + b.errors5xx, latency === null ? null : Math.round(latency * 10) / 10);
}

const ZERO = counts(0, 0, 0, null);

/** A report shaped like the server's, for `days` ending now in `timeZone`, for one key or all. */
export function fakeReport(query: { days: number; tz: string; keyId?: string }, options: FakeUsageOptions = {}): UsageReport {
  const hourly = query.days <= 2;
  const step = hourly ? HOUR : 24 * HOUR;
  const bucketCount = hourly ? query.days * 24 : query.days;
  const now = Date.now();
  const daily = options.mode === "quiet" ? 0 : (options.dailyRequests ?? 1800);
  const keys = query.keyId ? FAKE_KEYS.filter((key) => key.keyId === query.keyId) : FAKE_KEYS;
  const perKey = new Map(keys.map((key) => [key.keyId, ZERO]));

  const buckets = Array.from({ length: bucketCount }, (_, index) => {
    const ago = bucketCount - 1 - index;
    const time = now - ago * step;
    const date = new Date(time);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    // Office hours are busier; weekends see a third of the traffic.
    const hourShape = hourly ? 0.4 + Math.max(0, Math.sin(((date.getUTCHours() - 6) / 24) * 2 * Math.PI)) * 1.6 : 1;
    const expected = (daily / (hourly ? 24 : 1)) * hourShape * (weekend ? 0.35 : 1) * (0.8 + noise(index + bucketCount) * 0.4);
    const incident = !hourly && ago === options.incidentDaysAgo;
    let bucket = ZERO;
    for (const key of keys) {
      const requests = Math.round(expected * key.share);
      const errors4xx = Math.round(requests * (0.012 + noise(index * 7 + requests) * 0.02));
      const errors5xx = Math.round(requests * (incident ? 0.125 : noise(index * 3) * 0.006));
      const latency = Math.round((80 + noise(index * 5) * 60 + (incident ? 400 : 0)) * 10) / 10;
      const keyCounts = counts(requests, errors4xx, errors5xx, latency);
      perKey.set(key.keyId, add(perKey.get(key.keyId)!, keyCounts));
      bucket = add(bucket, keyCounts);
    }
    return {
      start: new Date(time).toISOString(),
      label: label(time, query.tz, hourly),
      ...bucket,
    };
  });

  return {
    from: buckets[0]!.start,
    to: new Date(now).toISOString(),
    resolution: hourly ? "hour" : "day",
    timeZone: query.tz,
    buckets,
    totals: buckets.reduce<UsageCounts>((sum, bucket) => add(sum, bucket), ZERO),
    keys: keys
      .map(({ share: _share, ...key }) => ({
        ...key,
        ...perKey.get(key.keyId)!,
      }))
      .filter((key) => key.requests > 0 || key.status === "active"),
  };
}

/** A client for the `acme` organisation that answers the two usage routes. */
export function fakeUsageClient(options: FakeUsageOptions = {}): PorticoClient {
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (options.mode === "loading") return new Promise<Response>(() => {});
    await wait(options.latency ?? 250, request.signal);
    if (options.mode === "error") {
      return json(503, {
        type: "about:blank",
        title: "Service Unavailable",
        status: 503,
        detail: "The server is busy; try again shortly.",
      });
    }
    const url = new URL(request.url);
    if (!USAGE_ROUTE.test(url.pathname)) {
      return json(404, {
        type: "about:blank",
        title: "Not Found",
        status: 404,
        detail: "No such route.",
      });
    }
    const query = {
      days: Number(url.searchParams.get("days") ?? 7),
      tz: url.searchParams.get("tz") ?? "UTC",
      keyId: url.searchParams.get("keyId") ?? undefined,
    };
    return json(200, fakeReport(query, options));
  };
  return new PorticoClient({
    baseUrl: "https://portal.acme.example",
    org: ORG,
    token: "story-session",
    fetch,
  });
}
