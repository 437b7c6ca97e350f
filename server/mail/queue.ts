import { sql, type Kysely, type Selectable, type UpdateObject } from "kysely";
import type { Database, MailOutboxTable } from "../db/schema.js";
import type { Logger } from "../logger.js";
import type { MailMessage, MailTransport } from "./transport.js";

/** Queues a mail; call inside the transaction that decides to send it, so both commit or neither. */
export async function enqueueMail(db: Kysely<Database>, orgId: string, message: MailMessage): Promise<void> {
  await db
    .insertInto("mail_outbox")
    .values({ org_id: orgId, to_address: message.to, subject: message.subject, text_body: message.text, html_body: message.html })
    .execute();
}

type ClaimedMail = Pick<
  Selectable<MailOutboxTable>,
  "org_id" | "id" | "to_address" | "subject" | "text_body" | "html_body" | "attempts"
>;

export interface MailWorkerOptions {
  pollMs?: number;
  /** First retry delay; it doubles per attempt up to `maxRetryMs`. */
  retryBaseMs?: number;
  maxRetryMs?: number;
  /** A claimed mail is retried by any process after this long if its sender died mid-send. */
  leaseMs?: number;
  batchSize?: number;
}

/**
 * Sends queued mail in the background. Rows are claimed with `for update skip locked` and a
 * lease, so several server processes share the queue and each mail goes out once (at least
 * once if a process dies between the SMTP answer and marking it sent).
 */
export class MailWorker {
  readonly #db: Kysely<Database>;
  readonly #transport: MailTransport;
  readonly #logger: Logger;
  readonly #options: Required<MailWorkerOptions>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(db: Kysely<Database>, transport: MailTransport, logger: Logger, options: MailWorkerOptions = {}) {
    this.#db = db;
    this.#transport = transport;
    this.#logger = logger;
    this.#options = { pollMs: 2_000, retryBaseMs: 5_000, maxRetryMs: 15 * 60_000, leaseMs: 60_000, batchSize: 20, ...options };
  }

  start(): void {
    this.#timer = setInterval(() => this.wake(), this.#options.pollMs);
    this.#timer.unref();
    this.wake();
  }

  /** Sends what is due now (after a request queued mail), without waiting for the next poll. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain()
      .catch((error: unknown) => this.#logger.warn({ err: error }, "mail queue pass failed"))
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#running;
    this.#transport.close();
  }

  async #drain(): Promise<void> {
    for (;;) {
      const batch = await this.#claim();
      if (batch.length === 0) return;
      await Promise.all(batch.map((mail) => this.#deliver(mail)));
      if (this.#stopped) return;
    }
  }

  async #claim(): Promise<ClaimedMail[]> {
    const { leaseMs, batchSize } = this.#options;
    return this.#db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom("mail_outbox")
        .select(["org_id", "id", "to_address", "subject", "text_body", "html_body", "attempts"])
        .where("sent_at", "is", null)
        .where("next_attempt_at", "<=", sql<Date>`now()`)
        .orderBy("next_attempt_at")
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const mail of due) {
        await trx
          .updateTable("mail_outbox")
          .set({ next_attempt_at: sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})` })
          .where("org_id", "=", mail.org_id)
          .where("id", "=", mail.id)
          .execute();
      }
      return due;
    });
  }

  async #deliver(mail: ClaimedMail): Promise<void> {
    const update = (values: UpdateObject<Database, "mail_outbox">) =>
      this.#db.updateTable("mail_outbox").set(values).where("org_id", "=", mail.org_id).where("id", "=", mail.id).execute();
    try {
      await this.#transport.send({ to: mail.to_address, subject: mail.subject, text: mail.text_body, html: mail.html_body });
      await update({ sent_at: sql<Date>`now()`, attempts: mail.attempts + 1, last_error: null });
    } catch (error) {
      const attempts = mail.attempts + 1;
      const delayMs = Math.min(this.#options.retryBaseMs * 2 ** (attempts - 1), this.#options.maxRetryMs);
      const reason = error instanceof Error ? error.message : String(error);
      this.#logger.warn({ mailId: mail.id, attempts, retryInMs: delayMs, reason }, "mail delivery failed; will retry");
      await update({
        attempts,
        last_error: reason.slice(0, 500),
        next_attempt_at: sql<Date>`now() + make_interval(secs => ${delayMs / 1000})`,
      });
    }
  }
}
