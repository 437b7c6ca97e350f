// Stories only: a PorticoClient whose fetch answers the policies, catalogue and subscriptions routes
// from memory, so every state of <subscription-table> and <api-catalogue> shows without a server.
// Tests never use this; they run against a real server.
import { PorticoClient } from "../sdk/client.js";
import type { CatalogueEntry, Policy, Subscription } from "../sdk/schemas/access.js";
import type { FakeMode } from "./fake-portico.js";

export interface FakeAccessOptions {
  policies?: Policy[];
  catalogue?: CatalogueEntry[];
  subscriptions?: Subscription[];
  /** `loading` never answers; `error` answers every request with 503. */
  mode?: FakeMode;
  /** Milliseconds before each answer. */
  latency?: number;
  /** A session token, as a logged-in page holds (api-catalogue shows Subscribe only with one). */
  token?: string | null;
}

const ORG = "acme";
export const STORY_DEVELOPER_ID = "00000000-0000-4000-8000-0000000000d1";

function json(status: number, body: unknown): Response {
  if (status === 204) return new Response(null, { status });
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
}

function problem(status: number, title: string, detail: string): Response {
  return json(status, { type: "about:blank", title, status, detail });
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

let sequence = 0;
const nextId = () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, "0")}`;
const day = 86_400_000;
const at = (daysAgo: number) => new Date(Date.UTC(2025, 5, 30) - daysAgo * day).toISOString();

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `pdk_${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "")}`;
}

export function fakePolicy(input: Partial<Policy> & { name: string }): Policy {
  return {
    id: nextId(),
    rate: 10,
    per: 1,
    quotaMax: 1000,
    quotaRenewalSeconds: 86_400,
    apis: [],
    state: "active",
    createdAt: at(90),
    updatedAt: at(90),
    ...input,
  };
}

export function fakeEntry(input: Partial<CatalogueEntry> & { name: string; policyId: string }): CatalogueEntry {
  return {
    id: nextId(),
    shortDescription: "",
    longDescription: "",
    live: true,
    requiresApproval: false,
    createdAt: at(80),
    updatedAt: at(80),
    ...input,
  };
}

/** A key as the server lists it: the entry publishing its policy, quota used so far, never the key itself. */
export function fakeSubscription(
  policy: Policy,
  entry: CatalogueEntry | null,
  input: Partial<Subscription> & { used?: number; daysAgo?: number } = {},
): Subscription {
  const { used = 0, daysAgo = 10, ...fields } = input;
  const status = fields.status ?? "active";
  const issued = status === "active" || status === "revoked";
  return {
    id: nextId(),
    developerId: STORY_DEVELOPER_ID,
    status,
    keyPrefix: issued ? randomKey().slice(0, 10) : null,
    policy,
    catalogueEntry: entry && { id: entry.id, name: entry.name },
    quota: {
      max: policy.quotaMax,
      used,
      remaining: policy.quotaMax === -1 ? null : Math.max(0, policy.quotaMax - used),
      renewsAt: new Date(Date.now() + 7 * 3_600_000).toISOString(),
    },
    createdAt: at(daysAgo),
    lastUsedAt: used ? at(0) : null,
    revokedAt: status === "revoked" ? at(1) : null,
    version: 1,
    ...fields,
  };
}

/** Three policies, a live catalogue of three APIs (one needing approval, one unpublished) and four keys. */
export function sampleAccess(): Required<Pick<FakeAccessOptions, "policies" | "catalogue" | "subscriptions">> {
  const bronze = fakePolicy({ name: "Bronze", rate: 10, per: 1, quotaMax: 1000, apis: ["weather"] });
  const silver = fakePolicy({ name: "Silver", rate: 100, per: 60, quotaMax: 50_000, apis: ["weather", "maps"] });
  const gold = fakePolicy({ name: "Gold", rate: 50, per: 1, quotaMax: -1, apis: ["weather", "maps", "geocoding"] });
  const partner = fakePolicy({ name: "Partner (custom)", rate: 5, per: 30, quotaMax: 200, quotaRenewalSeconds: 3600 });
  const legacy = fakePolicy({ name: "Legacy 2019", state: "archived" });
  const weather = fakeEntry({
    name: "Weather API",
    policyId: bronze.id,
    shortDescription: "Forecasts and observations for any place on Earth.",
    longDescription: "Hourly forecasts for ten days.\nObservations from 9,000 stations, updated every ten minutes.",
  });
  const maps = fakeEntry({ name: "Maps API", policyId: silver.id, shortDescription: "Tiles, routing and distance matrices." });
  const geocoding = fakeEntry({
    name: "Geocoding Pro",
    policyId: gold.id,
    shortDescription: "Addresses to coordinates and back, in bulk.",
    requiresApproval: true,
  });
  const beta = fakeEntry({ name: "Air Quality (beta)", policyId: partner.id, live: false });
  return {
    policies: [bronze, gold, legacy, partner, silver],
    catalogue: [weather, maps, geocoding, beta],
    subscriptions: [
      fakeSubscription(bronze, weather, { used: 930, daysAgo: 2 }),
      fakeSubscription(silver, maps, { used: 12_480, daysAgo: 20 }),
      fakeSubscription(partner, null, { used: 40, daysAgo: 45 }),
      fakeSubscription(bronze, weather, { status: "revoked", daysAgo: 120 }),
    ],
  };
}

/** A client for the `acme` organisation answering from the given policies, catalogue and keys (which it changes). */
export function fakeAccessClient(options: FakeAccessOptions = {}): PorticoClient {
  const policies = [...(options.policies ?? [])];
  const catalogue = [...(options.catalogue ?? [])];
  const subscriptions = [...(options.subscriptions ?? [])];
  const entryFor = (policyId: string) => {
    const entry = catalogue.filter((e) => e.policyId === policyId).sort((a, b) => Number(b.live) - Number(a.live))[0];
    return entry ? { id: entry.id, name: entry.name } : null;
  };
  const update = (index: number, patch: Partial<Subscription>) => {
    const current = subscriptions[index]!;
    subscriptions[index] = { ...current, ...patch, version: current.version + 1 };
    return subscriptions[index]!;
  };

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (options.mode === "loading") return new Promise<Response>(() => {});
    await wait(options.latency ?? 150, request.signal);
    if (options.mode === "error") return problem(503, "Service Unavailable", "The server is busy; try again shortly.");

    const path = new URL(request.url).pathname.replace(`/v1/orgs/${ORG}`, "");
    const method = request.method;
    const body = method === "POST" || method === "PATCH" ? ((await request.json().catch(() => ({}))) as Record<string, string>) : {};
    let match: RegExpMatchArray | null;

    if (method === "GET" && path === "/policies") return json(200, { items: policies });
    if (method === "GET" && path === "/catalogue") return json(200, { items: catalogue });
    if (method === "GET" && (path === "/me/subscriptions" || /^\/developers\/[^/]+\/subscriptions$/.test(path))) {
      return json(200, { items: subscriptions });
    }
    if (method === "POST" && path === "/me/subscriptions") {
      const entry = catalogue.find((e) => e.id === body.catalogueEntryId && e.live);
      const policy = entry && policies.find((p) => p.id === entry.policyId);
      if (!entry || !policy) return problem(404, "Not Found", "No such entry in the live catalogue.");
      const key = entry.requiresApproval ? null : randomKey();
      const subscription = fakeSubscription(policy, entry, {
        status: key ? "active" : "pending",
        keyPrefix: key ? key.slice(0, 10) : null,
        daysAgo: 0,
        createdAt: new Date().toISOString(),
      });
      subscriptions.unshift(subscription);
      return json(201, { subscription, key });
    }
    if ((match = path.match(/^\/me\/subscriptions\/([^/]+)\/key$/)) && method === "POST") {
      const index = subscriptions.findIndex((s) => s.id === match![1]);
      if (index < 0) return problem(404, "Not Found", "No such subscription.");
      if (subscriptions[index]!.status !== "approved")
        return problem(409, "Conflict", `The key cannot be issued: the subscription is ${subscriptions[index]!.status}.`);
      const key = randomKey();
      return json(201, { subscription: update(index, { status: "active", keyPrefix: key.slice(0, 10) }), key });
    }
    if ((match = path.match(/^\/subscriptions\/([^/]+)(\/approve|\/decline)?$/))) {
      const index = subscriptions.findIndex((s) => s.id === match![1]);
      if (index < 0) return problem(404, "Not Found", "No such subscription.");
      const current = subscriptions[index]!;
      const action = match[2];
      if (method === "GET" && !action) return json(200, current);
      if (method === "DELETE" && !action) {
        update(index, { status: "revoked", revokedAt: new Date().toISOString() });
        return json(204, null);
      }
      if (method === "PATCH" && !action) {
        if (current.status === "revoked" || current.status === "declined") {
          return problem(409, "Conflict", `The subscription is ${current.status}; its policy cannot change.`);
        }
        const policy = policies.find((p) => p.id === body.policyId);
        if (!policy || policy.state !== "active") return problem(409, "Conflict", "That policy is archived.");
        const quota = {
          ...current.quota,
          max: policy.quotaMax,
          remaining: policy.quotaMax === -1 ? null : Math.max(0, policy.quotaMax - current.quota.used),
        };
        return json(200, update(index, { policy, quota, catalogueEntry: entryFor(policy.id) }));
      }
      if (method === "POST" && action) {
        if (current.status !== "pending") return problem(409, "Conflict", `The subscription is ${current.status}, not pending.`);
        return json(200, update(index, { status: action === "/approve" ? "approved" : "declined" }));
      }
    }
    return problem(404, "Not Found", "No such route in the story's fake server.");
  };
  const token = options.token === undefined ? "story-session" : (options.token ?? undefined);
  return new PorticoClient({ baseUrl: "https://portal.acme.example", org: ORG, token, fetch });
}

/** For play functions: waits until `find` returns something (the fake server answers after a delay). */
export async function until<T>(find: () => T | null | undefined, timeout = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() - start > timeout) throw new Error("The story's element did not appear in time.");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The button labelled `label` inside a shadow root (play functions). */
export function buttonLabelled(root: ParentNode | null | undefined, label: string): HTMLButtonElement | undefined {
  return [...(root?.querySelectorAll("button") ?? [])].find((button) => button.textContent?.trim() === label);
}
