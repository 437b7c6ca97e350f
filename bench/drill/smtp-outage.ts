/**
 * SMTP down while password reset mails are requested, then up again: the requests are answered
 * at once (202, the mail is queued in the database), the mail worker retries with backoff
 * (5 s, then doubling: the child server takes no worker options), and once the SMTP server is
 * back every mail is delivered exactly once, with a link that works.
 */
import { PorticoClient } from "../../sdk/index.js";
import { CHILD_ROOT_SECRET, startChildServer, type ChildServer } from "../support/child-server.js";
import { envInt } from "../support/env.js";
import { createScratchDatabase } from "../support/scratch-database.js";
import { SmtpSink } from "../support/smtp-sink.js";
import { countBy, DrillReport, latencySummary, seconds, sleep } from "./common.js";

export async function smtpOutageDrill(): Promise<DrillReport> {
  const report = new DrillReport("SMTP outage during password resets");
  const mails = Math.max(1, envInt("DRILL_SMTP_MAILS", 10));
  const downMs = envInt("DRILL_SMTP_DOWN_MS", 3000);
  const settleMs = envInt("DRILL_SMTP_SETTLE_MS", 15_000);
  const database = await createScratchDatabase("portico_drill_smtp");
  const sink = new SmtpSink();
  let server: ChildServer | undefined;
  try {
    // Take a free port, then go down on it: the server will be configured with a dead SMTP server.
    await sink.start(0);
    await sink.stop();
    server = await startChildServer({ databaseUrl: database.url, smtpUrl: sink.url, logLevel: "warn" });
    const root = new PorticoClient({ baseUrl: server.url, org: "-", apiKey: CHILD_ROOT_SECRET });
    const { apiKey } = await root.orgs.create({ slug: "smtp", name: "SMTP drill" });
    const admin = new PorticoClient({ baseUrl: server.url, org: "smtp", apiKey });
    const emails = Array.from({ length: mails }, (_, i) => `reset-drill-${i}@example.com`);
    for (const [i, email] of emails.entries()) await admin.developers.create({ email, name: `Reset Drill ${i}` });
    report.note(`SMTP server on port ${sink.port} is down; ${mails} developers ask for a password reset`);

    const anonymous = new PorticoClient({ baseUrl: server.url, org: "smtp" });
    const downAt = performance.now();
    const latencies: number[] = [];
    await Promise.all(
      emails.map(async (email) => {
        const begun = performance.now();
        await anonymous.passwordResets.request({ email });
        latencies.push(performance.now() - begun);
      }),
    );
    report.check(
      "reset requests are answered at once while SMTP is down",
      latencies.length === mails && Math.max(...latencies) < 2000,
      `202 × ${latencies.length}, ${latencySummary(latencies)}`,
    );

    await sleep(Math.max(0, downMs - (performance.now() - downAt)));
    const failedBefore = await database.pool.query<{ attempts: number; last_error: string | null; sent: boolean }>(
      "select attempts, last_error, sent_at is not null as sent from mail_outbox",
    );
    report.check(
      "the worker tried while SMTP was down and kept the mails queued",
      failedBefore.rows.length === mails && failedBefore.rows.every((row) => !row.sent && row.attempts >= 1),
      `${failedBefore.rows.length} queued, attempts ${JSON.stringify(countBy(failedBefore.rows, (row) => String(row.attempts)))}, ` +
        `last error "${failedBefore.rows[0]?.last_error ?? "none"}"; ${sink.received.length} delivered`,
    );

    await sink.start();
    const upAt = performance.now();
    report.note(`SMTP server back on port ${sink.port} after ${seconds(upAt - downAt)}`);
    const all = await sink.waitFor(mails, 60_000);
    const lastArrival = Math.max(...sink.received.map((item) => item.at));
    report.note(
      all
        ? `all ${mails} mails delivered ${seconds(lastArrival - upAt)} after SMTP came back (first ${seconds(Math.min(...sink.received.map((item) => item.at)) - upAt)})`
        : `only ${sink.received.length} of ${mails} mails within 60 s of SMTP coming back`,
    );
    // Later retries, the poll and a second pass of the queue must not send anything again.
    await sleep(settleMs);

    const perRecipient = countBy(sink.received, (item) => item.to);
    const twice = Object.entries(perRecipient).filter(([, count]) => count > 1);
    const missing = emails.filter((email) => !perRecipient[email]);
    report.check(
      "every mail delivered exactly once",
      missing.length === 0 && twice.length === 0 && sink.received.length === mails,
      `${sink.received.length} received for ${mails} requests (waited ${seconds(settleMs)} more); missing ${JSON.stringify(missing)}; more than once ${JSON.stringify(twice)}`,
    );
    const outbox = await database.pool.query<{ attempts: number; sent: boolean }>(
      "select attempts, sent_at is not null as sent from mail_outbox",
    );
    report.check(
      "the outbox has every mail sent, after retries",
      outbox.rows.every((row) => row.sent) && outbox.rows.every((row) => row.attempts >= 2),
      `${outbox.rows.filter((row) => row.sent).length} of ${outbox.rows.length} sent; attempts ${JSON.stringify(countBy(outbox.rows, (row) => String(row.attempts)))}`,
    );

    // The delivered link works: set a new password with it, then log in with that password.
    const first = sink.received.find((item) => item.to === emails[0]);
    const token = /token=(prt_[A-Za-z0-9_-]+)/.exec(first?.mail.text ?? "")?.[1];
    let linkWorks = false;
    let detail = "no reset link in the mail";
    if (token) {
      try {
        await anonymous.passwordResets.confirm({ token, newPassword: "a-new-password-after-outage" });
        const session = await anonymous.sessions.login({ email: emails[0]!, password: "a-new-password-after-outage" });
        linkWorks = !!session.token;
        detail = "confirm 204, login with the new password 201";
      } catch (error) {
        detail = error instanceof Error ? error.message : String(error);
      }
    }
    report.check("the delayed mail's reset link still works", linkWorks, detail);
    const warnings = server.logLines(40);
    report.note(
      `server warnings: ${warnings.length} (${JSON.stringify(countBy(warnings, (line) => String(line.msg)))}), e.g. ${JSON.stringify(warnings[0] ?? {}).slice(0, 250)}`,
    );
    const exit = await server.stop("SIGTERM");
    report.check("the server stops cleanly on SIGTERM", exit.code === 0, `exit ${exit.code ?? exit.signal}`);
  } catch (error) {
    report.crashed(error);
  } finally {
    await server?.stop("SIGKILL");
    await sink.stop();
    await database.drop();
  }
  return report;
}
