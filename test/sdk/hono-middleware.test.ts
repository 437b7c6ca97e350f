import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Hono } from "hono";
import { PorticoClient, UsageRecorder } from "../../sdk/index.js";
import { porticoUsage } from "../../sdk/hono.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";

const [database] = testDatabases();

describe("porticoUsage middleware for a Hono API", () => {
  let server: TestServer;
  let org: TestOrg;
  let developer: PorticoClient;
  let key: string;
  let keyId: string;

  before(async () => {
    server = await startTestServer(database!);
    org = await createTestOrg(server);
    const policy = await org.admin.policies.create({ name: "Tiny", rate: 10, per: 1, quotaMax: 3, quotaRenewalSeconds: 86400 });
    const entry = await org.admin.catalogue.create({ name: "Echo", policyId: policy.id, live: true });
    const anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
    developer = anonymous.withToken((await anonymous.sessions.signup({ email: "caller@example.com", password: "secret1", name: "C" })).token);
    const subscribed = await developer.me.subscribe(entry.id);
    key = subscribed.key!;
    keyId = subscribed.subscription.id;
  });
  after(() => server.close());

  it("lets valid keys through, records each call, and stops at the quota", async () => {
    const recorder = new UsageRecorder(org.admin.usage, { flushIntervalMs: 60_000 });
    const api = new Hono();
    api.use("*", porticoUsage({ client: org.admin, api: "echo", recorder, cacheMs: 0 }));
    api.get("/echo", (c) => c.json({ ok: true }));
    api.get("/missing", (c) => c.json({ error: "nope" }, 404));

    assert.equal((await api.request("/echo")).status, 401);
    assert.equal((await api.request("/echo", { headers: { "X-API-Key": "pdk_made-up" } })).status, 401);
    assert.equal((await api.request("/echo", { headers: { "X-API-Key": key } })).status, 200);
    assert.equal((await api.request("/missing", { headers: { Authorization: `Bearer ${key}` } })).status, 404);
    await recorder.flush();

    const report = await developer.usage.mine({ keyId });
    assert.deepEqual([report.totals.requests, report.totals.errors4xx], [2, 1]);

    assert.equal((await api.request("/echo", { headers: { "X-API-Key": key } })).status, 200);
    await recorder.flush();
    // Three of three used: the next call is refused.
    assert.equal((await api.request("/echo", { headers: { "X-API-Key": key } })).status, 429);
  });
});
