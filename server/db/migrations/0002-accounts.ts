import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table orgs
      add column session_same_site text not null default 'Lax' check (session_same_site in ('Lax', 'Strict', 'None')),
      add column signup_fields jsonb not null default '[]'`.execute(db);

  // Admins are a table apart from developers: no field edit can turn a developer into an admin.
  await sql`
    create table admins (
      org_id uuid not null references orgs (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      email text not null,
      email_normalized text collate "C" not null,
      name text not null,
      password_hash text not null,
      created_at timestamptz not null default now(),
      primary key (org_id, id),
      unique (org_id, email_normalized)
    )`.execute(db);

  // One row per login. Exactly one of developer_id / admin_id is set; deleting the person
  // deletes their sessions. Looked up by the token's hash before the org is known.
  await sql`
    create table sessions (
      org_id uuid not null references orgs (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      token_hash text not null unique,
      developer_id uuid,
      admin_id uuid,
      user_agent text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      idle_expires_at timestamptz not null,
      absolute_expires_at timestamptz not null,
      primary key (org_id, id),
      foreign key (org_id, developer_id) references developers (org_id, id) on delete cascade,
      foreign key (org_id, admin_id) references admins (org_id, id) on delete cascade,
      check ((developer_id is null) <> (admin_id is null))
    )`.execute(db);
  await sql`create index sessions_developer on sessions (org_id, developer_id) where developer_id is not null`.execute(db);

  // Rate-limit counters (failed logins, reset requests) per (org, hashed key) in a fixed window;
  // in the database so that every server process sees the same counts.
  await sql`
    create table rate_counters (
      org_id uuid not null references orgs (id) on delete cascade,
      key_hash text not null,
      window_started_at timestamptz not null,
      count integer not null,
      primary key (org_id, key_hash)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rate_counters`.execute(db);
  await sql`drop table sessions`.execute(db);
  await sql`drop table admins`.execute(db);
  await sql`alter table orgs drop column session_same_site, drop column signup_fields`.execute(db);
}
