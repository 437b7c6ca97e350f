import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { usageBatchResultSchema, usageBatchSchema, usageQuerySchema, usageReportSchema } from "../../sdk/schemas/usage.js";
import { requireDeveloper, requireOrgScope } from "../authorize.js";
import { getDeveloper } from "../services/developers.js";
import { ingestUsage } from "../services/usage-ingest.js";
import { usageReport } from "../services/usage-report.js";
import { access, jsonBody, jsonContent, newRouter, orgAndIdParams, orgParams, problems } from "./openapi-helpers.js";

export const usageRoutes = newRouter();

const tags = ["Usage"];

usageRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/usage/records",
    tags,
    summary: "Record a batch of API calls (gateways, backends); bad records are reported by index, the rest kept",
    description: "Send an `Idempotency-Key` header (any unique string) so that a retried batch counts once.",
    ...access("usageWrite"),
    request: {
      params: orgParams,
      headers: z.object({ "idempotency-key": z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, "must be visible ASCII").optional() }),
      body: jsonBody(usageBatchSchema),
    },
    responses: { 200: jsonContent(usageBatchResultSchema, "How many records were counted, and which were not"), ...problems(400, 401, 403, 404, 415, 422) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "usage:write");
    const result = await ingestUsage(c.var.deps.db, org.id, c.req.valid("json").records, c.req.valid("header")["idempotency-key"]);
    return c.json(result, 200);
  },
);

usageRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/developers/{id}/usage",
    tags,
    summary: "A developer's usage over all keys (or one), per day or hour, with totals and a split per key",
    ...access("admin"),
    request: { params: orgAndIdParams, query: usageQuerySchema },
    responses: { 200: jsonContent(usageReportSchema, "The report"), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    const { id } = c.req.valid("param");
    await getDeveloper(c.var.deps.db, org.id, id);
    return c.json(await usageReport(c.var.deps.db, org.id, id, c.req.valid("query")), 200);
  },
);

usageRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/me/usage",
    tags,
    summary: "The logged-in developer's usage (the dashboard's chart)",
    ...access("developer"),
    request: { params: orgParams, query: usageQuerySchema },
    responses: { 200: jsonContent(usageReportSchema, "The report"), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const { org, developerId } = requireDeveloper(c);
    return c.json(await usageReport(c.var.deps.db, org.id, developerId, c.req.valid("query")), 200);
  },
);
