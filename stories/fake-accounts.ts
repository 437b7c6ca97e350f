// Stories only: a PorticoClient whose fetch answers the account routes (org settings, login, signup,
// profile, password) from memory, so every state of the account tags can be shown without a server.
import { PorticoClient } from "../sdk/client.js";
import type { Session } from "../sdk/schemas/accounts.js";
import type { Developer } from "../sdk/schemas/developers.js";
import type { SignupField } from "../sdk/schemas/orgs.js";
import { fakeDeveloper } from "./fake-portico.js";

/** The password every fake account has. */
export const STORY_PASSWORD = "demo-password";

export interface FakeAccountsOptions {
  /** `loading` never answers; `error` answers every request with 503. */
  mode?: "ready" | "loading" | "error";
  /** Milliseconds before each answer, to see the busy states. */
  latency?: number;
  /** The developer the profile shows (admin: any id finds them; self: the logged-in one). */
  developer?: Developer;
  passwordMinLength?: number;
  signupFields?: SignupField[];
  /** `throttled`: every login answers 429; `inactive`: the right password answers 403. */
  login?: "normal" | "throttled" | "inactive";
  /** Every edit answers 412, as when someone else saved first. */
  conflict?: boolean;
  /** The developer is not found (404). */
  notFound?: boolean;
  /** Nobody is logged in: the profile routes answer 401. */
  loggedOut?: boolean;
}

const ORG = "acme";
const BASE = `/v1/orgs/${ORG}`;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const TELEPHONE = /^\+?[0-9 ()./-]*$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function json(status: number, body: unknown): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
}

function problem(status: number, title: string, detail: string, extra: { type?: string; errors?: Record<string, string> } = {}): Response {
  return json(status, { type: extra.type ?? "about:blank", title, status, detail, ...(extra.errors && { errors: extra.errors }) });
}

const invalid = (errors: Record<string, string>) =>
  problem(400, "Bad Request", "The request has invalid fields.", { type: "urn:portico:problem:validation", errors });

function wait(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

interface ProfileEdit {
  email?: string;
  name?: string;
  telephone?: string | null;
  country?: string | null;
  fields?: Record<string, string>;
  inactive?: boolean;
}

function checkEdit(body: ProfileEdit): Record<string, string> {
  const errors: Record<string, string> = {};
  if (body.email !== undefined && !EMAIL.test(body.email.trim())) errors.email = "must be a valid email address";
  if (body.name !== undefined && !body.name.trim()) errors.name = "is required";
  if (body.telephone && !TELEPHONE.test(body.telephone)) errors.telephone = "may contain only digits, spaces and + ( ) . / -";
  for (const key of Object.keys(body.fields ?? {})) {
    if (!FIELD_NAME.test(key)) errors[`fields.${key}`] = "is not a valid field name (letters, digits, _ . - and a letter first)";
  }
  return errors;
}

/** A client for the `acme` organisation with one developer, `ada@example.com` (password `demo-password`). */
export function fakeAccountsClient(options: FakeAccountsOptions = {}): PorticoClient {
  let developer: Developer =
    options.developer ??
    fakeDeveloper({
      email: "ada@example.com",
      name: "Ada Lovelace",
      telephone: "+44 20 7946 0000",
      country: "GB",
      fields: { company: "Analytical Engines" },
    });
  const taken = new Set(["ada@example.com", "taken@example.com"]);
  const minLength = options.passwordMinLength ?? 8;
  const signupFields = options.signupFields ?? [];
  const session = (role: "developer" | "admin", who: Developer): Session => ({
    token: `story-token-${Math.random().toString(36).slice(2)}`,
    role,
    expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
    ...(role === "admin" ? { admin: { id: who.id, email: who.email, name: who.name, createdAt: who.createdAt } } : { developer: who }),
  });

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (options.mode === "loading") return new Promise<Response>(() => {});
    await wait(options.latency ?? 300, request.signal);
    if (options.mode === "error") return problem(503, "Service Unavailable", "The server is busy; try again shortly.");

    const { pathname } = new URL(request.url);
    const method = request.method;
    const route = `${method} ${pathname.startsWith(BASE) ? pathname.slice(BASE.length) || "/" : pathname}`;
    const body = method === "GET" || method === "DELETE" ? {} : ((await request.json().catch(() => ({}))) as Record<string, unknown>);

    if (route === "GET /") return json(200, { slug: ORG, name: "Acme APIs", passwordMinLength: minLength, signupFields });

    if (route === "POST /sessions") {
      if (options.login === "throttled")
        return problem(429, "Too Many Requests", "Too many failed logins. Try again later.", { type: "urn:portico:problem:throttled" });
      if (body.password !== STORY_PASSWORD || !String(body.email ?? "").trim()) {
        return problem(401, "Unauthorized", "The email or password is incorrect.", { type: "urn:portico:problem:invalid-credentials" });
      }
      if (options.login === "inactive") {
        return problem(403, "Forbidden", "This account is inactive. Contact the portal's administrators.", {
          type: "urn:portico:problem:inactive",
        });
      }
      const who = { ...developer, email: String(body.email).trim().toLowerCase() };
      return json(201, session(body.role === "admin" ? "admin" : "developer", who));
    }

    if (route === "POST /signup") {
      const errors: Record<string, string> = {};
      const email = String(body.email ?? "").trim();
      const fields = (body.fields ?? {}) as Record<string, string>;
      if (!EMAIL.test(email)) errors.email = "must be a valid email address";
      if (String(body.password ?? "").length < minLength) errors.password = `must be at least ${minLength} characters`;
      if (!String(body.name ?? "").trim()) errors.name = "is required";
      if (body.telephone && !TELEPHONE.test(String(body.telephone))) errors.telephone = "may contain only digits, spaces and + ( ) . / -";
      for (const field of signupFields) if (field.required && !fields[field.name]?.trim()) errors[`fields.${field.name}`] = "is required";
      if (Object.keys(errors).length) return invalid(errors);
      if (taken.has(email.toLowerCase())) {
        return problem(409, "Conflict", "A developer with this email exists in this organisation.", {
          type: "urn:portico:problem:conflict",
          errors: { email: "is already registered" },
        });
      }
      taken.add(email.toLowerCase());
      const created = fakeDeveloper({
        email,
        name: String(body.name).trim(),
        country: (body.country as string) ?? null,
        fields,
        picture: false,
      });
      return json(201, session("developer", created));
    }

    if (route === "DELETE /sessions/current") return new Response(null, { status: 204 });
    if (route === "POST /password-resets") return json(202, { message: "If the address has an account, a reset link is on its way." });

    const self = route.endsWith(" /me") || route.includes(" /me/");
    const admin = /^\w+ \/developers\/[^/]+(\/password-resets)?$/.test(route);
    if (!self && !admin) return problem(404, "Not Found", "No such route.");
    if (self && options.loggedOut)
      return problem(401, "Unauthorized", "A valid credential is required.", { type: "urn:portico:problem:unauthorized" });
    if (admin && options.notFound) return problem(404, "Not Found", "Developer not found.", { type: "urn:portico:problem:not-found" });

    if (method === "GET") return json(200, developer);
    if (method === "PATCH") {
      const ifMatch = request.headers.get("If-Match");
      if (options.conflict || (ifMatch && ifMatch !== `"v${developer.version}"`)) {
        return problem(
          412,
          "Precondition Failed",
          `The developer was changed by someone else (now version ${developer.version + 1}). Reload and retry.`,
          {
            type: "urn:portico:problem:stale-write",
          },
        );
      }
      const edit = body as ProfileEdit;
      const errors = checkEdit(edit);
      if (Object.keys(errors).length) return invalid(errors);
      if (edit.email && edit.email.trim().toLowerCase() !== developer.email.toLowerCase() && taken.has(edit.email.trim().toLowerCase())) {
        return problem(409, "Conflict", "A developer with this email exists in this organisation.", {
          errors: { email: "is already registered" },
        });
      }
      developer = { ...developer, ...edit, version: developer.version + 1, updatedAt: new Date().toISOString() } as Developer;
      return json(200, developer);
    }
    if (route === "PUT /me/password") {
      if (body.currentPassword !== STORY_PASSWORD) return invalid({ currentPassword: "is incorrect" });
      if (String(body.newPassword ?? "").length < minLength) return invalid({ newPassword: `must be at least ${minLength} characters` });
      return new Response(null, { status: 204 });
    }
    if (method === "DELETE") return new Response(null, { status: 204 });
    if (method === "POST" && route.endsWith("/password-resets"))
      return json(202, { message: "A password reset link is on its way to the developer." });
    return problem(405, "Method Not Allowed", "Not here.");
  };
  return new PorticoClient({ baseUrl: "https://portal.acme.example", org: ORG, token: "story-session", fetch });
}
