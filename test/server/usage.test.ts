import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoClient, PorticoError, type UsageRecord } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";

const HOUR = 3600_000;
const todayUtc = () => new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z").getTime();
const localDate = (time: number, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(time);

for (const database of testDatabases()) {
  describe(`usage ingestion and reports on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    let developer: PorticoClient;
    let developerId: string;
    let keyA: string;
    let keyB: string;

    async function post(records: unknown[], idempotencyKey?: string) {
      const response = await fetch(`${server.url}/v1/orgs/${org.slug}/usage/records`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${org.apiKey}`,
          "Content-Type": "application/json",
          ...(idempotencyKey && { "Idempotency-Key": idempotencyKey }),
        },
        body: JSON.stringify({ records }),
      });
      return { status: response.status, body: await response.json() };
    }

    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
      const policy = await org.admin.policies.create({ name: "Metered", rate: 100, per: 1, quotaMax: 1000, quotaRenewalSeconds: 86400 });
      const entry = await org.admin.catalogue.create({ name: "Metered API", policyId: policy.id, live: true });
      const anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
      const session = await anonymous.sessions.signup({ email: "metered@example.com", password: "secret1", name: "M" });
      developer = anonymous.withToken(session.token);
      developerId = session.developer!.id;
      keyA = (await developer.me.subscribe(entry.id)).subscription.id;
      keyB = (await developer.me.subscribe(entry.id)).subscription.id;
    });
    after(() => server.close());

    it("counts every record into the right day, per key, with errors split 4xx/5xx", async () => {
      const today = todayUtc();
      const records: UsageRecord[] = [
        { keyId: keyA, api: "weather", timestamp: new Date(today).toISOString(), status: 200, latencyMs: 10 },
        { keyId: keyA, api: "weather", timestamp: new Date(today - 1000).toISOString(), status: 404, latencyMs: 30 },
        { keyId: keyB, api: "maps", timestamp: new Date(today - 2 * 86400_000).toISOString(), status: 503 },
        { keyId: keyB, api: "maps", timestamp: new Date(today - 2 * 86400_000 + 5 * HOUR).toISOString(), status: 201 },
      ];
      const result = await org.admin.usage.record(records);
      assert.deepEqual(result, { accepted: 4, rejected: [] });

      const report = await org.admin.usage.forDeveloper(developerId, { days: 7 });
      assert.equal(report.resolution, "day");
      assert.equal(report.buckets.length, 7);
      const byLabel = Object.fromEntries(report.buckets.map((bucket) => [bucket.label, bucket]));
      const day = (offsetDays: number) => byLabel[new Date(today - offsetDays * 86400_000).toISOString().slice(0, 10)]!;
      assert.deepEqual([day(0).requests, day(0).success, day(0).errors4xx], [1, 1, 0]);
      assert.deepEqual([day(1).requests, day(1).errors4xx, day(1).avgLatencyMs], [1, 1, 30]);
      assert.deepEqual([day(2).requests, day(2).errors5xx, day(2).avgLatencyMs], [2, 1, null]);
      assert.deepEqual(report.totals, { requests: 4, success: 2, errors4xx: 1, errors5xx: 1, avgLatencyMs: 20 });
      const perKey = Object.fromEntries(report.keys.map((key) => [key.keyId, key.requests]));
      assert.deepEqual(perKey, { [keyA]: 2, [keyB]: 2 });

      const onlyB = await org.admin.usage.forDeveloper(developerId, { keyId: keyB });
      assert.equal(onlyB.totals.requests, 2);
      const onlyWeather = await org.admin.usage.forDeveloper(developerId, { api: "weather" });
      assert.equal(onlyWeather.totals.requests, 2);

      // The developer's own dashboard shows the same figures.
      assert.deepEqual((await developer.usage.mine()).buckets, report.buckets);
    });

    it("puts records into the days of a non-UTC time zone", async () => {
      const timeZone = "Pacific/Auckland";
      const before = await developer.usage.mine({ tz: timeZone });
      const time = todayUtc() - 3 * HOUR;
      await org.admin.usage.record([{ keyId: keyA, api: "tz", timestamp: new Date(time).toISOString(), status: 200 }]);
      const after = await developer.usage.mine({ tz: timeZone });
      const label = localDate(time, timeZone);
      const count = (report: typeof after) => report.buckets.find((bucket) => bucket.label === label)?.requests ?? 0;
      assert.equal(count(after) - count(before), 1);
      assert.equal(after.totals.requests - before.totals.requests, 1);
      assert.equal(after.timeZone, timeZone);
    });

    it("answers hourly buckets for two days or less", async () => {
      const report = await developer.usage.mine({ days: 1 });
      assert.equal(report.resolution, "hour");
      assert.equal(report.buckets.length, 24);
    });

    it("counts a retried batch once, and refuses the same key for another batch", async () => {
      const records = [{ keyId: keyA, api: "retry", timestamp: new Date().toISOString(), status: 200 }];
      const first = await post(records, "batch-1");
      const again = await post(records, "batch-1");
      assert.deepEqual(again, first);
      const report = await org.admin.usage.forDeveloper(developerId, { api: "retry" });
      assert.equal(report.totals.requests, 1);
      const reused = await post([{ ...records[0], status: 500 }], "batch-1");
      assert.equal(reused.status, 422);
    });

    it("keeps the good records of a batch and reports the bad ones by index", async () => {
      const otherOrg = await createTestOrg(server);
      const otherSession = await new PorticoClient({ baseUrl: server.url, org: otherOrg.slug }).sessions.signup({ email: "x@example.com", password: "secret1", name: "X" });
      assert.ok(otherSession.developer);
      const now = new Date().toISOString();
      const { status, body } = await post([
        { keyId: keyA, api: "partial", timestamp: now, status: 200 },
        { keyId: keyA, api: "partial", timestamp: "yesterday", status: 200 },
        { keyId: "00000000-0000-4000-8000-000000000000", api: "partial", timestamp: now, status: 200 },
        { keyId: keyA, api: "partial", timestamp: now, status: 999 },
        { keyId: keyA, api: "", timestamp: now, status: 200, extra: true },
        { keyId: keyA, api: "partial", timestamp: new Date(Date.now() - 91 * 86400_000).toISOString(), status: 200 },
        { keyId: keyB, api: "partial", timestamp: now, status: 500 },
      ]);
      assert.equal(status, 200);
      assert.equal(body.accepted, 2);
      assert.deepEqual(
        body.rejected.map((rejection: { index: number; errors: Record<string, string> }) => [rejection.index, Object.keys(rejection.errors).sort()]),
        [[1, ["timestamp"]], [2, ["keyId"]], [3, ["status"]], [4, ["api", "extra"]], [5, ["timestamp"]]],
      );
      assert.equal((await org.admin.usage.forDeveloper(developerId, { api: "partial" })).totals.requests, 2);
    });

    it("refuses another org's key ids and keeps another org's gateway out", async () => {
      const otherOrg = await createTestOrg(server);
      const result = await otherOrg.admin.usage.record([{ keyId: keyA, api: "stolen", timestamp: new Date().toISOString(), status: 200 }]);
      assert.equal(result.accepted, 0);
      assert.equal(result.rejected[0]?.errors.keyId, "is not a key of this organisation");
      const foreign = new PorticoClient({ baseUrl: server.url, org: org.slug, apiKey: otherOrg.apiKey });
      const error = await foreign.usage.forDeveloper(developerId).catch((e: unknown) => e);
      assert.ok(error instanceof PorticoError && error.status === 404);
    });

    it("counts the quota in the current window only, and starts again after a reset", async () => {
      const before = (await org.admin.subscriptions.get(keyB)).quota.used;
      const now = new Date().toISOString();
      await org.admin.usage.record([
        { keyId: keyB, api: "quota", timestamp: now, status: 200 },
        { keyId: keyB, api: "quota", timestamp: now, status: 429 },
        // Before the window started (the key was created in this test run, seconds ago).
        { keyId: keyB, api: "quota", timestamp: new Date(Date.now() - 3 * 86400_000).toISOString(), status: 200 },
      ]);
      const subscription = await org.admin.subscriptions.get(keyB);
      assert.equal(subscription.quota.used - before, 2);
      assert.equal(subscription.quota.remaining, 1000 - subscription.quota.used);
      assert.ok(subscription.lastUsedAt);
      const reset = await org.admin.subscriptions.resetQuota(keyB);
      assert.equal(reset.quota.used, 0);
      assert.equal((await developer.me.subscriptions()).find((item) => item.id === keyB)?.quota.used, 0);
    });

    it("validates the query", async () => {
      for (const query of [{ days: 0 }, { days: 91 }, { tz: "Mars/Olympus" }]) {
        const error = await developer.usage.mine(query).catch((e: unknown) => e);
        assert.ok(error instanceof PorticoError && error.status === 400, JSON.stringify(query));
        assert.ok(Object.keys(error.errors).length === 1);
      }
    });
  });
}
