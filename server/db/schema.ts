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
  /** The org's own reset page; reset links go there unless a request names an allowed one. */
  reset_url: string | null;
  reset_token_ttl_seconds: ColumnType<number, number | undefined, number>;
  /** Per-org overrides of the reset mail; `null` uses the built-in template. */
  reset_mail_subject: string | null;
  reset_mail_text: string | null;
  reset_mail_html: string | null;
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

export interface RateCountersTable {
  org_id: string;
  key_hash: string;
  window_started_at: Timestamp;
  count: number;
}

export interface PasswordResetTokensTable {
  org_id: string;
  id: Generated<string>;
  developer_id: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface MailOutboxTable {
  org_id: string;
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface PoliciesTable {
  org_id: string;
  id: Generated<string>;
  name: string;
  rate: number;
  per: number;
  /** -1 means unlimited. bigint comes back as a string through pg; the service converts. */
  quota_max: ColumnType<string | number, number, number>;
  quota_renewal_seconds: number;
  apis: ColumnType<string[], string[] | undefined, string[]>;
  state: ColumnType<"active" | "archived", "active" | "archived" | undefined, "active" | "archived">;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CatalogueEntriesTable {
  org_id: string;
  id: Generated<string>;
  name: string;
  short_description: ColumnType<string, string | undefined, string>;
  long_description: ColumnType<string, string | undefined, string>;
  policy_id: string;
  live: ColumnType<boolean, boolean | undefined, boolean>;
  requires_approval: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type KeyStatus = "pending" | "approved" | "active" | "declined" | "revoked";

export interface ApiKeysTable {
  org_id: string;
  id: Generated<string>;
  developer_id: string;
  policy_id: string;
  catalogue_entry_id: string | null;
  key_hash: string | null;
  key_prefix: string | null;
  status: KeyStatus;
  quota_window_started_at: Timestamp;
  quota_used: ColumnType<string | number, number | undefined, number>;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  version: ColumnType<number, never, number>;
}

export interface AuditLogTable {
  org_id: string;
  id: Generated<string>;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  created_at: CreatedAt;
}

/** bigint columns come back as strings through pg and as numbers through PGlite; read with Number(). */
type Count = ColumnType<string | number, number, number>;

export interface UsageRollupsTable {
  org_id: string;
  developer_id: string;
  hour: ColumnType<Date, Date, Date>;
  key_id: string;
  api: string;
  requests: Count;
  errors_4xx: Count;
  errors_5xx: Count;
  latency_sum_ms: Count;
  latency_count: Count;
  latency_max_ms: number;
}

export interface IdempotencyKeysTable {
  org_id: string;
  key: string;
  request_hash: string;
  response: ColumnType<unknown, string, never>;
  created_at: CreatedAt;
}

export interface Database {
  orgs: OrgsTable;
  org_api_keys: OrgApiKeysTable;
  developers: DevelopersTable;
  admins: AdminsTable;
  sessions: SessionsTable;
  rate_counters: RateCountersTable;
  password_reset_tokens: PasswordResetTokensTable;
  mail_outbox: MailOutboxTable;
  policies: PoliciesTable;
  catalogue_entries: CatalogueEntriesTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  usage_rollups: UsageRollupsTable;
  idempotency_keys: IdempotencyKeysTable;
}
