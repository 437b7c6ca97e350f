import { createRoute } from "@hono/zod-openapi";
import { policyCreateSchema, policyListSchema, policySchema, policyUpdateSchema } from "../../sdk/schemas/access.js";
import { actorOf, requireOrgScope } from "../authorize.js";
import { createPolicy, deletePolicy, getPolicy, listPolicies, updatePolicy } from "../services/policies.js";
import { access, jsonBody, jsonContent, newRouter, orgAndIdParams, orgParams, problems } from "./openapi-helpers.js";

export const policyRoutes = newRouter();

const tags = ["Policies"];

policyRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/policies",
    tags,
    summary: "Every policy, archived ones included",
    ...access("admin"),
    request: { params: orgParams },
    responses: { 200: jsonContent(policyListSchema, "Policies by name"), ...problems(401, 403, 404) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    return c.json({ items: await listPolicies(c.var.deps.db, org.id) }, 200);
  },
);

policyRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/policies",
    tags,
    summary: "Create a policy (rate limit, quota, APIs)",
    ...access("admin"),
    request: { params: orgParams, body: jsonBody(policyCreateSchema) },
    responses: { 201: jsonContent(policySchema, "The new policy"), ...problems(400, 401, 403, 404, 415) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    return c.json(await createPolicy(c.var.deps.db, org.id, actorOf(c), c.req.valid("json")), 201);
  },
);

policyRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/policies/{id}",
    tags,
    summary: "Read a policy",
    ...access("admin"),
    request: { params: orgAndIdParams },
    responses: { 200: jsonContent(policySchema, "The policy"), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    return c.json(await getPolicy(c.var.deps.db, org.id, c.req.valid("param").id), 200);
  },
);

policyRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/orgs/{org}/policies/{id}",
    tags,
    summary: "Edit or archive a policy; keys under it take the new limits at once",
    ...access("admin"),
    request: { params: orgAndIdParams, body: jsonBody(policyUpdateSchema) },
    responses: { 200: jsonContent(policySchema, "The policy after the edit"), ...problems(400, 401, 403, 404, 409, 415) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    return c.json(await updatePolicy(c.var.deps.db, org.id, c.req.valid("param").id, actorOf(c), c.req.valid("json")), 200);
  },
);

policyRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/orgs/{org}/policies/{id}",
    tags,
    summary: "Delete a policy nothing uses (otherwise archive it)",
    ...access("admin"),
    request: { params: orgAndIdParams },
    responses: { 204: { description: "Deleted" }, ...problems(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    await deletePolicy(c.var.deps.db, org.id, c.req.valid("param").id, actorOf(c));
    return c.body(null, 204);
  },
);
