// Stories only: a PorticoClient answering the password reset routes from memory, so every state of
// <reset-password-form> can be shown without a server or a mailbox. Tests use the real server.
import { PorticoClient } from "../sdk/client.js";

export interface FakeResetOptions {
  /** The org's minimum password length (the server's default is 6). */
  passwordMinLength?: number;
  /** How a reset request is answered: accepted (202), or throttled (429). */
  request?: "accepted" | "throttled";
  /** How the new password is answered when it is long enough: saved (204), or the token's problem. */
  confirm?: "accepted" | "expired" | "used" | "invalid";
  /** Milliseconds before each answer, to see the busy states. */
  latency?: number;
}

const ORG = "acme";

const TOKEN_MESSAGES = {
  expired: "has expired; request a new reset link",
  used: "has already been used",
  invalid: "is not valid (a newer reset request replaces older links)",
} as const;

function json(status: number, body: unknown): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
}

function problem(status: number, title: string, detail: string, errors?: Record<string, string>): Response {
  return json(status, { type: status === 429 ? "throttled" : "about:blank", title, status, detail, ...(errors && { errors }) });
}

/** A client for the `acme` organisation whose reset routes answer as `options` say. */
export function fakeResetClient(options: FakeResetOptions = {}): PorticoClient {
  const minLength = options.passwordMinLength ?? 6;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    await new Promise((resolve) => setTimeout(resolve, options.latency ?? 300));
    const path = new URL(request.url).pathname;
    if (request.method === "GET" && path === `/v1/orgs/${ORG}`) {
      return json(200, { slug: ORG, name: "Acme APIs", passwordMinLength: minLength, signupFields: [] });
    }
    if (request.method === "POST" && path === `/v1/orgs/${ORG}/password-resets`) {
      if (options.request === "throttled") return problem(429, "Too Many Requests", "Too many password reset requests. Try again later.");
      return json(202, { message: "If an account exists for this email, a password reset link is on its way." });
    }
    if (request.method === "POST" && path === `/v1/orgs/${ORG}/password-resets/confirm`) {
      const { newPassword = "" } = (await request.json()) as { newPassword?: string };
      const outcome = options.confirm ?? "accepted";
      // The server checks the token before the password's length.
      if (outcome !== "accepted") {
        return problem(400, "Bad Request", "The reset link cannot be used.", { token: TOKEN_MESSAGES[outcome] });
      }
      if (newPassword.length < minLength) {
        return problem(400, "Bad Request", "The request body has invalid fields.", { newPassword: `must be at least ${minLength} characters` });
      }
      return new Response(null, { status: 204 });
    }
    return problem(404, "Not Found", "No such route.");
  };
  return new PorticoClient({ baseUrl: "https://portal.acme.example", org: ORG, fetch });
}
