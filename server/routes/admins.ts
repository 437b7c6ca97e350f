import { createRoute } from "@hono/zod-openapi";
import { adminCreateSchema, adminSchema } from "../../sdk/schemas/accounts.js";
import { requireOrgScope } from "../authorize.js";
import { createAdmin } from "../services/accounts.js";
import { access, jsonBody, jsonContent, newRouter, orgParams, problems } from "./openapi-helpers.js";

export const adminRoutes = newRouter();

adminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/admins",
    tags: ["Admins"],
    summary: "Create an admin user, who logs in with role admin",
    ...access("admin"),
    request: { params: orgParams, body: jsonBody(adminCreateSchema) },
    responses: { 201: jsonContent(adminSchema, "The new admin"), ...problems(400, 401, 403, 404, 409, 415) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    return c.json(await createAdmin(c.var.deps.db, org, c.req.valid("json")), 201);
  },
);
