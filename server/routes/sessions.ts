import { createRoute } from "@hono/zod-openapi";
import { currentSessionSchema, loginSchema, sessionSchema, signupSchema } from "../../sdk/schemas/accounts.js";
import { requireOrg, requireSession } from "../authorize.js";
import { clientInfo } from "../client-info.js";
import { clearSessionCookie, setSessionCookie } from "../session-cookie.js";
import { getAdmin, login, signup } from "../services/accounts.js";
import { getDeveloper } from "../services/developers.js";
import { revokeSession } from "../services/sessions.js";
import { access, jsonBody, jsonContent, newRouter, orgParams, problems } from "./openapi-helpers.js";

export const sessionRoutes = newRouter();

const tags = ["Sessions"];

sessionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/signup",
    tags,
    summary: "Sign up as a developer; answers with a session (also set as a cookie)",
    request: { params: orgParams, body: jsonBody(signupSchema) },
    responses: { 201: jsonContent(sessionSchema, "Signed up and logged in"), ...problems(400, 404, 409, 415) },
  }),
  async (c) => {
    const org = requireOrg(c);
    const session = await signup(c.var.deps.db, org, c.req.valid("json"), clientInfo(c));
    setSessionCookie(c, org, session.token);
    return c.json(session, 201);
  },
);

sessionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/sessions",
    tags,
    summary: "Log in (developer by default, or role admin)",
    description: "A wrong email and a wrong password answer the same 401. Repeated failures answer 429 with Retry-After.",
    request: { params: orgParams, body: jsonBody(loginSchema) },
    responses: {
      201: jsonContent(sessionSchema, "Logged in"),
      ...problems(400, 401, 403, 404, 415, 429),
    },
  }),
  async (c) => {
    const org = requireOrg(c);
    const session = await login(c.var.deps.db, org, c.req.valid("json"), clientInfo(c));
    setSessionCookie(c, org, session.token);
    return c.json(session, 201);
  },
);

sessionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/sessions/current",
    tags,
    summary: "Who the current session belongs to",
    ...access("session"),
    request: { params: orgParams },
    responses: { 200: jsonContent(currentSessionSchema, "The session, without its token"), ...problems(401, 403, 404) },
  }),
  async (c) => {
    const { org, session } = requireSession(c);
    const db = c.var.deps.db;
    const expiresAt = session.expiresAt.toISOString();
    if (session.role === "admin") {
      return c.json({ role: "admin" as const, expiresAt, admin: await getAdmin(db, org.id, session.subjectId) }, 200);
    }
    return c.json({ role: "developer" as const, expiresAt, developer: await getDeveloper(db, org.id, session.subjectId) }, 200);
  },
);

sessionRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/orgs/{org}/sessions/current",
    tags,
    summary: "Log out",
    ...access("session"),
    request: { params: orgParams },
    responses: { 204: { description: "Logged out" }, ...problems(401, 403, 404) },
  }),
  async (c) => {
    const { org, session } = requireSession(c);
    await revokeSession(c.var.deps.db, org.id, session.sessionId);
    clearSessionCookie(c, org);
    return c.body(null, 204);
  },
);
