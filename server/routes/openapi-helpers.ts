import { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { AppEnv } from "../context.js";
import { guard } from "../middleware/guards.js";
import { zodProblem } from "../problem.js";
import { problemSchema } from "../../sdk/schemas/problem.js";
import { orgSlugSchema } from "../../sdk/schemas/orgs.js";
import { idSchema } from "../../sdk/schemas/common.js";

/** A router whose validation failures become 400 problems naming the fields. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw zodProblem(result.error, result.target);
    },
  });
}

export const orgParams = z.object({ org: orgSlugSchema.meta({ description: "The organisation's slug" }) });
export const orgAndIdParams = orgParams.extend({ id: idSchema });

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input; `errors` names each field",
  401: "No valid credential",
  403: "The credential may not do this",
  404: "Not found (also for another organisation's data)",
  409: "Conflicts with stored data",
  412: "Stale write: the `If-Match` version is not the current one",
  415: "The body is not JSON",
};

/** OpenAPI response entries for the problem statuses a route can answer. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? "Problem",
        content: { "application/problem+json": { schema: problemSchema } },
      },
    ]),
  );
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

export const bearerSecurity = [{ bearer: [] }];

export type Access = keyof typeof guard;

/**
 * Who may call a route: the OpenAPI security entry, the guard that checks it before the input is
 * validated, and `x-portico-access` in the document (the isolation tests are generated from it).
 */
export function access<A extends Access>(who: A) {
  return { security: bearerSecurity, middleware: [guard[who]] as [(typeof guard)[A]], "x-portico-access": who };
}
