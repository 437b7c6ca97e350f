import { z } from "zod";
import {
  countrySchema,
  emailSchema,
  fieldsSchema,
  hasNoNul,
  idSchema,
  nameSchema,
  NO_NUL_MESSAGE,
  passwordSchema,
  telephoneSchema,
  timestampSchema,
} from "./common.js";

export const developerSchema = z
  .object({
    id: idSchema,
    email: z.string(),
    name: z.string(),
    telephone: z.string().nullable(),
    country: z.string().nullable(),
    fields: z.record(z.string(), z.string()),
    inactive: z.boolean(),
    /** Gravatar URL with `d=404`: a 404 means "no avatar, show initials". */
    avatarUrl: z.string(),
    /** Increases on every change; the `ETag` header carries it for `If-Match`. */
    version: z.number().int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "Developer" });

export const developerCreateSchema = z
  .strictObject({
    email: emailSchema,
    name: nameSchema,
    telephone: telephoneSchema.nullable().optional(),
    country: countrySchema.nullable().optional(),
    password: passwordSchema.optional(),
    fields: fieldsSchema.optional(),
    inactive: z.boolean().optional(),
  })
  .meta({ id: "DeveloperCreate" });

/** Every field an admin may change; `null` clears an optional one. Passwords change only by reset. */
export const developerUpdateSchema = z
  .strictObject({
    email: emailSchema.optional(),
    name: nameSchema.optional(),
    telephone: telephoneSchema.nullable().optional(),
    country: countrySchema.nullable().optional(),
    fields: fieldsSchema.optional(),
    inactive: z.boolean().optional(),
  })
  .meta({ id: "DeveloperUpdate" });

export const DEVELOPER_PAGE_MAX = 100;

export const developerListQuerySchema = z.strictObject({
  /** Case-insensitive prefix of the email. */
  email: z.string().trim().toLowerCase().max(254).refine(hasNoNul, NO_NUL_MESSAGE).optional(),
  /** Case-insensitive substring of the name or email. */
  q: z.string().trim().max(200).refine(hasNoNul, NO_NUL_MESSAGE).optional(),
  limit: z.coerce.number().int().min(1).max(DEVELOPER_PAGE_MAX).default(25),
  cursor: z.string().max(1024).optional(),
});

export const developerPageSchema = z
  .object({
    items: z.array(developerSchema),
    /** Pass back as `cursor` for the next page; `null` on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "DeveloperPage" });

export type Developer = z.infer<typeof developerSchema>;
export type DeveloperCreate = z.input<typeof developerCreateSchema>;
export type DeveloperUpdate = z.input<typeof developerUpdateSchema>;
export interface DeveloperListQuery {
  email?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}
export type DeveloperPage = z.infer<typeof developerPageSchema>;
