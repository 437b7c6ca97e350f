import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table orgs
      add column reset_url text,
      add column reset_token_ttl_seconds integer not null default 3600,
      add column reset_mail_subject text,
      add column reset_mail_text text,
      add column reset_mail_html text`.execute(db);

  await sql`
    create table password_reset_tokens (
      org_id uuid not null,
      id uuid not null default gen_random_uuid(),
      developer_id uuid not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      primary key (org_id, id),
      foreign key (org_id, developer_id) references developers (org_id, id) on delete cascade
    )`.execute(db);
  await sql`create index password_reset_tokens_developer on password_reset_tokens (org_id, developer_id)`.execute(db);

  // Mail is queued in the same transaction as what caused it and sent by a worker with retries,
  // so an SMTP outage delays mail but loses none.
  await sql`
    create table mail_outbox (
      org_id uuid not null references orgs (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      to_address text not null,
      subject text not null,
      text_body text not null,
      html_body text not null,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (org_id, id)
    )`.execute(db);
  await sql`create index mail_outbox_due on mail_outbox (next_attempt_at) where sent_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table mail_outbox`.execute(db);
  await sql`drop table password_reset_tokens`.execute(db);
  await sql`
    alter table orgs drop column reset_url, drop column reset_token_ttl_seconds,
      drop column reset_mail_subject, drop column reset_mail_text, drop column reset_mail_html`.execute(db);
}
