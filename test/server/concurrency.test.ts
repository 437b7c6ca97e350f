import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoClient } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";

// Racing edits of one developer (ETags) are in etags.test.ts; a policy change racing a revoke in subscriptions.test.ts.
for (const database of testDatabases()) {
  describe(`concurrent writes on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    let keyId: string;
    let developerId: string;
    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
      const policy = await org.admin.policies.create({ name: "P", rate: 1, per: 1, quotaMax: 100_000, quotaRenewalSeconds: 86400 });
      const entry = await org.admin.catalogue.create({ name: "E", policyId: policy.id, live: true });
      const anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
      const session = await anonymous.sessions.signup({ email: "c@example.com", password: "secret1", name: "C" });
      developerId = session.developer!.id;
      keyId = (await anonymous.withToken(session.token).me.subscribe(entry.id)).subscription.id;
    });
    after(() => server.close());

    const post = (records: unknown[], idempotencyKey: string) =>
      fetch(`${server.url}/v1/orgs/${org.slug}/usage/records`, {
        method: "POST",
        headers: { Authorization: `Bearer ${org.apiKey}`, "Content-Type": "application/json", "Idempotency-Key": idempotencyKey },
        body: JSON.stringify({ records }),
      }).then(async (response) => ({ status: response.status, body: await response.text() }));

    it("counts a batch sent ten times at once with one Idempotency-Key exactly once", async () => {
      const records = Array.from({ length: 50 }, () => ({ keyId, api: "race", timestamp: new Date().toISOString(), status: 200 }));
      const answers = await Promise.all(Array.from({ length: 10 }, () => post(records, "the-same-batch")));
      assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([200]));
      assert.equal(new Set(answers.map((answer) => answer.body)).size, 1, "every retry gets the first answer");
      const report = await org.admin.usage.forDeveloper(developerId, { api: "race" });
      assert.equal(report.totals.requests, 50);
      assert.equal((await org.admin.subscriptions.get(keyId)).quota.used, 50);
    });

    it("adds up different batches sent at once, with nothing lost", async () => {
      const before = (await org.admin.subscriptions.get(keyId)).quota.used;
      const batches = Array.from({ length: 8 }, (_, batch) =>
        post(Array.from({ length: 25 }, () => ({ keyId, api: "parallel", timestamp: new Date().toISOString(), status: 200 + batch })), `batch-${batch}`),
      );
      assert.deepEqual((await Promise.all(batches)).map((answer) => answer.status), Array(8).fill(200));
      assert.equal((await org.admin.usage.forDeveloper(developerId, { api: "parallel" })).totals.requests, 200);
      assert.equal((await org.admin.subscriptions.get(keyId)).quota.used - before, 200);
    });
  });
}
