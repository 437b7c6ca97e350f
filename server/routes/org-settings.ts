import { createRoute } from "@hono/zod-openapi";
import { orgSchema, orgUpdateSchema } from "../../sdk/schemas/orgs.js";
import { requireOrgScope } from "../authorize.js";
import { forgetOrg } from "../middleware/load-org.js";
import { toOrg, updateOrg } from "../services/orgs.js";
import { access, jsonBody, jsonContent, newRouter, orgParams, problems } from "./openapi-helpers.js";

/** An org admin's view and edits of the organisation's settings (origins, password rules, signup fields). */
export const orgSettingsRoutes = newRouter();

const tags = ["Organisations"];

orgSettingsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/settings",
    tags,
    summary: "All settings of the organisation",
    ...access("admin"),
    request: { params: orgParams },
    responses: { 200: jsonContent(orgSchema, "Settings"), ...problems(401, 403, 404) },
  }),
  (c) => c.json(toOrg(requireOrgScope(c, "admin")), 200),
);

orgSettingsRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/orgs/{org}/settings",
    tags,
    summary: "Change settings: name, allowed origins, password minimum, signup fields, cookie SameSite",
    ...access("admin"),
    request: { params: orgParams, body: jsonBody(orgUpdateSchema) },
    responses: { 200: jsonContent(orgSchema, "Settings after the change"), ...problems(400, 401, 403, 404, 415) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    const updated = await updateOrg(c.var.deps.db, org.id, c.req.valid("json"));
    forgetOrg(org.slug);
    return c.json(updated, 200);
  },
);
