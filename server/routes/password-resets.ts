import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  passwordResetAcceptedSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
} from "../../sdk/schemas/password-resets.js";
import type { AppEnv } from "../context.js";
import { requireOrg, requireOrgScope } from "../authorize.js";
import { clientInfo } from "../client-info.js";
import {
  RESET_ACCEPTED_MESSAGE,
  confirmPasswordReset,
  requestPasswordReset,
  sendPasswordResetFor,
  type ResetContext,
} from "../services/password-resets.js";
import { access, jsonBody, jsonContent, newRouter, orgAndIdParams, orgParams, problems } from "./openapi-helpers.js";

export const passwordResetRoutes = newRouter();

const tags = ["Password reset"];

function resetContext(c: Context<AppEnv>): ResetContext {
  const { publicUrl } = c.var.deps.config;
  return { publicOrigin: new URL(publicUrl ?? c.req.url).origin, clientAddress: clientInfo(c).address };
}

passwordResetRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/password-resets",
    tags,
    summary: "Mail a password reset link; the answer is the same whether or not the email is known",
    request: { params: orgParams, body: jsonBody(passwordResetRequestSchema) },
    responses: { 202: jsonContent(passwordResetAcceptedSchema, "Accepted"), ...problems(400, 404, 415, 429) },
  }),
  async (c) => {
    const org = requireOrg(c);
    const queued = await requestPasswordReset(c.var.deps.db, org, c.req.valid("json"), resetContext(c));
    if (queued) c.var.deps.mail.wake();
    return c.json({ message: RESET_ACCEPTED_MESSAGE }, 202);
  },
);

passwordResetRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/password-resets/confirm",
    tags,
    summary: "Set a new password with the mailed token; ends every session of the developer",
    request: { params: orgParams, body: jsonBody(passwordResetConfirmSchema) },
    responses: { 204: { description: "Password changed" }, ...problems(400, 404, 415) },
  }),
  async (c) => {
    await confirmPasswordReset(c.var.deps.db, requireOrg(c), c.req.valid("json"));
    return c.body(null, 204);
  },
);

passwordResetRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/developers/{id}/password-resets",
    tags,
    summary: "Send a developer the reset mail (admin); the admin never sees the link",
    ...access("admin"),
    request: { params: orgAndIdParams },
    responses: { 202: jsonContent(passwordResetAcceptedSchema, "Queued"), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    await sendPasswordResetFor(c.var.deps.db, org, c.req.valid("param").id, resetContext(c));
    c.var.deps.mail.wake();
    return c.json({ message: "A password reset link is on its way to the developer." }, 202);
  },
);
