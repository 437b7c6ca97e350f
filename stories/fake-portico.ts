// Stories only: a PorticoClient whose fetch answers from memory, so every state can be shown
// without a server. Tests never use this; they run against a real server.
import { PorticoClient } from "../sdk/client.js";
import type { Developer } from "../sdk/schemas/developers.js";

export type FakeMode = "ready" | "loading" | "error";

export interface FakeOptions {
  developers?: Developer[];
  /** `loading` never answers; `error` answers every request with 503. */
  mode?: FakeMode;
  /** Milliseconds before each answer, to see the busy states. */
  latency?: number;
}

const ORG = "acme";

function json(status: number, body: unknown): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
}

function problem(status: number, title: string, detail: string, errors?: Record<string, string>): Response {
  return json(status, { type: "about:blank", title, status, detail, ...(errors && { errors }) });
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

/** An SVG picture as a data URL, so some rows show an avatar without reaching Gravatar. */
function svgAvatar(hue: number): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="hsl(${hue} 60% 70%)"/><circle cx="16" cy="13" r="6" fill="hsl(${hue} 50% 40%)"/><rect x="6" y="22" width="20" height="12" rx="6" fill="hsl(${hue} 50% 40%)"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

let sequence = 0;

/** A developer as the server would answer; `picture: false` gives a URL that fails (initials show). */
export function fakeDeveloper(input: Partial<Developer> & { email: string; name: string; picture?: boolean }): Developer {
  const n = ++sequence;
  const { picture = n % 3 === 0, ...fields } = input;
  const created = new Date(Date.UTC(2025, 0, 1) + n * 86_400_000 * 3).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    telephone: null,
    country: null,
    fields: {},
    inactive: false,
    avatarUrl: picture ? svgAvatar((n * 47) % 360) : `data:image/png;base64,not-an-image-${n}`,
    version: 1,
    createdAt: created,
    updatedAt: created,
    ...fields,
  };
}

/** A client for the `acme` organisation, answering from `developers` (which it changes on add). */
export function fakeClient(options: FakeOptions = {}): PorticoClient {
  const developers = [...(options.developers ?? [])];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (options.mode === "loading") return new Promise<Response>(() => {});
    await wait(options.latency ?? 150, request.signal);
    if (options.mode === "error") return problem(503, "Service Unavailable", "The server is busy; try again shortly.");

    const url = new URL(request.url);
    if (url.pathname !== `/v1/orgs/${ORG}/developers`) return problem(404, "Not Found", "No such route.");
    if (request.method === "GET") {
      const prefix = (url.searchParams.get("email") ?? "").toLowerCase();
      const limit = Number(url.searchParams.get("limit") ?? 25);
      const after = url.searchParams.get("cursor") ? atob(url.searchParams.get("cursor")!) : "";
      const matching = developers
        .filter((d) => d.email.toLowerCase().startsWith(prefix) && d.email.toLowerCase() > after)
        .sort((a, b) => (a.email.toLowerCase() < b.email.toLowerCase() ? -1 : 1));
      const items = matching.slice(0, limit);
      const nextCursor = matching.length > limit ? btoa(items.at(-1)!.email.toLowerCase()) : null;
      return json(200, { items, nextCursor });
    }
    if (request.method === "POST") {
      const body = (await request.json()) as Partial<Developer>;
      const errors: Record<string, string> = {};
      const email = (body.email ?? "").trim();
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.email = "must be a valid email address";
      if (!(body.name ?? "").trim()) errors.name = "is required";
      if (body.telephone && !/^\+?[0-9 ()./-]*$/.test(body.telephone)) errors.telephone = "may contain only digits, spaces and + ( ) . / -";
      if (Object.keys(errors).length) return problem(400, "Bad Request", "The request body has invalid fields.", errors);
      if (developers.some((d) => d.email.toLowerCase() === email.toLowerCase())) {
        return problem(409, "Conflict", "A developer with this email exists in this organisation.", { email: "is already registered" });
      }
      const developer = fakeDeveloper({ ...body, email, name: body.name!.trim(), picture: false });
      developers.push(developer);
      return json(201, developer);
    }
    return problem(405, "Method Not Allowed", "Not here.");
  };
  return new PorticoClient({ baseUrl: "https://portal.acme.example", org: ORG, token: "story-session", fetch });
}

/** A varied set: several countries, some inactive, some with a picture. */
export function sampleDevelopers(count = 12): Developer[] {
  const people: [string, string, string | null][] = [
    ["Ada Lovelace", "ada@analytical.example", "GB"],
    ["Grace Hopper", "grace.hopper@navy.example", "US"],
    ["Alan Turing", "alan@bletchley.example", "GB"],
    ["Katherine Johnson", "kj@nasa.example", "US"],
    ["Hedy Lamarr", "hedy@frequency.example", "AT"],
    ["Tim Berners-Lee", "timbl@cern.example", "CH"],
    ["Margaret Hamilton", "margaret@apollo.example", "US"],
    ["Linus Torvalds", "linus@kernel.example", "FI"],
    ["Radia Perlman", "radia@spanning.example", null],
    ["Yukihiro Matsumoto", "matz@ruby.example", "JP"],
    ["Barbara Liskov", "liskov@mit.example", "US"],
    ["Anders Hejlsberg", "anders@typescript.example", "DK"],
    ["Frances Allen", "fran@ibm.example", "US"],
    ["Sophie Wilson", "sophie@arm.example", "GB"],
  ];
  return Array.from({ length: count }, (_, i) => {
    const [name, email, country] = people[i % people.length]!;
    const round = Math.floor(i / people.length);
    return fakeDeveloper({ name, email: round ? email.replace("@", `+${round}@`) : email, country, inactive: i % 5 === 4 });
  });
}
