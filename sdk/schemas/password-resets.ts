import { z } from "zod";
import { emailSchema, passwordSchema } from "./common.js";

export const passwordResetRequestSchema = z
  .strictObject({
    email: emailSchema,
    /** The page the mailed link opens (`?token=` is added); its origin must be allowed for the org. */
    resetUrl: z.string().max(2000).optional(),
  })
  .meta({ id: "PasswordResetRequest" });

export const passwordResetAcceptedSchema = z
  .object({ message: z.string() })
  .meta({ id: "PasswordResetAccepted" });

export const passwordResetConfirmSchema = z
  .strictObject({
    token: z.string().min(1, "is required").max(200, "is not a valid token"),
    newPassword: passwordSchema,
  })
  .meta({ id: "PasswordResetConfirm" });

export type PasswordResetRequest = z.input<typeof passwordResetRequestSchema>;
export type PasswordResetAccepted = z.infer<typeof passwordResetAcceptedSchema>;
export type PasswordResetConfirm = z.input<typeof passwordResetConfirmSchema>;
