import { z } from "zod";
import {
  countrySchema,
  emailSchema,
  fieldsSchema,
  idSchema,
  nameSchema,
  passwordSchema,
  telephoneSchema,
  timestampSchema,
  PASSWORD_MAX_LENGTH,
} from "./common.js";
import { developerSchema } from "./developers.js";

export const signupSchema = z
  .strictObject({
    email: emailSchema,
    password: passwordSchema,
    name: nameSchema,
    telephone: telephoneSchema.nullable().optional(),
    country: countrySchema.nullable().optional(),
    /** Values for the organisation's extra signup fields. */
    fields: fieldsSchema.optional(),
  })
  .meta({ id: "Signup" });

export const roleSchema = z.enum(["developer", "admin"]);

export const loginSchema = z
  .strictObject({
    // Not checked as an email: any wrong input gets the same 401 as a wrong password.
    email: z.string().trim().min(1, "is required").max(254, "must be at most 254 characters"),
    password: z.string().min(1, "is required").max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`),
    role: roleSchema.default("developer"),
  })
  .meta({ id: "Login" });

export const adminSchema = z
  .object({ id: idSchema, email: z.string(), name: z.string(), createdAt: timestampSchema })
  .meta({ id: "Admin" });

export const adminCreateSchema = z
  .strictObject({ email: emailSchema, name: nameSchema, password: passwordSchema })
  .meta({ id: "AdminCreate" });

export const sessionSchema = z
  .object({
    /** Send as `Authorization: Bearer`; also set as the HttpOnly `portico_session` cookie. */
    token: z.string(),
    role: roleSchema,
    expiresAt: timestampSchema,
    developer: developerSchema.optional(),
    admin: adminSchema.optional(),
  })
  .meta({ id: "Session" });

/** The session a request is made with, without its token. */
export const currentSessionSchema = sessionSchema.omit({ token: true }).meta({ id: "CurrentSession" });

export const sessionInfoSchema = z
  .object({
    id: idSchema,
    userAgent: z.string().nullable(),
    createdAt: timestampSchema,
    lastSeenAt: timestampSchema,
    expiresAt: timestampSchema,
    /** True for the session making this request. */
    current: z.boolean(),
  })
  .meta({ id: "SessionInfo" });

export const sessionListSchema = z.object({ items: z.array(sessionInfoSchema) }).meta({ id: "SessionList" });

export const meUpdateSchema = z
  .strictObject({
    email: emailSchema.optional(),
    name: nameSchema.optional(),
    telephone: telephoneSchema.nullable().optional(),
    country: countrySchema.nullable().optional(),
  })
  .meta({ id: "ProfileUpdate" });

export const passwordChangeSchema = z
  .strictObject({
    currentPassword: z.string().min(1, "is required").max(PASSWORD_MAX_LENGTH),
    newPassword: passwordSchema,
  })
  .meta({ id: "PasswordChange" });

export type Signup = z.input<typeof signupSchema>;
export type Login = z.input<typeof loginSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Admin = z.infer<typeof adminSchema>;
export type AdminCreate = z.input<typeof adminCreateSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type CurrentSession = z.infer<typeof currentSessionSchema>;
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export type MeUpdate = z.input<typeof meUpdateSchema>;
export type PasswordChange = z.input<typeof passwordChangeSchema>;
