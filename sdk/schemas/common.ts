import { z } from "zod";
import { isCountryCode } from "../countries.js";

/** PostgreSQL text and jsonb cannot hold U+0000; refuse it as a field error rather than fail on store. */
export const NO_NUL_MESSAGE = "must not contain NUL characters";
export const hasNoNul = (value: string) => !value.includes("\u0000");

/**
 * An address as people type it: an RFC 5322 dot-atom local part (what `<input type="email">` lets
 * through, so `o'brien`, `a_b`, `100%`, `x+tag` are fine) and a dotted domain with a letter TLD.
 */
export const EMAIL_PATTERN =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Emails are trimmed; comparisons are case-insensitive (the server lowercases a copy). */
export const emailSchema = z
  .string()
  .trim()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ pattern: EMAIL_PATTERN, message: "must be a valid email address" }));

/** The design's floor; an organisation may raise the minimum. */
export const PASSWORD_MIN_LENGTH = 6;
export const PASSWORD_MAX_LENGTH = 1024;

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const nameSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(200, "must be at most 200 characters")
  .refine(hasNoNul, NO_NUL_MESSAGE);

export const telephoneSchema = z
  .string()
  .trim()
  .max(32, "must be at most 32 characters")
  .regex(/^\+?[0-9 ()./-]*$/, "may contain only digits, spaces and + ( ) . / -");

/** ISO 3166-1 alpha-2, accepted in any case and stored upper-case. */
export const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, "must be an ISO 3166-1 alpha-2 country code");

/** Extra signup fields an organisation asks for: a flat map of short strings. */
export const fieldsSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, "field names are 1-64 letters, digits, _ . -"),
    z.string().max(2000, "must be at most 2000 characters").refine(hasNoNul, NO_NUL_MESSAGE),
  )
  .refine((fields) => Object.keys(fields).length <= 50, "at most 50 fields");

export const idSchema = z.uuid("must be a UUID");

export const timestampSchema = z.string().meta({ format: "date-time" });
