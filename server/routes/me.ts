import { createRoute } from "@hono/zod-openapi";
import { meUpdateSchema, passwordChangeSchema, sessionListSchema } from "../../sdk/schemas/accounts.js";
import { developerSchema } from "../../sdk/schemas/developers.js";
import { idSchema } from "../../sdk/schemas/common.js";
import { requireDeveloper } from "../authorize.js";
import { notFound } from "../problem.js";
import { changePassword } from "../services/accounts.js";
import { getDeveloper, updateDeveloper } from "../services/developers.js";
import { listDeveloperSessions, revokeSession } from "../services/sessions.js";
import { etag, expectedVersion } from "./etags.js";
import { access, jsonBody, jsonContent, newRouter, orgParams, problems } from "./openapi-helpers.js";

export const meRoutes = newRouter();

const tags = ["My profile"];

meRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/me",
    tags,
    summary: "The logged-in developer's profile",
    ...access("developer"),
    request: { params: orgParams },
    responses: { 200: jsonContent(developerSchema, "The profile; ETag carries its version"), ...problems(401, 403, 404) },
  }),
  async (c) => {
    const { org, developerId } = requireDeveloper(c);
    const developer = await getDeveloper(c.var.deps.db, org.id, developerId);
    c.header("ETag", etag(developer.version));
    return c.json(developer, 200);
  },
);

meRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/orgs/{org}/me",
    tags,
    summary: "Edit own email, name, telephone and country",
    ...access("developer"),
    request: { params: orgParams, body: jsonBody(meUpdateSchema) },
    responses: { 200: jsonContent(developerSchema, "The profile after the edit"), ...problems(400, 401, 403, 404, 409, 412, 415) },
  }),
  async (c) => {
    const { org, developerId } = requireDeveloper(c);
    const developer = await updateDeveloper(
      c.var.deps.db,
      org.id,
      developerId,
      c.req.valid("json"),
      expectedVersion(c.req.header("If-Match")),
    );
    c.header("ETag", etag(developer.version));
    return c.json(developer, 200);
  },
);

meRoutes.openapi(
  createRoute({
    method: "put",
    path: "/v1/orgs/{org}/me/password",
    tags,
    summary: "Change own password (current password required); ends the other sessions",
    ...access("developer"),
    request: { params: orgParams, body: jsonBody(passwordChangeSchema) },
    responses: { 204: { description: "Changed" }, ...problems(400, 401, 403, 404, 415) },
  }),
  async (c) => {
    const { org, developerId, sessionId } = requireDeveloper(c);
    await changePassword(c.var.deps.db, org, developerId, sessionId, c.req.valid("json"));
    return c.body(null, 204);
  },
);

meRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/me/sessions",
    tags,
    summary: "Own live sessions",
    ...access("developer"),
    request: { params: orgParams },
    responses: { 200: jsonContent(sessionListSchema, "Sessions, newest first"), ...problems(401, 403, 404) },
  }),
  async (c) => {
    const { org, developerId, sessionId } = requireDeveloper(c);
    return c.json({ items: await listDeveloperSessions(c.var.deps.db, org.id, developerId, sessionId) }, 200);
  },
);

meRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/orgs/{org}/me/sessions/{id}",
    tags,
    summary: "End one of own sessions",
    ...access("developer"),
    request: { params: orgParams.extend({ id: idSchema }) },
    responses: { 204: { description: "Ended" }, ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const { org, developerId } = requireDeveloper(c);
    const { id } = c.req.valid("param");
    const db = c.var.deps.db;
    const mine = await db
      .selectFrom("sessions")
      .select("id")
      .where("org_id", "=", org.id)
      .where("developer_id", "=", developerId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (!mine) throw notFound("Session");
    await revokeSession(db, org.id, id);
    return c.body(null, 204);
  },
);

