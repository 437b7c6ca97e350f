import { createRoute } from "@hono/zod-openapi";
import { sql } from "kysely";
import { z } from "zod";
import { jsonContent, newRouter } from "./openapi-helpers.js";

export const healthRoutes = newRouter();

const healthSchema = z.object({ status: z.enum(["ok", "unavailable"]), database: z.enum(["ok", "unreachable"]) });

healthRoutes.openapi(
  createRoute({
    method: "get",
    path: "/healthz",
    tags: ["Operations"],
    summary: "Liveness and database reachability",
    responses: { 200: jsonContent(healthSchema, "Healthy"), 503: jsonContent(healthSchema, "The database is unreachable") },
  }),
  async (c) => {
    try {
      await sql`select 1`.execute(c.var.deps.db);
      return c.json({ status: "ok" as const, database: "ok" as const }, 200);
    } catch {
      return c.json({ status: "unavailable" as const, database: "unreachable" as const }, 503);
    }
  },
);
