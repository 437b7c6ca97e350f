import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoClient, PorticoError } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";

const failure = (promise: Promise<unknown>) => promise.then(() => assert.fail("expected a failure"), (error: unknown) => {
  assert.ok(error instanceof PorticoError, String(error));
  return error;
});

for (const database of testDatabases()) {
  describe(`developer accounts on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    let anonymous: PorticoClient;
    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
      anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
    });
    after(() => server.close());

    it("signs up, reads and edits the own profile, logs out", async () => {
      const session = await anonymous.sessions.signup({ email: "Sam@Example.com", password: "secret1", name: "Sam", country: "fr" });
      assert.equal(session.role, "developer");
      assert.match(session.token, /^pst_/);
      const sam = anonymous.withToken(session.token);
      const me = await sam.me.get();
      assert.equal(me.email, "Sam@Example.com");
      const edited = await sam.me.update({ name: "Samuel", telephone: "+33 1 23 45 67 89" }, { version: me.version });
      assert.equal(edited.name, "Samuel");
      // The admin sees the developer's own edit: one record.
      assert.equal((await org.admin.developers.get(me.id)).telephone, "+33 1 23 45 67 89");
      await sam.sessions.logout();
      assert.equal((await failure(sam.me.get())).status, 401);
    });

    it("logs in with the right password only, with one answer for a wrong email or password", async () => {
      await anonymous.sessions.signup({ email: "login@example.com", password: "right-password", name: "L" });
      const wrongPassword = await failure(anonymous.sessions.login({ email: "login@example.com", password: "wrong-password" }));
      const wrongEmail = await failure(anonymous.sessions.login({ email: "nobody@example.com", password: "right-password" }));
      assert.equal(wrongPassword.status, 401);
      assert.deepEqual({ ...wrongPassword.errors, detail: wrongPassword.detail }, { ...wrongEmail.errors, detail: wrongEmail.detail });
      const session = await anonymous.sessions.login({ email: " LOGIN@example.com", password: "right-password" });
      assert.equal(session.developer?.email, "login@example.com");
    });

    it("refuses a duplicate signup and a short password", async () => {
      await anonymous.sessions.signup({ email: "twice@example.com", password: "secret1", name: "T" });
      assert.equal((await failure(anonymous.sessions.signup({ email: "TWICE@example.com", password: "secret1", name: "T" }))).status, 409);
      const short = await failure(anonymous.sessions.signup({ email: "short@example.com", password: "12345", name: "S" }));
      assert.equal(short.status, 400);
      assert.ok(short.errors.password);
    });

    it("changing the password needs the current one and ends the other sessions", async () => {
      const first = await anonymous.sessions.signup({ email: "pw@example.com", password: "old-password", name: "P" });
      const second = await anonymous.sessions.login({ email: "pw@example.com", password: "old-password" });
      const viaFirst = anonymous.withToken(first.token);
      const wrong = await failure(viaFirst.me.changePassword({ currentPassword: "nope-nope", newPassword: "new-password" }));
      assert.equal(wrong.errors.currentPassword, "is incorrect");
      await viaFirst.me.changePassword({ currentPassword: "old-password", newPassword: "new-password" });
      assert.equal((await viaFirst.me.get()).email, "pw@example.com");
      assert.equal((await failure(anonymous.withToken(second.token).me.get())).status, 401);
      await failure(anonymous.sessions.login({ email: "pw@example.com", password: "old-password" }));
      await anonymous.sessions.login({ email: "pw@example.com", password: "new-password" });
    });

    it("keeps developers out of admin routes and admins in", async () => {
      const dev = await anonymous.sessions.signup({ email: "nosy@example.com", password: "secret1", name: "N" });
      const nosy = anonymous.withToken(dev.token);
      assert.equal((await failure(nosy.developers.list())).status, 403);
      assert.equal((await failure(nosy.admins.create({ email: "x@example.com", name: "X", password: "secret1" }))).status, 403);

      await org.admin.admins.create({ email: "boss@example.com", name: "Boss", password: "boss-password" });
      // An admin's credentials are not a developer's.
      await failure(anonymous.sessions.login({ email: "boss@example.com", password: "boss-password" }));
      const adminSession = await anonymous.sessions.login({ email: "boss@example.com", password: "boss-password", role: "admin" });
      const boss = anonymous.withToken(adminSession.token);
      const found = await boss.developers.search("nosy@");
      assert.equal(found.items.length, 1);
      await boss.developers.update(found.items[0]!.id, { name: "Renamed by admin" });
      assert.equal((await nosy.me.get()).name, "Renamed by admin");
      // An admin has no developer profile.
      assert.equal((await failure(boss.me.get())).status, 403);
    });

    it("keeps one org's sessions out of another org", async () => {
      const other = await createTestOrg(server);
      const dev = await anonymous.sessions.signup({ email: "roam@example.com", password: "secret1", name: "R" });
      const elsewhere = new PorticoClient({ baseUrl: server.url, org: other.slug, token: dev.token });
      assert.equal((await failure(elsewhere.me.get())).status, 404);
    });

    it("answers 403 for an inactive developer with the right password", async () => {
      await org.admin.developers.create({ email: "held@example.com", name: "H", password: "secret1", inactive: true });
      assert.equal((await failure(anonymous.sessions.login({ email: "held@example.com", password: "secret1" }))).status, 403);
    });
  });
}
