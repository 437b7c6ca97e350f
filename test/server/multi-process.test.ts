import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoClient } from "../../sdk/index.js";
import { startServer, type RunningServer } from "../../server/server.js";
import { testDatabases } from "../support/databases.js";
import { ROOT_SECRET, testServerConfig } from "../support/server.js";

const postgres = testDatabases().find((database) => database.name === "postgres");

// Sessions and login throttling across two processes are tested in session-security.test.ts.
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
