import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Usage is kept as hourly rollups per (developer, key, api), never as raw events: the 7-day
  // dashboard reads at most 168 rows per key and API however many requests were made.
  await sql`
    create table usage_rollups (
      org_id uuid not null,
      developer_id uuid not null,
      hour timestamptz not null,
      key_id uuid not null,
      api text not null,
      requests bigint not null,
      errors_4xx bigint not null,
      errors_5xx bigint not null,
      latency_sum_ms bigint not null,
      latency_count bigint not null,
      latency_max_ms integer not null,
      primary key (org_id, developer_id, hour, key_id, api),
      foreign key (org_id, developer_id) references developers (org_id, id) on delete cascade
    )`.execute(db);

  // A retried ingestion batch with the same Idempotency-Key gets the first answer back
  // instead of being counted again.
  await sql`
    create table idempotency_keys (
      org_id uuid not null references orgs (id) on delete cascade,
      key text not null,
      request_hash text not null,
      response jsonb not null,
      created_at timestamptz not null default now(),
      primary key (org_id, key)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table idempotency_keys`.execute(db);
  await sql`drop table usage_rollups`.execute(db);
}
