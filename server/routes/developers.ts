import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import {
  developerCreateSchema,
  developerListQuerySchema,
  developerPageSchema,
  developerSchema,
  developerUpdateSchema,
} from "../../sdk/schemas/developers.js";
import { requireOrgScope } from "../authorize.js";
import {
  createDeveloper,
  deleteDeveloper,
  getDeveloper,
  listDevelopers,
  updateDeveloper,
} from "../services/developers.js";
import { etag, expectedVersion } from "./etags.js";
import { access, jsonBody, jsonContent, newRouter, orgAndIdParams, orgParams, problems } from "./openapi-helpers.js";

export const developerRoutes = newRouter();

const tags = ["Developers"];

developerRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/developers",
    tags,
    summary: "List or search developers (email prefix, case-insensitive), in email order",
    ...access("admin"),
    request: { params: orgParams, query: developerListQuerySchema },
    responses: { 200: jsonContent(developerPageSchema, "One page"), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    return c.json(await listDevelopers(c.var.deps.db, org.id, c.req.valid("query")), 200);
  },
);

developerRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/developers",
    tags,
    summary: "Add a developer",
    ...access("admin"),
    request: { params: orgParams, body: jsonBody(developerCreateSchema) },
    responses: { 201: jsonContent(developerSchema, "The new developer"), ...problems(400, 401, 403, 404, 409, 415) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    const developer = await createDeveloper(c.var.deps.db, org, c.req.valid("json"));
    c.header("ETag", etag(developer.version));
    c.header("Location", `/v1/orgs/${org.slug}/developers/${developer.id}`);
    return c.json(developer, 201);
  },
);

developerRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/developers/{id}",
    tags,
    summary: "Read a developer",
    ...access("admin"),
    request: { params: orgAndIdParams },
    responses: { 200: jsonContent(developerSchema, "The developer; ETag carries its version"), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    const developer = await getDeveloper(c.var.deps.db, org.id, c.req.valid("param").id);
    c.header("ETag", etag(developer.version));
    return c.json(developer, 200);
  },
);

developerRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/orgs/{org}/developers/{id}",
    tags,
    summary: "Edit a developer; send If-Match with the ETag you read to refuse stale writes",
    ...access("admin"),
    request: {
      params: orgAndIdParams,
      headers: z.object({ "if-match": z.string().optional() }),
      body: jsonBody(developerUpdateSchema),
    },
    responses: { 200: jsonContent(developerSchema, "The developer after the edit"), ...problems(400, 401, 403, 404, 409, 412, 415) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    const developer = await updateDeveloper(
      c.var.deps.db,
      org.id,
      c.req.valid("param").id,
      c.req.valid("json"),
      expectedVersion(c.req.header("If-Match")),
    );
    c.header("ETag", etag(developer.version));
    return c.json(developer, 200);
  },
);

developerRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/orgs/{org}/developers/{id}",
    tags,
    summary: "Delete a developer (and revoke their keys)",
    ...access("admin"),
    request: { params: orgAndIdParams },
    responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    await deleteDeveloper(c.var.deps.db, org.id, c.req.valid("param").id);
    return c.body(null, 204);
  },
);
