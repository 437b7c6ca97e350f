import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { PorticoClient, PorticoError } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, uniqueSlug, ROOT_SECRET, type TestOrg, type TestServer } from "../support/server.js";
import { assertProblem, request } from "./request.js";

for (const database of testDatabases()) {
  describe(`transactions on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;

    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
    });
    after(() => server.close());

    async function counts() {
      const count = async (table: "orgs" | "org_api_keys" | "developers") =>
        Number((await server.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
      return { orgs: await count("orgs"), keys: await count("org_api_keys"), developers: await count("developers") };
    }

    /** Keys whose organisation is gone: a half-written org creation would leave these. */
    async function orphanKeys() {
      return server.db
        .selectFrom("org_api_keys")
        .leftJoin("orgs", "orgs.id", "org_api_keys.org_id")
        .where("orgs.id", "is", null)
        .select("org_api_keys.id")
        .execute();
    }

    it("refuses a duplicate org slug with 409 and writes nothing: no second org, no orphan key", async () => {
      const slug = uniqueSlug("dup");
      const first = await request(server, "POST", "/v1/orgs", { key: ROOT_SECRET, json: { slug, name: "First" } });
      assert.equal(first.status, 201);
      const before = await counts();
      const second = await request(server, "POST", "/v1/orgs", { key: ROOT_SECRET, json: { slug, name: "Second" } });
      assertProblem(second, 409, ["slug"]);
      assert.deepEqual(await counts(), before);
      assert.deepEqual(await orphanKeys(), []);
      const rows = await server.db.selectFrom("orgs").select(["id", "name"]).where("slug", "=", slug).execute();
      assert.deepEqual(rows.map((r) => r.name), ["First"], "the first org keeps its name");
      const keys = await server.db.selectFrom("org_api_keys").select("id").where("org_id", "=", rows[0]!.id).execute();
      assert.equal(keys.length, 1, "the first org still has exactly its one key");
      // The first org's key still works.
      const client = new PorticoClient({ baseUrl: server.url, org: slug, apiKey: first.body.apiKey });
      assert.deepEqual(await client.developers.list(), { items: [], nextCursor: null });
    });

    it("rolls back every statement of a Kysely transaction that throws midway", async () => {
      const before = await counts();
      const slug = uniqueSlug("rollback");
      const failure = new Error("fails after three inserts");
      const thrown = await server.db
        .transaction()
        .execute(async (trx) => {
          const row = await trx.insertInto("orgs").values({ slug, name: "Doomed" }).returning("id").executeTakeFirstOrThrow();
          await trx.insertInto("org_api_keys").values({ org_id: row.id, key_hash: `doomed-${slug}`, key_prefix: "pak_doom", scopes: ["admin"] }).execute();
          await trx.insertInto("developers").values({ org_id: row.id, email: "doomed@example.com", email_normalized: "doomed@example.com", name: "Doomed" }).execute();
          // The rows are visible inside the transaction...
          const inside = await trx.selectFrom("developers").select("id").where("org_id", "=", row.id).execute();
          assert.equal(inside.length, 1);
          throw failure;
        })
        .catch((error: unknown) => error);
      assert.equal(thrown, failure);
      // ...and gone after it.
      assert.deepEqual(await counts(), before);
      assert.equal((await server.db.selectFrom("orgs").select("id").where("slug", "=", slug).execute()).length, 0);
      assert.equal(await request(server, "GET", `/v1/orgs/${slug}`).then((r) => r.status), 404);
    });

    it("rolls back a transaction that fails on a constraint midway, keeping earlier committed work", async () => {
      const committed = await org.admin.developers.create({ email: "committed@example.com", name: "Committed" });
      const before = await counts();
      const { id: orgId } = await server.db.selectFrom("orgs").select("id").where("slug", "=", org.slug).executeTakeFirstOrThrow();
      const error = await server.db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto("developers").values({ org_id: orgId, email: "new@example.com", email_normalized: "new@example.com", name: "New" }).execute();
          await trx.updateTable("developers").set({ name: "Changed inside" }).where("id", "=", committed.id).execute();
          // Same normalized email as the committed developer: a unique violation.
          await trx.insertInto("developers").values({ org_id: orgId, email: "COMMITTED@example.com", email_normalized: "committed@example.com", name: "Clash" }).execute();
        })
        .catch((e: unknown) => e);
      assert.equal((error as { code?: string }).code, "23505");
      assert.deepEqual(await counts(), before);
      assert.deepEqual(await org.admin.developers.get(committed.id), committed, "the update inside the transaction was undone");
      assert.equal((await org.admin.developers.search("new@")).items.length, 0);
    });

    it("keeps writes made outside a transaction while a concurrent transaction rolls back", async () => {
      const before = await counts();
      const slug = uniqueSlug("slow");
      let release!: () => void;
      const started = new Promise<void>((resolve) => (release = resolve));
      const doomed = server.db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto("orgs").values({ slug, name: "Slow and doomed" }).execute();
          release();
          // Hold the transaction open while other requests arrive (not awaiting them: on the
          // single-connection embedded database they queue behind this transaction).
          await sleep(150);
          throw new Error("rolled back on purpose");
        })
        .catch((e: unknown) => e);
      await started;
      const created = await Promise.all(
        Array.from({ length: 5 }, (_, i) => org.admin.developers.create({ email: `outside-${i}@example.com`, name: `Outside ${i}` })),
      );
      assert.ok((await doomed) instanceof Error);
      assert.deepEqual(await counts(), { ...before, developers: before.developers + 5 });
      for (const dev of created) assert.equal((await org.admin.developers.get(dev.id)).id, dev.id);
      assert.equal((await server.db.selectFrom("orgs").select("id").where("slug", "=", slug).execute()).length, 0);
    });

    it("stores all of 20 concurrent org creations and 20 concurrent developer creations", async () => {
      const before = await counts();
      const slugs = Array.from({ length: 20 }, () => uniqueSlug("par"));
      const [orgs, developers] = await Promise.all([
        Promise.all(slugs.map((slug) => server.root.orgs.create({ slug, name: `Parallel ${slug}` }))),
        // Half with passwords, so hashing (off the event loop) interleaves with the other writes.
        Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            org.admin.developers.create({ email: `parallel-${i}@example.com`, name: `Parallel ${i}`, ...(i % 2 ? { password: `secret-${i}-pw` } : {}) }),
          ),
        ),
      ]);
      assert.deepEqual(orgs.map((o) => o.org.slug), slugs);
      assert.equal(new Set(orgs.map((o) => o.apiKey)).size, 20, "every org got its own key");
      assert.equal(new Set(developers.map((d) => d.id)).size, 20);
      assert.deepEqual(await counts(), { orgs: before.orgs + 20, keys: before.keys + 20, developers: before.developers + 20 });
      assert.deepEqual(await orphanKeys(), []);
      // Every org has exactly one key, and that key opens that org (and no other).
      for (const created of orgs) {
        const keys = await server.db.selectFrom("org_api_keys").select("id").where("org_id", "=", created.org.id).execute();
        assert.equal(keys.length, 1);
        const client = new PorticoClient({ baseUrl: server.url, org: created.org.slug, apiKey: created.apiKey });
        assert.deepEqual(await client.developers.list(), { items: [], nextCursor: null });
      }
      const stored = (await org.admin.developers.search("parallel-", { limit: 100 })).items;
      assert.equal(stored.length, 20);
      const hashes = await server.db.selectFrom("developers").select(["email", "password_hash"]).where("email", "like", "parallel-%").execute();
      assert.equal(hashes.filter((row) => row.password_hash?.startsWith("$argon2id$")).length, 10);
    });

    it("answers a mix of concurrent good and duplicate org creations correctly, leaving no orphans", async () => {
      const before = await counts();
      const slugs = Array.from({ length: 10 }, () => uniqueSlug("mix"));
      // Each slug twice, interleaved: exactly one of each pair wins.
      const results = await Promise.allSettled([...slugs, ...slugs].map((slug, i) => server.root.orgs.create({ slug, name: `Mix ${i}` })));
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      assert.equal(won.length, 10);
      assert.equal(lost.length, 10);
      for (const { reason } of lost) {
        assert.ok(reason instanceof PorticoError, String(reason));
        assert.equal(reason.status, 409);
      }
      assert.deepEqual(await counts(), { ...before, orgs: before.orgs + 10, keys: before.keys + 10 });
      assert.deepEqual(await orphanKeys(), []);
    });
  });
}
