import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table orgs (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique,
      name text not null,
      allowed_origins text[] not null default '{}',
      password_min_length integer not null default 6,
      created_at timestamptz not null default now()
    )`.execute(db);

  // Looked up by the hash of the presented secret before the organisation is known,
  // so the hash itself is the unique key; every other access filters by org_id.
  await sql`
    create table org_api_keys (
      org_id uuid not null references orgs (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      key_hash text not null unique,
      key_prefix text not null,
      scopes text[] not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      primary key (org_id, id)
    )`.execute(db);

  // email_normalized is collated "C" so the unique index also serves prefix search
  // (LIKE 'abc%') and keyset pagination in byte order.
  await sql`
    create table developers (
      org_id uuid not null references orgs (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      email text not null,
      email_normalized text collate "C" not null,
      name text not null,
      telephone text,
      country text,
      fields jsonb not null default '{}',
      inactive boolean not null default false,
      password_hash text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id),
      unique (org_id, email_normalized)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table developers`.execute(db);
  await sql`drop table org_api_keys`.execute(db);
  await sql`drop table orgs`.execute(db);
}
