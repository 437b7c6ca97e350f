import { createRoute } from "@hono/zod-openapi";
import { orgCreateSchema, orgCreatedSchema, publicOrgSchema } from "../../sdk/schemas/orgs.js";
import { requireOrg, requireRoot } from "../authorize.js";
import { createOrg, toPublicOrg } from "../services/orgs.js";
import { access, jsonBody, jsonContent, newRouter, orgParams, problems } from "./openapi-helpers.js";

export const orgRoutes = newRouter();

orgRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs",
    tags: ["Organisations"],
    summary: "Create an organisation (root secret)",
    ...access("root"),
    request: { body: jsonBody(orgCreateSchema) },
    responses: {
      201: jsonContent(orgCreatedSchema, "The organisation and its API key, shown only here"),
      ...problems(400, 401, 403, 409, 415),
    },
  }),
  async (c) => {
    requireRoot(c);
    const created = await createOrg(c.var.deps.db, c.req.valid("json"));
    return c.json(created, 201);
  },
);

orgRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}",
    tags: ["Organisations"],
    summary: "Public settings of an organisation",
    request: { params: orgParams },
    responses: { 200: jsonContent(publicOrgSchema, "Public settings"), ...problems(404) },
  }),
  (c) => c.json(toPublicOrg(requireOrg(c)), 200),
);
