import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoClient } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";

// PostgreSQL text cannot hold NUL: every route refuses it with a 400 naming the field (found by the fuzz test).
for (const database of testDatabases()) {
  describe(`NUL characters on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    let entryId: string;
    let keyId: string;
    let developerId: string;
    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
      const policy = await org.admin.policies.create({ name: "P", rate: 1, per: 1, quotaMax: 10, quotaRenewalSeconds: 3600 });
      entryId = (await org.admin.catalogue.create({ name: "E", policyId: policy.id, live: true })).id;
      const anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
      const session = await anonymous.sessions.signup({ email: "n@example.com", password: "secret1", name: "N" });
      developerId = session.developer!.id;
      keyId = (await anonymous.withToken(session.token).me.subscribe(entryId)).subscription.id;
    });
    after(() => server.close());

    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server.url}/v1/orgs/${org.slug}${path}`, {
        method,
        headers: { Authorization: `Bearer ${org.apiKey}`, ...(body !== undefined && { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    };

    it("refuses a NUL in any body field or query parameter, naming it, and stores nothing", async () => {
      const patched = await call("PATCH", `/catalogue/${entryId}`, { name: "bad\u0000name" });
      assert.deepEqual([patched.status, patched.body.errors], [400, { name: "must not contain NUL characters" }]);
      const nested = await call("POST", "/policies", { name: "ok", rate: 1, per: 1, quotaMax: 1, quotaRenewalSeconds: 3600, apis: ["a", "b\u0000"] });
      assert.deepEqual([nested.status, nested.body.errors], [400, { "apis.1": "must not contain NUL characters" }]);
      const query = await call("GET", `/developers/${developerId}/usage?api=%00`);
      assert.deepEqual([query.status, query.body.errors], [400, { api: "must not contain NUL characters" }]);
      assert.equal((await org.admin.catalogue.get(entryId)).name, "E");
    });

    it("reports a usage record with a NUL by index and keeps the others", async () => {
      const now = new Date().toISOString();
      const result = await call("POST", "/usage/records", {
        records: [
          { keyId, api: "fine", timestamp: now, status: 200 },
          { keyId, api: "bad\u0000", timestamp: now, status: 200 },
        ],
      });
      assert.equal(result.status, 200);
      assert.equal(result.body.accepted, 1);
      assert.deepEqual(result.body.rejected, [{ index: 1, errors: { api: "must not contain NUL characters" } }]);
    });
  });
}
