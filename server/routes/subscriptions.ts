import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import {
  changePolicySchema,
  keyVerificationSchema,
  keyVerifySchema,
  subscribeSchema,
  subscribedSchema,
  subscriptionListSchema,
  subscriptionSchema,
} from "../../sdk/schemas/access.js";
import { actorOf, requireAdminOrOwner, requireDeveloper, requireOrgScope } from "../authorize.js";
import { getDeveloper } from "../services/developers.js";
import {
  changeSubscriptionPolicy,
  claimApprovedKey,
  decideSubscription,
  getSubscription,
  listPendingSubscriptions,
  listSubscriptions,
  resetSubscriptionQuota,
  revokeSubscription,
  subscribe,
  verifyKey,
} from "../services/subscriptions.js";
import { access, jsonBody, jsonContent, newRouter, orgAndIdParams, orgParams, problems } from "./openapi-helpers.js";

export const subscriptionRoutes = newRouter();

const tags = ["Subscriptions and keys"];

subscriptionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/developers/{id}/subscriptions",
    tags,
    summary: "A developer's keys with policy, catalogue entry (or none), limits and quota",
    ...access("admin"),
    request: { params: orgAndIdParams },
    responses: { 200: jsonContent(subscriptionListSchema, "Newest first"), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    const { id } = c.req.valid("param");
    await getDeveloper(c.var.deps.db, org.id, id);
    return c.json({ items: await listSubscriptions(c.var.deps.db, org.id, id) }, 200);
  },
);

subscriptionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/me/subscriptions",
    tags,
    summary: "The logged-in developer's keys",
    ...access("developer"),
    request: { params: orgParams },
    responses: { 200: jsonContent(subscriptionListSchema, "Newest first"), ...problems(401, 403, 404) },
  }),
  async (c) => {
    const { org, developerId } = requireDeveloper(c);
    return c.json({ items: await listSubscriptions(c.var.deps.db, org.id, developerId) }, 200);
  },
);

subscriptionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/me/subscriptions",
    tags,
    summary: "Subscribe to a live catalogue entry; the raw key is in this answer only",
    ...access("developer"),
    request: { params: orgParams, body: jsonBody(subscribeSchema) },
    responses: { 201: jsonContent(subscribedSchema, "The subscription and its key (null while awaiting approval)"), ...problems(400, 401, 403, 404, 409, 415) },
  }),
  async (c) => {
    const { org, developerId } = requireDeveloper(c);
    return c.json(await subscribe(c.var.deps.db, org.id, developerId, c.req.valid("json").catalogueEntryId), 201);
  },
);

subscriptionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/me/subscriptions/{id}/key",
    tags,
    summary: "Fetch the key of an approved subscription, once",
    ...access("developer"),
    request: { params: orgAndIdParams },
    responses: { 201: jsonContent(subscribedSchema, "The subscription and its key"), ...problems(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const { org, developerId } = requireDeveloper(c);
    return c.json(await claimApprovedKey(c.var.deps.db, org.id, developerId, c.req.valid("param").id), 201);
  },
);

subscriptionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/subscriptions",
    tags,
    summary: "Subscription requests awaiting approval",
    ...access("admin"),
    request: { params: orgParams, query: z.strictObject({ status: z.literal("pending") }) },
    responses: { 200: jsonContent(subscriptionListSchema, "Oldest first"), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    return c.json({ items: await listPendingSubscriptions(c.var.deps.db, org.id) }, 200);
  },
);

subscriptionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/subscriptions/{id}",
    tags,
    summary: "One subscription (admins, or the developer who owns it)",
    ...access("adminOrOwner"),
    request: { params: orgAndIdParams },
    responses: { 200: jsonContent(subscriptionSchema, "The subscription"), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const { org, ownerId } = requireAdminOrOwner(c);
    return c.json(await getSubscription(c.var.deps.db, org.id, c.req.valid("param").id, ownerId), 200);
  },
);

subscriptionRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/orgs/{org}/subscriptions/{id}",
    tags,
    summary: "Change the key's policy (upgrade or downgrade); the key stays the same",
    ...access("admin"),
    request: { params: orgAndIdParams, body: jsonBody(changePolicySchema) },
    responses: { 200: jsonContent(subscriptionSchema, "The subscription under its new policy"), ...problems(400, 401, 403, 404, 409, 415) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    const { id } = c.req.valid("param");
    return c.json(await changeSubscriptionPolicy(c.var.deps.db, org.id, id, c.req.valid("json").policyId, actorOf(c)), 200);
  },
);

subscriptionRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/orgs/{org}/subscriptions/{id}",
    tags,
    summary: "Revoke: the key stops working at once (admins, or the developer who owns it)",
    ...access("adminOrOwner"),
    request: { params: orgAndIdParams },
    responses: { 204: { description: "Revoked" }, ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const { org, ownerId } = requireAdminOrOwner(c);
    await revokeSubscription(c.var.deps.db, org.id, c.req.valid("param").id, actorOf(c), ownerId);
    return c.body(null, 204);
  },
);

for (const [action, summary] of [
  ["approve", "Approve a pending subscription; the developer then fetches the key once"],
  ["decline", "Decline a pending subscription"],
  ["quota-reset", "Start the key's quota window again from zero"],
] as const) {
  subscriptionRoutes.openapi(
    createRoute({
      method: "post",
      path: `/v1/orgs/{org}/subscriptions/{id}/${action}`,
      tags,
      summary,
      ...access("admin"),
      request: { params: orgAndIdParams },
      responses: { 200: jsonContent(subscriptionSchema, "The subscription after the change"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const org = requireOrgScope(c, "admin");
      const { id } = c.req.valid("param");
      const db = c.var.deps.db;
      const subscription =
        action === "quota-reset"
          ? await resetSubscriptionQuota(db, org.id, id, actorOf(c))
          : await decideSubscription(db, org.id, id, action === "approve", actorOf(c));
      return c.json(subscription, 200);
    },
  );
}

subscriptionRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/keys/verify",
    tags,
    summary: "For gateways: is this key valid, under which policy, with how much quota left",
    ...access("usageWrite"),
    request: { params: orgParams, body: jsonBody(keyVerifySchema) },
    responses: { 200: jsonContent(keyVerificationSchema, "The verdict (valid: false for unknown or revoked keys)"), ...problems(400, 401, 403, 404, 415) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "usage:write");
    return c.json(await verifyKey(c.var.deps.db, org.id, c.req.valid("json").key), 200);
  },
);
