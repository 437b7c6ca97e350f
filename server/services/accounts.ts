import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Database } from "../db/schema.js";
import type { Org } from "../context.js";
import type { Admin, Session, adminCreateSchema, loginSchema, passwordChangeSchema, signupSchema } from "../../sdk/schemas/accounts.js";
import { hashPassword, verifyPassword } from "../passwords.js";
import { ProblemError, invalidFields } from "../problem.js";
import { checkPasswordPolicy, createDeveloper, getDeveloper, normalizeEmail } from "./developers.js";
import { isUniqueViolation } from "./db-errors.js";
import { loginThrottle } from "./login-throttle.js";
import { createSession, revokeDeveloperSessions } from "./sessions.js";

type SignupInput = z.output<typeof signupSchema>;
type LoginInput = z.output<typeof loginSchema>;
type PasswordChangeInput = z.output<typeof passwordChangeSchema>;
type AdminCreateInput = z.output<typeof adminCreateSchema>;

export interface ClientInfo {
  address: string;
  userAgent: string | undefined;
}

/** One message for every failed login, so it does not tell which of email and password was wrong. */
const badCredentials = () =>
  new ProblemError(401, "The email or password is incorrect.", { type: "invalid-credentials" });

/** Verified against when the account does not exist, so both failures take the same time. */
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

async function passwordMatches(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  const matches = await verifyPassword(passwordHash ?? (await getDummyHash()), password).catch(() => false);
  return matches && !!passwordHash;
}

/** The org's extra signup fields: only known names, and every required one filled in. */
function checkSignupFields(org: Org, fields: Record<string, string>): void {
  const errors: Record<string, string> = {};
  const known = new Map(org.signup_fields.map((field) => [field.name, field]));
  for (const name of Object.keys(fields)) {
    if (!known.has(name)) errors[`fields.${name}`] = "is not a signup field of this organisation";
  }
  for (const field of org.signup_fields) {
    if (field.required && !fields[field.name]?.trim()) errors[`fields.${field.name}`] = "is required";
  }
  if (Object.keys(errors).length) throw invalidFields(errors);
}

export async function signup(db: Kysely<Database>, org: Org, input: SignupInput, client: ClientInfo): Promise<Session> {
  checkSignupFields(org, input.fields ?? {});
  const developer = await createDeveloper(db, org, input);
  const session = await createSession(db, org.id, { developerId: developer.id }, client.userAgent);
  return { token: session.token, role: "developer", expiresAt: session.expiresAt.toISOString(), developer };
}

export async function login(db: Kysely<Database>, org: Org, input: LoginInput, client: ClientInfo): Promise<Session> {
  const emailNormalized = normalizeEmail(input.email);
  const throttle = loginThrottle(db, org.id, input.role, emailNormalized, client.address);
  await throttle.check();

  const account =
    input.role === "admin"
      ? await db
          .selectFrom("admins")
          .select(["id", "password_hash"])
          .where("org_id", "=", org.id)
          .where("email_normalized", "=", emailNormalized)
          .executeTakeFirst()
      : await db
          .selectFrom("developers")
          .select(["id", "password_hash", "inactive"])
          .where("org_id", "=", org.id)
          .where("email_normalized", "=", emailNormalized)
          .executeTakeFirst();
  if (!(await passwordMatches(account?.password_hash, input.password)) || !account) {
    await throttle.recordFailure();
    throw badCredentials();
  }
  if ("inactive" in account && account.inactive) {
    // Only said after the password proved who is asking.
    throw new ProblemError(403, "This account is inactive. Contact the portal's administrators.", { type: "inactive" });
  }
  await throttle.recordSuccess();

  if (input.role === "admin") {
    const session = await createSession(db, org.id, { adminId: account.id }, client.userAgent);
    return { token: session.token, role: "admin", expiresAt: session.expiresAt.toISOString(), admin: await getAdmin(db, org.id, account.id) };
  }
  const session = await createSession(db, org.id, { developerId: account.id }, client.userAgent);
  return {
    token: session.token,
    role: "developer",
    expiresAt: session.expiresAt.toISOString(),
    developer: await getDeveloper(db, org.id, account.id),
  };
}

/** Needs the current password; ends the developer's other sessions. */
export async function changePassword(
  db: Kysely<Database>,
  org: Org,
  developerId: string,
  currentSessionId: string,
  input: PasswordChangeInput,
): Promise<void> {
  checkPasswordPolicy(org, input.newPassword, "newPassword");
  const row = await db
    .selectFrom("developers")
    .select("password_hash")
    .where("org_id", "=", org.id)
    .where("id", "=", developerId)
    .executeTakeFirstOrThrow();
  if (!(await passwordMatches(row.password_hash, input.currentPassword))) {
    throw invalidFields({ currentPassword: "is incorrect" }, "The current password is incorrect.");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("developers")
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where("org_id", "=", org.id)
      .where("id", "=", developerId)
      .execute();
    await revokeDeveloperSessions(trx, org.id, developerId, currentSessionId);
  });
}

export async function createAdmin(db: Kysely<Database>, org: Org, input: AdminCreateInput): Promise<Admin> {
  checkPasswordPolicy(org, input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await db
      .insertInto("admins")
      .values({
        org_id: org.id,
        email: input.email,
        email_normalized: normalizeEmail(input.email),
        name: input.name,
        password_hash: passwordHash,
      })
      .returning(["id", "email", "name", "created_at"])
      .executeTakeFirstOrThrow();
    return { id: row.id, email: row.email, name: row.name, createdAt: row.created_at.toISOString() };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ProblemError(409, "An admin with this email exists in this organisation.", {
        type: "conflict",
        errors: { email: "is already registered" },
      });
    }
    throw error;
  }
}

export async function getAdmin(db: Kysely<Database>, orgId: string, adminId: string): Promise<Admin> {
  const row = await db
    .selectFrom("admins")
    .select(["id", "email", "name", "created_at"])
    .where("org_id", "=", orgId)
    .where("id", "=", adminId)
    .executeTakeFirstOrThrow();
  return { id: row.id, email: row.email, name: row.name, createdAt: row.created_at.toISOString() };
}
