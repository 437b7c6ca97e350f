import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoClient, PorticoError } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";
import { SmtpCapture, resetLink } from "../support/smtp-capture.js";

const PORTAL = "https://portal.example.com";

async function problem(promise: Promise<unknown>): Promise<PorticoError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PorticoError, String(error));
    return error;
  }
  assert.fail("expected the call to fail");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const database of testDatabases()) {
  describe(`password reset by email on ${database.name}`, () => {
    const smtp = new SmtpCapture();
    let server: TestServer;
    let org: TestOrg;
    let anonymous: PorticoClient;
    before(async () => {
      await smtp.start();
      server = await startTestServer(database, { smtpUrl: smtp.url }, { mail: { pollMs: 100, retryBaseMs: 200 } });
      org = await createTestOrg(server, { allowedOrigins: [PORTAL] });
      anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
    });
    after(async () => {
      await server.close();
      await smtp.stop();
    });

    it("mails one link, resets the password once, and ends the old sessions", async () => {
      smtp.mails.length = 0;
      const before = await anonymous.sessions.signup({ email: "forgetful@example.com", password: "old-password", name: "Forgetful" });
      const accepted = await anonymous.passwordResets.request({ email: " Forgetful@Example.com", resetUrl: `${PORTAL}/reset` });

      const [mail] = await smtp.waitForMails(1);
      assert.equal(mail!.to && "text" in mail!.to ? mail!.to.text : "", "forgetful@example.com");
      assert.match(mail!.subject ?? "", new RegExp(`Org ${org.slug}`));
      assert.match(mail!.html || "", /href="https:\/\/portal\.example\.com\/reset\?token=prt_/);
      const link = resetLink(mail!);
      assert.equal(link.origin + link.pathname, `${PORTAL}/reset`);
      const token = link.searchParams.get("token")!;

      // An unknown address looks the same to the caller and sends nothing.
      const unknown = await anonymous.passwordResets.request({ email: "nobody@example.com", resetUrl: `${PORTAL}/reset` });
      assert.deepEqual(unknown, accepted);

      const tooShort = await problem(anonymous.passwordResets.confirm({ token, newPassword: "12345" }));
      assert.equal(tooShort.status, 400);
      assert.ok(tooShort.errors.newPassword);

      await anonymous.passwordResets.confirm({ token, newPassword: "new-password" });
      assert.equal((await problem(anonymous.withToken(before.token).me.get())).status, 401, "old sessions end");
      assert.equal((await problem(anonymous.sessions.login({ email: "forgetful@example.com", password: "old-password" }))).status, 401);
      await anonymous.sessions.login({ email: "forgetful@example.com", password: "new-password" });

      const reused = await problem(anonymous.passwordResets.confirm({ token, newPassword: "another-password" }));
      assert.equal(reused.errors.token, "has already been used");
      await sleep(300);
      assert.equal(smtp.mails.length, 1, "exactly one mail: none for the unknown address");
    });

    it("voids an older link when a newer one is requested", async () => {
      smtp.mails.length = 0;
      await org.admin.developers.create({ email: "twice@example.com", name: "Twice", password: "first-password" });
      await anonymous.passwordResets.request({ email: "twice@example.com" });
      const [first] = await smtp.waitForMails(1);
      await anonymous.passwordResets.request({ email: "twice@example.com" });
      const [, second] = await smtp.waitForMails(2);
      const older = resetLink(first!).searchParams.get("token")!;
      const newer = resetLink(second!).searchParams.get("token")!;
      assert.equal((await problem(anonymous.passwordResets.confirm({ token: older, newPassword: "second-password" }))).status, 400);
      await anonymous.passwordResets.confirm({ token: newer, newPassword: "second-password" });
      await anonymous.sessions.login({ email: "twice@example.com", password: "second-password" });
    });

    it("refuses made-up and expired tokens, and reset pages on origins the org did not allow", async () => {
      smtp.mails.length = 0;
      const madeUp = await problem(anonymous.passwordResets.confirm({ token: "prt_made-up", newPassword: "whatever-1" }));
      assert.equal(madeUp.status, 400);
      assert.ok(madeUp.errors.token);

      const evil = await problem(anonymous.passwordResets.request({ email: "twice@example.com", resetUrl: "https://evil.example.net/steal" }));
      assert.equal(evil.status, 400);
      assert.ok(evil.errors.resetUrl);

      await org.admin.developers.create({ email: "late@example.com", name: "Late", password: "late-password" });
      await anonymous.passwordResets.request({ email: "late@example.com" });
      const [mail] = await smtp.waitForMails(1);
      await server.db.updateTable("password_reset_tokens").set({ expires_at: new Date(Date.now() - 1000) }).execute();
      const expired = await problem(anonymous.passwordResets.confirm({ token: resetLink(mail!).searchParams.get("token")!, newPassword: "late-password-2" }));
      assert.match(expired.errors.token ?? "", /expired/);
    });

    it("lets an admin send the reset mail without seeing the link", async () => {
      smtp.mails.length = 0;
      const developer = await org.admin.developers.create({ email: "helped@example.com", name: "Helped" });
      const answer = await org.admin.passwordResets.sendFor(developer.id);
      assert.doesNotMatch(JSON.stringify(answer), /prt_/);
      const [mail] = await smtp.waitForMails(1);
      assert.equal(mail!.to && "text" in mail!.to ? mail!.to.text : "", "helped@example.com");
    });

    it("delivers mail requested while the SMTP server was down once it is back", async () => {
      smtp.mails.length = 0;
      await org.admin.developers.create({ email: "patient@example.com", name: "Patient", password: "patient-password" });
      await smtp.stop();
      await anonymous.passwordResets.request({ email: "patient@example.com" });
      // Wait until the worker has tried and failed at least once.
      for (let tries = 0; ; tries++) {
        const row = await server.db.selectFrom("mail_outbox").select(["attempts", "sent_at"]).where("to_address", "=", "patient@example.com").executeTakeFirst();
        if (row && row.attempts > 0 && !row.sent_at) break;
        assert.ok(tries < 200, "the worker never tried to send");
        await sleep(25);
      }
      await smtp.start();
      const [mail] = await smtp.waitForMails(1, 15_000);
      assert.equal(mail!.to && "text" in mail!.to ? mail!.to.text : "", "patient@example.com");
      await sleep(500);
      assert.equal(smtp.mails.length, 1, "delivered once");
    });
  });
}
