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
  created_at: CreatedAt;
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

export interface Database {
  orgs: OrgsTable;
  org_api_keys: OrgApiKeysTable;
  developers: DevelopersTable;
}
