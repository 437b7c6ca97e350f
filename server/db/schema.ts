import type { ColumnType, Generated } from "kysely";

/** Set by the database on insert; read back as a Date. */
type CreatedAt = ColumnType<Date, never, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrgsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  allowed_origins: ColumnType<string[], string[] | undefined, string[]>;
  password_min_length: ColumnType<number, number | undefined, number>;
  session_same_site: ColumnType<SameSite, SameSite | undefined, SameSite>;
  signup_fields: ColumnType<SignupField[], string | undefined, string>;
  created_at: CreatedAt;
}

export type SameSite = "Lax" | "Strict" | "None";

/** An extra field an organisation asks for at sign-up (stored in the developer's `fields`). */
export interface SignupField {
  name: string;
  label: string;
  required: boolean;
}

/** Server-to-server credentials of an organisation; only the SHA-256 of the secret is kept. */
export interface OrgApiKeysTable {
  org_id: string;
  id: Generated<string>;
  key_hash: string;
  key_prefix: string;
  scopes: string[];
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
}

export interface DevelopersTable {
  org_id: string;
  id: Generated<string>;
  email: string;
  /** Trimmed, lower-cased, collated "C": the key for uniqueness, search and pagination. */
  email_normalized: string;
  name: string;
  telephone: string | null;
  country: string | null;
  fields: ColumnType<Record<string, string>, string | undefined, string>;
  inactive: ColumnType<boolean, boolean | undefined, boolean>;
  password_hash: string | null;
  version: ColumnType<number, never, number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AdminsTable {
  org_id: string;
  id: Generated<string>;
  email: string;
  email_normalized: string;
  name: string;
  password_hash: string;
  created_at: CreatedAt;
}

export interface SessionsTable {
  org_id: string;
  id: Generated<string>;
  token_hash: string;
  developer_id: string | null;
  admin_id: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  idle_expires_at: Timestamp;
  absolute_expires_at: Timestamp;
}

export interface LoginFailuresTable {
  org_id: string;
  key_hash: string;
  window_started_at: Timestamp;
  failures: number;
}

export interface Database {
  orgs: OrgsTable;
  org_api_keys: OrgApiKeysTable;
  developers: DevelopersTable;
  admins: AdminsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
}
