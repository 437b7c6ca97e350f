import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoClient, PorticoError, type Policy } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";

async function problem(promise: Promise<unknown>): Promise<PorticoError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PorticoError, String(error));
    return error;
  }
  assert.fail("expected the call to fail");
}

for (const database of testDatabases()) {
  describe(`policies, catalogue and subscriptions on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    let bronze: Policy;
    let gold: Policy;
    let developer: PorticoClient;
    let developerId: string;
    let liveEntryId: string;

    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
      bronze = await org.admin.policies.create({ name: "Bronze", rate: 10, per: 1, quotaMax: 1000, quotaRenewalSeconds: 86400, apis: ["weather"] });
      gold = await org.admin.policies.create({ name: "Gold", rate: 100, per: 1, quotaMax: -1, quotaRenewalSeconds: 86400, apis: ["weather", "maps"] });
      liveEntryId = (await org.admin.catalogue.create({ name: "Weather API", policyId: bronze.id, live: true })).id;
      await org.admin.catalogue.create({ name: "Secret beta", policyId: gold.id, live: false });
      const anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
      const session = await anonymous.sessions.signup({ email: "subscriber@example.com", password: "secret1", name: "Sub" });
      developer = anonymous.withToken(session.token);
      developerId = session.developer!.id;
    });
    after(() => server.close());

    it("shows developers only the live catalogue and admins all of it", async () => {
      const publicNames = (await developer.catalogue.list()).map((entry) => entry.name);
      assert.deepEqual(publicNames, ["Weather API"]);
      const adminNames = (await org.admin.catalogue.list()).map((entry) => entry.name);
      assert.deepEqual(adminNames, ["Secret beta", "Weather API"]);
      const hidden = (await org.admin.catalogue.list()).find((entry) => !entry.live)!;
      assert.equal((await problem(developer.me.subscribe(hidden.id))).status, 404);
    });

    it("subscribe → verify → change policy (same key, new limits) → revoke → verify fails", async () => {
      const { subscription, key } = await developer.me.subscribe(liveEntryId);
      assert.ok(key?.startsWith("pdk_"));
      assert.equal(subscription.policy.name, "Bronze");
      assert.equal(subscription.catalogueEntry?.name, "Weather API");
      assert.ok(key!.startsWith(subscription.keyPrefix!));

      const before = await org.admin.keys.verify(key!);
      assert.equal(before.valid, true);
      assert.equal(before.developerId, developerId);
      assert.deepEqual({ rate: before.policy?.rate, remaining: before.quota?.remaining }, { rate: 10, remaining: 1000 });

      const changed = await org.admin.subscriptions.changePolicy(subscription.id, gold.id);
      assert.equal(changed.policy.name, "Gold");
      // Gold is published only by a non-live entry; still an entry.
      assert.equal(changed.catalogueEntry?.name, "Secret beta");
      const after = await org.admin.keys.verify(key!);
      assert.deepEqual({ valid: after.valid, rate: after.policy?.rate, remaining: after.quota?.remaining }, { valid: true, rate: 100, remaining: null });

      await org.admin.subscriptions.revoke(subscription.id);
      const revoked = await org.admin.keys.verify(key!);
      assert.deepEqual({ valid: revoked.valid, reason: revoked.reason }, { valid: false, reason: "revoked" });
      assert.equal((await problem(org.admin.subscriptions.changePolicy(subscription.id, bronze.id))).status, 409);

      const actions = (await org.admin.audit.list()).items.filter((entry) => entry.targetId === subscription.id).map((entry) => entry.action);
      assert.deepEqual(actions, ["subscription.revoke", "subscription.change-policy", "subscription.create"]);
    });

    it("says there is no catalogue entry when no entry publishes the key's policy", async () => {
      const hidden = await org.admin.policies.create({ name: "Partner", rate: 5, per: 60, quotaMax: 10, quotaRenewalSeconds: 3600 });
      const { subscription } = await developer.me.subscribe(liveEntryId);
      const moved = await org.admin.subscriptions.changePolicy(subscription.id, hidden.id);
      assert.equal(moved.catalogueEntry, null);
      const listed = (await org.admin.subscriptions.forDeveloper(developerId)).find((item) => item.id === subscription.id);
      assert.equal(listed?.catalogueEntry, null);
    });

    it("never shows a raw key again after subscribing", async () => {
      const { subscription, key } = await developer.me.subscribe(liveEntryId);
      const responses = [
        await developer.me.subscriptions(),
        await org.admin.subscriptions.forDeveloper(developerId),
        await org.admin.subscriptions.get(subscription.id),
        await org.admin.keys.verify(key!),
        await org.admin.audit.list({ limit: 200 }),
      ];
      for (const response of responses) assert.ok(!JSON.stringify(response).includes(key!), "raw key leaked");
      const stored = await server.db.selectFrom("api_keys").selectAll().where("id", "=", subscription.id).executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(stored).includes(key!), "raw key stored");
    });

    it("keeps another developer and another org out", async () => {
      const { subscription, key } = await developer.me.subscribe(liveEntryId);
      const anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
      const otherSession = await anonymous.sessions.signup({ email: "other@example.com", password: "secret1", name: "Other" });
      const other = anonymous.withToken(otherSession.token);
      assert.equal((await problem(other.subscriptions.revoke(subscription.id))).status, 404);
      assert.equal((await problem(other.subscriptions.get(subscription.id))).status, 404);
      assert.equal((await problem(other.subscriptions.changePolicy(subscription.id, gold.id))).status, 403);

      const otherOrg = await createTestOrg(server);
      const foreign = new PorticoClient({ baseUrl: server.url, org: org.slug, apiKey: otherOrg.apiKey });
      assert.equal((await problem(foreign.subscriptions.get(subscription.id))).status, 404);
      assert.equal((await problem(foreign.subscriptions.forDeveloper(developerId))).status, 404);
      // Another org's gateway cannot verify this org's key.
      assert.equal((await otherOrg.admin.keys.verify(key!)).valid, false);
      assert.equal((await org.admin.keys.verify(key!)).valid, true);
      // The owner may revoke their own key.
      await developer.subscriptions.revoke(subscription.id);
      assert.equal((await org.admin.keys.verify(key!)).valid, false);
    });

    it("leaves a consistent row when a policy change and a revoke race", async () => {
      for (let round = 0; round < 5; round++) {
        const { subscription } = await developer.me.subscribe(liveEntryId);
        const results = await Promise.allSettled([
          org.admin.subscriptions.changePolicy(subscription.id, gold.id),
          org.admin.subscriptions.revoke(subscription.id),
        ]);
        const final = await org.admin.subscriptions.get(subscription.id);
        assert.equal(final.status, "revoked");
        const changeWon = results[0]!.status === "fulfilled";
        // The change either happened before the revoke, or was refused after it.
        assert.equal(final.policy.id, changeWon ? gold.id : bronze.id);
        if (!changeWon) assert.equal(((results[0] as PromiseRejectedResult).reason as PorticoError).status, 409);
        assert.equal(final.version, changeWon ? 3 : 2);
      }
    });

    it("refuses to archive a policy a live entry publishes, with a clear message", async () => {
      const error = await problem(org.admin.policies.update(bronze.id, { state: "archived" }));
      assert.equal(error.status, 409);
      assert.match(error.detail ?? "", /Weather API/);
      // Archived policies cannot be chosen for keys.
      const retired = await org.admin.policies.create({ name: "Retired", rate: 1, per: 1, quotaMax: 1, quotaRenewalSeconds: 3600 });
      await org.admin.policies.update(retired.id, { state: "archived" });
      const { subscription } = await developer.me.subscribe(liveEntryId);
      assert.equal((await problem(org.admin.subscriptions.changePolicy(subscription.id, retired.id))).status, 409);
      assert.equal((await problem(org.admin.policies.delete(bronze.id))).status, 409);
    });

    it("holds entries that need approval until an admin approves, then shows the key once", async () => {
      const entry = await org.admin.catalogue.create({ name: "Premium", policyId: gold.id, live: true, requiresApproval: true });
      const requested = await developer.me.subscribe(entry.id);
      assert.equal(requested.key, null);
      assert.equal(requested.subscription.status, "pending");
      assert.ok((await org.admin.subscriptions.pending()).some((item) => item.id === requested.subscription.id));
      assert.equal((await problem(developer.me.claimKey(requested.subscription.id))).status, 409);
      await org.admin.subscriptions.approve(requested.subscription.id);
      const claimed = await developer.me.claimKey(requested.subscription.id);
      assert.ok(claimed.key?.startsWith("pdk_"));
      assert.equal((await org.admin.keys.verify(claimed.key!)).valid, true);
      assert.equal((await problem(developer.me.claimKey(requested.subscription.id))).status, 409, "only once");
    });
  });
}
