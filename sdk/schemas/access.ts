import { z } from "zod";
import { idSchema, timestampSchema } from "./common.js";

const MAX_SECONDS = 366 * 24 * 3600;

export const policyStateSchema = z.enum(["active", "archived"]);

export const policySchema = z
  .object({
    id: idSchema,
    name: z.string(),
    /** Rate limit: `rate` requests per `per` seconds. */
    rate: z.number().int(),
    per: z.number().int(),
    /** Requests allowed per quota window; -1 is unlimited. */
    quotaMax: z.number().int(),
    quotaRenewalSeconds: z.number().int(),
    /** The APIs the policy grants access to. */
    apis: z.array(z.string()),
    state: policyStateSchema,
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "Policy" });

export const policyCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
    rate: z.number().int().min(1).max(1_000_000_000),
    per: z.number().int().min(1).max(MAX_SECONDS),
    quotaMax: z.number().int().min(-1, "must be -1 (unlimited) or more").max(Number.MAX_SAFE_INTEGER),
    // Usage is counted per hour, so a quota window is at least an hour.
    quotaRenewalSeconds: z.number().int().min(3600, "must be at least 3600 (one hour)").max(MAX_SECONDS),
    apis: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  })
  .meta({ id: "PolicyCreate" });

export const policyUpdateSchema = policyCreateSchema.partial().extend({ state: policyStateSchema.optional() }).meta({ id: "PolicyUpdate" });

export const catalogueEntrySchema = z
  .object({
    id: idSchema,
    name: z.string(),
    shortDescription: z.string(),
    longDescription: z.string(),
    policyId: idSchema,
    live: z.boolean(),
    requiresApproval: z.boolean(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "CatalogueEntry" });

export const catalogueEntryCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
    shortDescription: z.string().trim().max(500, "must be at most 500 characters").default(""),
    longDescription: z.string().trim().max(20_000, "must be at most 20000 characters").default(""),
    policyId: idSchema,
    live: z.boolean().default(false),
    requiresApproval: z.boolean().default(false),
  })
  .meta({ id: "CatalogueEntryCreate" });

export const catalogueEntryUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters").optional(),
    shortDescription: z.string().trim().max(500, "must be at most 500 characters").optional(),
    longDescription: z.string().trim().max(20_000, "must be at most 20000 characters").optional(),
    policyId: idSchema.optional(),
    live: z.boolean().optional(),
    requiresApproval: z.boolean().optional(),
  })
  .meta({ id: "CatalogueEntryUpdate" });

export const catalogueListSchema = z.object({ items: z.array(catalogueEntrySchema) }).meta({ id: "Catalogue" });
export const policyListSchema = z.object({ items: z.array(policySchema) }).meta({ id: "PolicyList" });

export const subscriptionStatusSchema = z.enum(["pending", "approved", "active", "declined", "revoked"]);

export const quotaSchema = z
  .object({
    /** -1 is unlimited. */
    max: z.number().int(),
    used: z.number().int(),
    /** `null` when unlimited. */
    remaining: z.number().int().nullable(),
    /** When the current window ends and `used` starts again from 0. */
    renewsAt: timestampSchema,
  })
  .meta({ id: "Quota" });

export const subscriptionSchema = z
  .object({
    id: idSchema,
    developerId: idSchema,
    status: subscriptionStatusSchema,
    /** The first characters of the key (the key itself is shown only once). `null` before it is issued. */
    keyPrefix: z.string().nullable(),
    policy: policySchema,
    /** The catalogue entry that publishes the key's policy, or `null`: "(No Catalogue Entry)". */
    catalogueEntry: z.object({ id: idSchema, name: z.string() }).nullable(),
    quota: quotaSchema,
    createdAt: timestampSchema,
    lastUsedAt: timestampSchema.nullable(),
    revokedAt: timestampSchema.nullable(),
    version: z.number().int(),
  })
  .meta({ id: "Subscription" });

export const subscriptionListSchema = z.object({ items: z.array(subscriptionSchema) }).meta({ id: "SubscriptionList" });

export const subscribeSchema = z.strictObject({ catalogueEntryId: idSchema }).meta({ id: "Subscribe" });

export const subscribedSchema = z
  .object({
    subscription: subscriptionSchema,
    /** The raw API key: shown only in this response. `null` while the request awaits approval. */
    key: z.string().nullable(),
  })
  .meta({ id: "Subscribed" });

export const changePolicySchema = z.strictObject({ policyId: idSchema }).meta({ id: "ChangePolicy" });

export const keyVerifySchema = z.strictObject({ key: z.string().min(1, "is required").max(200) }).meta({ id: "KeyVerify" });

export const keyVerificationSchema = z
  .object({
    valid: z.boolean(),
    /** Why the key is not valid: unknown, revoked, pending, inactive-developer. */
    reason: z.string().optional(),
    keyId: idSchema.optional(),
    developerId: idSchema.optional(),
    policy: z
      .object({ id: idSchema, name: z.string(), rate: z.number().int(), per: z.number().int(), apis: z.array(z.string()) })
      .optional(),
    quota: quotaSchema.optional(),
  })
  .meta({ id: "KeyVerification" });

export const auditEntrySchema = z
  .object({
    id: idSchema,
    actor: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: idSchema,
    before: z.unknown(),
    after: z.unknown(),
    createdAt: timestampSchema,
  })
  .meta({ id: "AuditEntry" });

export const auditPageSchema = z
  .object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: "AuditPage" });

export type Policy = z.infer<typeof policySchema>;
export type PolicyCreate = z.input<typeof policyCreateSchema>;
export type PolicyUpdate = z.input<typeof policyUpdateSchema>;
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;
export type CatalogueEntryCreate = z.input<typeof catalogueEntryCreateSchema>;
export type CatalogueEntryUpdate = z.input<typeof catalogueEntryUpdateSchema>;
export type Quota = z.infer<typeof quotaSchema>;
export type Subscription = z.infer<typeof subscriptionSchema>;
export type SubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;
export type Subscribed = z.infer<typeof subscribedSchema>;
export type KeyVerification = z.infer<typeof keyVerificationSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
