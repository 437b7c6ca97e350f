import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoClient } from "../../sdk/index.js";
import { startServer, type RunningServer } from "../../server/server.js";
import { testDatabases } from "../support/databases.js";
import { ROOT_SECRET, testServerConfig } from "../support/server.js";
import { ACCOUNT_FAILURE_LIMIT } from "../../server/services/login-throttle.js";

async function status(promise: Promise<unknown>): Promise<number> {
  return promise.then(
    () => 200,
    (error: { status: number }) => error.status,
  );
}

const postgres = testDatabases().find((database) => database.name === "postgres");

describe("two server processes on one PostgreSQL", { skip: postgres ? false : "needs DATABASE_URL" }, () => {
  let first: RunningServer;
  let second: RunningServer;
  let dispose: () => Promise<void>;
  before(async () => {
    const target = postgres!.fresh();
    first = await startServer(testServerConfig(target));
    second = await startServer(testServerConfig(target));
    dispose = () => postgres!.dispose(target);
  });
  after(async () => {
    await first.close();
    await second.close();
    await dispose();
  });

  async function orgOnBoth(slug: string) {
    const { apiKey } = await new PorticoClient({ baseUrl: first.url, org: "-", apiKey: ROOT_SECRET }).orgs.create({ slug, name: slug });
    return {
      adminOnFirst: new PorticoClient({ baseUrl: first.url, org: slug, apiKey }),
      adminOnSecond: new PorticoClient({ baseUrl: second.url, org: slug, apiKey }),
      anonymousOnFirst: new PorticoClient({ baseUrl: first.url, org: slug }),
      anonymousOnSecond: new PorticoClient({ baseUrl: second.url, org: slug }),
    };
  }

  it("shares sessions and login throttling", async () => {
    const { anonymousOnFirst: onFirst, anonymousOnSecond: onSecond } = await orgOnBoth("sessions-shared");
    const session = await onFirst.sessions.signup({ email: "both@example.com", password: "right-password", name: "B" });
    assert.equal((await onSecond.withToken(session.token).me.get()).email, "both@example.com");
    for (let attempt = 0; attempt < ACCOUNT_FAILURE_LIMIT; attempt++) {
      const client = attempt % 2 ? onFirst : onSecond;
      assert.equal(await status(client.sessions.login({ email: "both@example.com", password: "wrong" })), 401);
    }
    assert.equal(await status(onFirst.sessions.login({ email: "both@example.com", password: "right-password" })), 429);
    assert.equal(await status(onSecond.sessions.login({ email: "both@example.com", password: "right-password" })), 429);
  });

  it("a key revoked on one process fails verification on the other at once", async () => {
    const { adminOnFirst, adminOnSecond, anonymousOnFirst } = await orgOnBoth("keys-shared");
    const policy = await adminOnFirst.policies.create({ name: "P", rate: 1, per: 1, quotaMax: 10, quotaRenewalSeconds: 3600 });
    const entry = await adminOnFirst.catalogue.create({ name: "E", policyId: policy.id, live: true });
    const session = await anonymousOnFirst.sessions.signup({ email: "k@example.com", password: "secret1", name: "K" });
    const { subscription, key } = await anonymousOnFirst.withToken(session.token).me.subscribe(entry.id);
    assert.equal((await adminOnSecond.keys.verify(key!)).valid, true);
    await adminOnFirst.subscriptions.revoke(subscription.id);
    assert.equal((await adminOnSecond.keys.verify(key!)).valid, false);
  });

  it("a reset link mailed by one process works on the other, once", async () => {
    const { adminOnFirst, anonymousOnFirst, anonymousOnSecond } = await orgOnBoth("resets-shared");
    await adminOnFirst.developers.create({ email: "r@example.com", name: "R", password: "old-password" });
    await anonymousOnFirst.passwordResets.request({ email: "r@example.com" });
    const mail = await first.database.db.selectFrom("mail_outbox").select("text_body").where("to_address", "=", "r@example.com").executeTakeFirstOrThrow();
    const token = /token=(prt_[A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;
    await anonymousOnSecond.passwordResets.confirm({ token, newPassword: "new-password" });
    await anonymousOnFirst.sessions.login({ email: "r@example.com", password: "new-password" });
    const reused = await anonymousOnFirst.passwordResets.confirm({ token, newPassword: "another-one" }).catch((error: unknown) => error);
    assert.equal((reused as { status: number }).status, 400);
  });
});
