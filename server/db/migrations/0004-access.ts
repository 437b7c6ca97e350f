import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table policies (
      org_id uuid not null references orgs (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      name text not null,
      rate integer not null check (rate > 0),
      per integer not null check (per > 0),
      quota_max bigint not null check (quota_max >= -1),
      quota_renewal_seconds integer not null check (quota_renewal_seconds > 0),
      apis text[] not null default '{}',
      state text not null default 'active' check (state in ('active', 'archived')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id)
    )`.execute(db);

  await sql`
    create table catalogue_entries (
      org_id uuid not null references orgs (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      name text not null,
      short_description text not null default '',
      long_description text not null default '',
      policy_id uuid not null,
      live boolean not null default false,
      requires_approval boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, policy_id) references policies (org_id, id)
    )`.execute(db);
  await sql`create index catalogue_entries_policy on catalogue_entries (org_id, policy_id)`.execute(db);

  // A subscription is a developer's API key under a policy. The key is looked up by its hash
  // (gateways verify it before they know the org). The quota counter of the current window
  // lives on the key, so verification is one indexed read.
  await sql`
    create table api_keys (
      org_id uuid not null references orgs (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      developer_id uuid not null,
      policy_id uuid not null,
      catalogue_entry_id uuid,
      key_hash text unique,
      key_prefix text,
      status text not null check (status in ('pending', 'approved', 'active', 'declined', 'revoked')),
      -- Millisecond precision, like the JavaScript dates it is compared with.
      quota_window_started_at timestamptz not null default date_trunc('milliseconds', now()),
      quota_used bigint not null default 0,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      version integer not null default 1,
      primary key (org_id, id),
      foreign key (org_id, developer_id) references developers (org_id, id) on delete cascade,
      foreign key (org_id, policy_id) references policies (org_id, id)
    )`.execute(db);
  await sql`create index api_keys_developer on api_keys (org_id, developer_id)`.execute(db);
  await sql`create index api_keys_policy on api_keys (org_id, policy_id)`.execute(db);

  await sql`
    create table audit_log (
      org_id uuid not null references orgs (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      actor text not null,
      action text not null,
      target_type text not null,
      target_id uuid not null,
      before jsonb,
      after jsonb,
      created_at timestamptz not null default now(),
      primary key (org_id, id)
    )`.execute(db);
  await sql`create index audit_log_recent on audit_log (org_id, created_at desc, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_log`.execute(db);
  await sql`drop table api_keys`.execute(db);
  await sql`drop table catalogue_entries`.execute(db);
  await sql`drop table policies`.execute(db);
}
