import { z } from "zod";
import { NO_NUL_MESSAGE, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, hasNoNul, idSchema, timestampSchema } from "./common.js";

export const orgSlugSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "must be 1-63 lower-case letters, digits or '-'");

/** A web origin such as `https://portal.example.com` (scheme, host and port only). */
export const originSchema = z
  .string()
  .max(255)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value;
    } catch {
      return false;
    }
  }, "must be an origin like https://portal.example.com (no path or trailing slash)");

export const signupFieldSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, "must be 1-64 letters, digits, _ . - starting with a letter"),
    label: z.string().trim().min(1, "is required").max(200).refine(hasNoNul, NO_NUL_MESSAGE),
    required: z.boolean().default(false),
  })
  .meta({ id: "SignupField" });

export const sameSiteSchema = z.enum(["Lax", "Strict", "None"]);

export const orgCreateSchema = z
  .strictObject({
    slug: orgSlugSchema,
    name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters").refine(hasNoNul, NO_NUL_MESSAGE),
    allowedOrigins: z.array(originSchema).max(50).optional(),
    passwordMinLength: z.number().int().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH).optional(),
    signupFields: z.array(signupFieldSchema).max(20).optional(),
    /** `None` lets a page on another site use the session cookie (served over HTTPS only). */
    sessionSameSite: sameSiteSchema.optional(),
  })
  .meta({ id: "OrgCreate" });

/** Settings an org admin may change; the slug is fixed. `null` restores a default. */
export const orgUpdateSchema = orgCreateSchema
  .omit({ slug: true })
  .partial()
  .extend({
    /** The org's reset page; mailed links open it with `?token=`. */
    resetUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000).nullable().optional(),
    resetTokenTtlSeconds: z.number().int().min(300).max(7 * 24 * 3600).optional(),
    /** Reset mail templates with {{orgName}}, {{name}}, {{link}} and {{expiresInMinutes}}. */
    resetMailSubject: z.string().min(1).max(200).nullable().optional(),
    resetMailText: z.string().min(1).max(20_000).refine((text) => text.includes("{{link}}"), "must contain {{link}}").nullable().optional(),
    resetMailHtml: z.string().min(1).max(50_000).refine((text) => text.includes("{{link}}"), "must contain {{link}}").nullable().optional(),
  })
  .meta({ id: "OrgUpdate" });

export const orgSchema = z
  .object({
    id: idSchema,
    slug: z.string(),
    name: z.string(),
    allowedOrigins: z.array(z.string()),
    passwordMinLength: z.number().int(),
    signupFields: z.array(signupFieldSchema),
    sessionSameSite: sameSiteSchema,
    resetUrl: z.string().nullable(),
    resetTokenTtlSeconds: z.number().int(),
    resetMailSubject: z.string().nullable(),
    resetMailText: z.string().nullable(),
    resetMailHtml: z.string().nullable(),
    createdAt: timestampSchema,
  })
  .meta({ id: "Org" });

/** What anyone may read about an organisation (for sign-up and login pages). */
export const publicOrgSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    passwordMinLength: z.number().int(),
    signupFields: z.array(signupFieldSchema),
  })
  .meta({ id: "PublicOrg" });

export const orgCreatedSchema = z
  .object({
    org: orgSchema,
    /** The org API key with scopes `admin` and `usage:write`; shown only in this response. */
    apiKey: z.string(),
  })
  .meta({ id: "OrgCreated" });

export type OrgCreate = z.input<typeof orgCreateSchema>;
export type OrgUpdate = z.input<typeof orgUpdateSchema>;
export type SignupField = z.infer<typeof signupFieldSchema>;
export type Org = z.infer<typeof orgSchema>;
export type PublicOrg = z.infer<typeof publicOrgSchema>;
export type OrgCreated = z.infer<typeof orgCreatedSchema>;
