import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Developer } from "../../sdk/index.js";
import { issueOrgApiKey } from "../../server/services/org-api-keys.js";
import { testDatabases } from "../support/databases.js";
import { ROOT_SECRET, createTestOrg, startTestServer, uniqueSlug, type TestOrg, type TestServer } from "../support/server.js";
import { assertProblem, request, type RequestOptions } from "./request.js";

/** Every developer route, as (method, path, body) for a given org slug and developer id. */
function developerRoutes(slug: string, id: string): Array<{ name: string; method: string; path: string; json?: unknown }> {
  return [
    { name: "list", method: "GET", path: `/v1/orgs/${slug}/developers` },
    { name: "search", method: "GET", path: `/v1/orgs/${slug}/developers?email=a` },
    { name: "create", method: "POST", path: `/v1/orgs/${slug}/developers`, json: { email: `intruder-${randomBytes(3).toString("hex")}@evil.test`, name: "Intruder" } },
    { name: "get", method: "GET", path: `/v1/orgs/${slug}/developers/${id}` },
    { name: "patch", method: "PATCH", path: `/v1/orgs/${slug}/developers/${id}`, json: { name: "Hijacked" } },
    { name: "delete", method: "DELETE", path: `/v1/orgs/${slug}/developers/${id}` },
  ];
}

for (const database of testDatabases()) {
  describe(`organisation isolation and credentials on ${database.name}`, () => {
    let server: TestServer;
    let orgA: TestOrg;
    let orgB: TestOrg;
    let devA: Developer;
    let devB: Developer;

    before(async () => {
      server = await startTestServer(database);
      [orgA, orgB] = await Promise.all([createTestOrg(server), createTestOrg(server)]);
      devA = await orgA.admin.developers.create({ email: "alice@a.test", name: "Alice", telephone: "+44 20 1234", country: "GB" });
      devB = await orgB.admin.developers.create({ email: "bob@b.test", name: "Bob" });
    });
    after(() => server.close());

    /** What org A holds, as a client of org A sees it. */
    async function snapshotA() {
      const page = await orgA.admin.developers.list({ limit: 100 });
      return page.items;
    }

    async function sendAll(slug: string, id: string, options: RequestOptions, expected: number) {
      for (const route of developerRoutes(slug, id)) {
        const response = await request(server, route.method, route.path, { ...options, json: route.json });
        assertProblem(response, expected);
        assert.ok(response.body.detail, `${route.name}: a problem explains itself`);
      }
    }

    it("answers 404 to every developer route called with another org's API key, and changes nothing", async () => {
      const before = await snapshotA();
      const developersInB = (await orgB.admin.developers.list({ limit: 100 })).items;
      await sendAll(orgA.slug, devA.id, { key: orgB.apiKey }, 404);
      assert.deepEqual(await snapshotA(), before, "org A's developers are untouched");
      assert.deepEqual((await orgB.admin.developers.list({ limit: 100 })).items, developersInB, "nothing leaked into org B");
      // The 404 is the same one an unknown organisation gets: no hint that the org exists.
      const unknown = await request(server, "GET", `/v1/orgs/${uniqueSlug("nope")}/developers`, { key: orgB.apiKey });
      const foreign = await request(server, "GET", `/v1/orgs/${orgA.slug}/developers`, { key: orgB.apiKey });
      assert.equal(foreign.body.detail, unknown.body.detail);
      assert.equal(foreign.body.type, unknown.body.type);
    });

    it("answers 404 when an org's own key names another org's developer id", async () => {
      const response = await request(server, "GET", `/v1/orgs/${orgA.slug}/developers/${devB.id}`, { key: orgA.apiKey });
      assertProblem(response, 404);
      const patch = await request(server, "PATCH", `/v1/orgs/${orgA.slug}/developers/${devB.id}`, { key: orgA.apiKey, json: { name: "Hijacked" } });
      assertProblem(patch, 404);
      const del = await request(server, "DELETE", `/v1/orgs/${orgA.slug}/developers/${devB.id}`, { key: orgA.apiKey });
      assertProblem(del, 404);
      assert.deepEqual(await orgB.admin.developers.get(devB.id), devB, "org B's developer is untouched");
    });

    it("answers 401 with a Bearer challenge when there is no credential, and changes nothing", async () => {
      const before = await snapshotA();
      await sendAll(orgA.slug, devA.id, {}, 401);
      const response = await request(server, "GET", `/v1/orgs/${orgA.slug}/developers`);
      assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer/);
      assert.deepEqual(await snapshotA(), before);
    });

    it("answers 401 to a made-up, malformed or non-Bearer credential", async () => {
      const before = await snapshotA();
      await sendAll(orgA.slug, devA.id, { key: `pak_${randomBytes(32).toString("base64url")}` }, 401);
      await sendAll(orgA.slug, devA.id, { key: "not-a-key" }, 401);
      // An API key one character off is not a key.
      await sendAll(orgA.slug, devA.id, { key: `${orgA.apiKey.slice(0, -1)}${orgA.apiKey.endsWith("A") ? "B" : "A"}` }, 401);
      const basic = await request(server, "GET", `/v1/orgs/${orgA.slug}/developers`, {
        headers: { Authorization: `Basic ${Buffer.from(`x:${orgA.apiKey}`).toString("base64")}` },
      });
      assertProblem(basic, 401);
      const empty = await request(server, "GET", `/v1/orgs/${orgA.slug}/developers`, { headers: { Authorization: "Bearer " } });
      assertProblem(empty, 401);
      assert.deepEqual(await snapshotA(), before);
    });

    it("accepts the Bearer scheme in any case", async () => {
      const response = await request(server, "GET", `/v1/orgs/${orgA.slug}/developers`, { headers: { Authorization: `bearer ${orgA.apiKey}` } });
      assert.equal(response.status, 200);
    });

    it("answers 401 to a revoked API key", async () => {
      const org = await createTestOrg(server);
      assert.equal((await request(server, "GET", `/v1/orgs/${org.slug}/developers`, { key: org.apiKey })).status, 200);
      const { id: orgId } = await server.db.selectFrom("orgs").select("id").where("slug", "=", org.slug).executeTakeFirstOrThrow();
      await server.db.updateTable("org_api_keys").set({ revoked_at: new Date() }).where("org_id", "=", orgId).execute();
      assertProblem(await request(server, "GET", `/v1/orgs/${org.slug}/developers`, { key: org.apiKey }), 401);
    });

    it("answers 403 to the root secret on organisation routes, and changes nothing", async () => {
      const before = await snapshotA();
      await sendAll(orgA.slug, devA.id, { key: ROOT_SECRET }, 403);
      assert.deepEqual(await snapshotA(), before);
    });

    it("answers 403 to a key of the org that lacks the admin scope", async () => {
      const orgId = (await server.db.selectFrom("orgs").select("id").where("slug", "=", orgA.slug).executeTakeFirstOrThrow()).id;
      const usageOnly = await issueOrgApiKey(server.db, orgId, ["usage:write"]);
      const before = await snapshotA();
      await sendAll(orgA.slug, devA.id, { key: usageOnly }, 403);
      assert.deepEqual(await snapshotA(), before);
    });

    it("answers 404 for an organisation that does not exist, even with a valid key", async () => {
      assertProblem(await request(server, "GET", `/v1/orgs/${uniqueSlug("ghost")}/developers`, { key: orgA.apiKey }), 404);
    });

    it("lets only the root secret create organisations", async () => {
      const countOrgs = async () => Number((await server.db.selectFrom("orgs").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
      const orgsBefore = await countOrgs();
      const input = { slug: uniqueSlug("new"), name: "New org" };
      assertProblem(await request(server, "POST", "/v1/orgs", { json: input }), 401);
      assertProblem(await request(server, "POST", "/v1/orgs", { json: input, key: "wrong-root-secret" }), 401);
      assertProblem(await request(server, "POST", "/v1/orgs", { json: input, key: `${ROOT_SECRET}x` }), 401);
      assertProblem(await request(server, "POST", "/v1/orgs", { json: input, key: orgA.apiKey }), 403);
      assert.equal(await countOrgs(), orgsBefore, "no organisation was created");
      const created = await request(server, "POST", "/v1/orgs", { json: input, key: ROOT_SECRET });
      assert.equal(created.status, 201);
      assert.equal(created.body.org.slug, input.slug);
      assert.match(created.body.apiKey, /^pak_/);
      assert.equal(await countOrgs(), orgsBefore + 1);
    });

    it("a new org's key sees only the new org's (empty) data", async () => {
      const org = await createTestOrg(server);
      const page = await org.admin.developers.list();
      assert.deepEqual(page, { items: [], nextCursor: null });
      assertProblem(await request(server, "GET", `/v1/orgs/${org.slug}/developers/${devA.id}`, { key: org.apiKey }), 404);
    });
  });

  describe(`organisation creation switched off on ${database.name}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(database, { rootSecret: null });
    });
    after(() => server.close());

    it("refuses every credential when no root secret is configured", async () => {
      const input = { slug: uniqueSlug(), name: "Nope" };
      assertProblem(await request(server, "POST", "/v1/orgs", { json: input }), 401);
      assertProblem(await request(server, "POST", "/v1/orgs", { json: input, key: ROOT_SECRET }), 401);
      assertProblem(await request(server, "POST", "/v1/orgs", { json: input, key: "" }), 401);
      const rows = await server.db.selectFrom("orgs").select("id").execute();
      assert.equal(rows.length, 0);
    });
  });
}
