import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { auditPageSchema } from "../../sdk/schemas/access.js";
import { requireOrgScope } from "../authorize.js";
import { listAudit } from "../services/audit.js";
import { access, jsonContent, newRouter, orgParams, problems } from "./openapi-helpers.js";

export const auditRoutes = newRouter();

auditRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/audit-log",
    tags: ["Audit"],
    summary: "Changes to policies, catalogue and subscriptions: who, what, when, before and after",
    ...access("admin"),
    request: {
      params: orgParams,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }),
    },
    responses: { 200: jsonContent(auditPageSchema, "Newest first"), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    const { limit, cursor } = c.req.valid("query");
    return c.json(await listAudit(c.var.deps.db, org.id, limit, cursor), 200);
  },
);
