import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoError, type Developer } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";
import { assertProblem, request, type RawResponse } from "./request.js";

for (const database of testDatabases()) {
  describe(`ETag / If-Match and editing on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    let counter = 0;

    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
    });
    after(() => server.close());

    const path = (id: string) => `/v1/orgs/${org.slug}/developers/${id}`;
    const get = (id: string) => request(server, "GET", path(id), { key: org.apiKey });
    const patch = (id: string, json: unknown, ifMatch?: string) =>
      request(server, "PATCH", path(id), { key: org.apiKey, json, headers: ifMatch === undefined ? {} : { "If-Match": ifMatch } });
    const newDeveloper = () =>
      org.admin.developers.create({ email: `etag-${++counter}@example.com`, name: `Etag ${counter}`, telephone: "+49 30 123456", country: "DE", fields: { company: "ACME" } });
    const etagOf = (response: RawResponse) => {
      const etag = response.headers.get("etag");
      assert.ok(etag, "the response carries an ETag");
      return etag;
    };

    it("returns an ETag on create and read that changes with the version", async () => {
      const created = await request(server, "POST", `/v1/orgs/${org.slug}/developers`, { key: org.apiKey, json: { email: "fresh@example.com", name: "Fresh" } });
      assert.equal(created.status, 201);
      const read = await get(created.body.id);
      assert.equal(etagOf(read), etagOf(created));
      assert.equal(read.body.version, created.body.version);
      const updated = await patch(created.body.id, { name: "Fresher" });
      assert.notEqual(etagOf(updated), etagOf(read));
      assert.equal(etagOf(await get(created.body.id)), etagOf(updated));
    });

    it("applies a PATCH sent with the current ETag and returns a new one", async () => {
      const dev = await newDeveloper();
      const read = await get(dev.id);
      const response = await patch(dev.id, { name: "Renamed" }, etagOf(read));
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.name, "Renamed");
      assert.equal(response.body.version, dev.version + 1);
      assert.notEqual(etagOf(response), etagOf(read));
      // The new ETag is good for the next write; the old one is not.
      assert.equal((await patch(dev.id, { name: "Renamed again" }, etagOf(response))).status, 200);
      assertProblem(await patch(dev.id, { name: "Lost update" }, etagOf(read)), 412);
      assert.equal((await get(dev.id)).body.name, "Renamed again");
    });

    it("refuses a PATCH with a stale ETag with 412 and changes nothing", async () => {
      const dev = await newDeveloper();
      const first = await get(dev.id);
      // Someone else edits in between.
      const theirs = await patch(dev.id, { telephone: "+49 30 999" }, etagOf(first));
      assert.equal(theirs.status, 200);
      const before = (await get(dev.id)).body as Developer;
      const mine = await patch(dev.id, { name: "Mine", email: "mine@example.com", country: null, inactive: true }, etagOf(first));
      assertProblem(mine, 412);
      const after = await get(dev.id);
      assert.deepEqual(after.body, before, "the stale write changed nothing, not even the version");
      assert.equal(etagOf(after), etagOf(theirs));
      // The email the stale write wanted is still free.
      assert.equal((await org.admin.developers.search("mine@")).items.length, 0);
    });

    it("lets exactly one of two concurrent writers holding the same ETag win", async () => {
      const dev = await newDeveloper();
      const etag = etagOf(await get(dev.id));
      const [a, b] = await Promise.all([patch(dev.id, { name: "Writer A" }, etag), patch(dev.id, { name: "Writer B" }, etag)]);
      const statuses = [a.status, b.status].sort();
      assert.deepEqual(statuses, [200, 412]);
      const winner = a.status === 200 ? a : b;
      const now = await get(dev.id);
      assert.equal(now.body.name, winner.body.name);
      assert.equal(now.body.version, dev.version + 1);
    });

    it("treats a missing If-Match or `*` as an unconditional write", async () => {
      const dev = await newDeveloper();
      const unconditional = await patch(dev.id, { name: "No precondition" });
      assert.equal(unconditional.status, 200);
      assert.equal(unconditional.body.version, dev.version + 1);
      const star = await patch(dev.id, { name: "Star" }, "*");
      assert.equal(star.status, 200);
      assert.equal(star.body.version, dev.version + 2);
    });

    it("answers 404, not 412, to a conditional PATCH of a developer that does not exist", async () => {
      const dev = await newDeveloper();
      const etag = etagOf(await get(dev.id));
      await org.admin.developers.delete(dev.id);
      assertProblem(await patch(dev.id, { name: "Ghost" }, etag), 404);
    });

    it("edits every field, and null clears telephone and country", async () => {
      const dev = await newDeveloper();
      const edited = await org.admin.developers.update(
        dev.id,
        { email: " New.Address@Example.org ", name: "  New Name  ", telephone: "+33 1 23 45 67 89", country: "fr", fields: { team: "Platform", plan: "gold" }, inactive: true },
        { version: dev.version },
      );
      assert.equal(edited.email, "New.Address@Example.org");
      assert.equal(edited.name, "New Name");
      assert.equal(edited.telephone, "+33 1 23 45 67 89");
      assert.equal(edited.country, "FR");
      assert.deepEqual(edited.fields, { team: "Platform", plan: "gold" }, "fields are replaced, not merged");
      assert.equal(edited.inactive, true);
      assert.notEqual(edited.avatarUrl, dev.avatarUrl, "the avatar follows the email");
      assert.equal(edited.createdAt, dev.createdAt);
      assert.ok(Date.parse(edited.updatedAt) >= Date.parse(dev.updatedAt));
      assert.deepEqual(await org.admin.developers.get(dev.id), edited, "the edit was stored");

      const cleared = await org.admin.developers.update(dev.id, { telephone: null, country: null, fields: {}, inactive: false }, { version: edited.version });
      assert.equal(cleared.telephone, null);
      assert.equal(cleared.country, null);
      assert.deepEqual(cleared.fields, {});
      assert.equal(cleared.inactive, false);
      assert.equal(cleared.email, edited.email, "fields left out stay as they were");
      assert.equal(cleared.name, edited.name);
      assert.deepEqual(await org.admin.developers.get(dev.id), cleared);

      // An empty telephone also clears it.
      const restored = await org.admin.developers.update(dev.id, { telephone: "+1 555 0100" });
      assert.equal(restored.telephone, "+1 555 0100");
      assert.equal((await org.admin.developers.update(dev.id, { telephone: "" })).telephone, null);
    });

    it("finds a developer by the new email after an email change, not by the old", async () => {
      const dev = await newDeveloper();
      await org.admin.developers.update(dev.id, { email: "renamed-inbox@example.com" });
      assert.deepEqual((await org.admin.developers.search("renamed-inbox@")).items.map((d) => d.id), [dev.id]);
      assert.equal((await org.admin.developers.search(dev.email)).items.length, 0);
    });

    it("refuses an email change to a taken email with 409", async () => {
      const holder = await newDeveloper();
      const dev = await newDeveloper();
      const response = await patch(dev.id, { email: holder.email.toUpperCase() }, `"v${dev.version}"`);
      assertProblem(response, 409, ["email"]);
      assert.deepEqual(await org.admin.developers.get(dev.id), dev);
    });

    it("surfaces a stale write through the SDK as a 412 PorticoError", async () => {
      const dev = await newDeveloper();
      await org.admin.developers.update(dev.id, { name: "First" }, { version: dev.version });
      const error = await org.admin.developers.update(dev.id, { name: "Second" }, { version: dev.version }).catch((e: unknown) => e);
      assert.ok(error instanceof PorticoError);
      assert.equal(error.status, 412);
      assert.equal((await org.admin.developers.get(dev.id)).name, "First");
    });
  });
}
