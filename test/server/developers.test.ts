import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoError } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";
import { assertProblem, request } from "./request.js";

for (const database of testDatabases()) {
  describe(`developers on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
    });
    after(() => server.close());

    it("creates a developer and reads it back with a Gravatar URL", async () => {
      const created = await org.admin.developers.create({ email: " Mixed.Case@Example.com ", name: "Mixed Case", country: "de" });
      assert.equal(created.email, "Mixed.Case@Example.com");
      assert.equal(created.country, "DE");
      assert.match(created.avatarUrl, /^https:\/\/www\.gravatar\.com\/avatar\/[0-9a-f]{64}\?d=404/);
      const read = await org.admin.developers.get(created.id);
      assert.deepEqual(read, created);
    });

    it("refuses a duplicate email in the same org, whatever its case", async () => {
      await org.admin.developers.create({ email: "dup@example.com", name: "First" });
      const error = await org.admin.developers.create({ email: "  DUP@example.COM", name: "Second" }).catch((e: unknown) => e);
      assert.ok(error instanceof PorticoError);
      assert.equal(error.status, 409);
      assert.equal(error.errors.email, "is already registered");
    });

    it("deletes a developer: 204, then GET, PATCH and a second DELETE answer 404", async () => {
      const dev = await org.admin.developers.create({ email: "leaving@example.com", name: "Leaving" });
      const keep = await org.admin.developers.create({ email: "staying@example.com", name: "Staying" });
      const path = `/v1/orgs/${org.slug}/developers/${dev.id}`;
      const deleted = await request(server, "DELETE", path, { key: org.apiKey });
      assert.equal(deleted.status, 204);
      assert.equal(deleted.text, "");
      assertProblem(await request(server, "GET", path, { key: org.apiKey }), 404);
      assertProblem(await request(server, "PATCH", path, { key: org.apiKey, json: { name: "Back" } }), 404);
      assertProblem(await request(server, "DELETE", path, { key: org.apiKey }), 404);
      assert.equal((await org.admin.developers.search("leaving@")).items.length, 0, "gone from the list too");
      assert.deepEqual(await org.admin.developers.get(keep.id), keep, "only that developer was deleted");
      const rows = await server.db.selectFrom("developers").select("id").where("id", "=", dev.id).execute();
      assert.equal(rows.length, 0, "the row is gone from the database");
    });
  });
}
