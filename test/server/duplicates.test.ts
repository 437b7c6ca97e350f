import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoError } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";
import { assertProblem, request } from "./request.js";

for (const database of testDatabases()) {
  describe(`duplicate emails on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    let other: TestOrg;

    before(async () => {
      server = await startTestServer(database);
      [org, other] = await Promise.all([createTestOrg(server), createTestOrg(server)]);
    });
    after(() => server.close());

    const matching = async (client: TestOrg, prefix: string) => (await client.admin.developers.search(prefix, { limit: 100 })).items;

    it("refuses the same email again in any case or surrounding whitespace with 409, keeping the first", async () => {
      const first = await org.admin.developers.create({ email: "Jane.Doe@Example.com", name: "Jane" });
      for (const variant of ["Jane.Doe@Example.com", "jane.doe@example.com", "JANE.DOE@EXAMPLE.COM", "  jane.doe@example.com", "jane.doe@example.com\t", " JaNe.DoE@eXaMpLe.CoM "]) {
        const response = await request(server, "POST", `/v1/orgs/${org.slug}/developers`, { key: org.apiKey, json: { email: variant, name: "Impostor" } });
        assertProblem(response, 409, ["email"]);
      }
      const stored = await matching(org, "jane.doe@");
      assert.equal(stored.length, 1);
      assert.deepEqual(stored[0], first);
    });

    it("allows the same email in another organisation", async () => {
      const mine = await org.admin.developers.create({ email: "shared@example.com", name: "Mine" });
      const theirs = await other.admin.developers.create({ email: "SHARED@example.com", name: "Theirs" });
      assert.notEqual(mine.id, theirs.id);
      assert.equal((await org.admin.developers.get(mine.id)).name, "Mine");
      assert.equal((await other.admin.developers.get(theirs.id)).name, "Theirs");
      assert.deepEqual((await matching(org, "shared@")).map((d) => d.name), ["Mine"]);
      assert.deepEqual((await matching(other, "shared@")).map((d) => d.name), ["Theirs"]);
    });

    it("refuses to change an email to one taken in the org (any case) with 409, changing nothing", async () => {
      await org.admin.developers.create({ email: "taken@example.com", name: "Holder" });
      const mover = await org.admin.developers.create({ email: "mover@example.com", name: "Mover" });
      for (const email of ["taken@example.com", " TAKEN@Example.com "]) {
        const response = await request(server, "PATCH", `/v1/orgs/${org.slug}/developers/${mover.id}`, {
          key: org.apiKey,
          json: { email, name: "Renamed" },
          headers: { "If-Match": `"v${mover.version}"` },
        });
        assertProblem(response, 409, ["email"]);
      }
      assert.deepEqual(await org.admin.developers.get(mover.id), mover, "neither the email nor the name changed");
    });

    it("lets a developer's email change only in case, and frees the old email", async () => {
      const dev = await org.admin.developers.create({ email: "casey@example.com", name: "Casey" });
      const recased = await org.admin.developers.update(dev.id, { email: "Casey@Example.com" });
      assert.equal(recased.email, "Casey@Example.com");
      const moved = await org.admin.developers.update(dev.id, { email: "casey.new@example.com" });
      assert.equal(moved.email, "casey.new@example.com");
      const reuse = await org.admin.developers.create({ email: "casey@example.com", name: "New Casey" });
      assert.notEqual(reuse.id, dev.id);
    });

    it("lets a deleted developer's email be registered again", async () => {
      const dev = await org.admin.developers.create({ email: "phoenix@example.com", name: "Phoenix" });
      await org.admin.developers.delete(dev.id);
      const again = await org.admin.developers.create({ email: "Phoenix@example.com", name: "Phoenix II" });
      assert.notEqual(again.id, dev.id);
    });

    it("stores exactly one of several concurrent creations with the same email; the rest get 409", async () => {
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => org.admin.developers.create({ email: i % 2 ? "Race@Example.com" : "race@example.com", name: `Racer ${i}` })),
      );
      const won = attempts.filter((a) => a.status === "fulfilled");
      const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === "rejected");
      assert.equal(won.length, 1);
      assert.equal(lost.length, 7);
      for (const { reason } of lost) {
        assert.ok(reason instanceof PorticoError, String(reason));
        assert.equal(reason.status, 409);
      }
      assert.equal((await matching(org, "race@")).length, 1);
    });
  });
}
