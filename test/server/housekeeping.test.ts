import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { PorticoClient } from "../../sdk/index.js";
import { sweepExpired } from "../../server/housekeeping.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";

for (const database of testDatabases()) {
  describe(`housekeeping on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
    });
    after(() => server.close());

    it("deletes ended sessions and keeps live ones", async () => {
      const anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
      const ended = await anonymous.sessions.signup({ email: "ended@example.com", password: "secret1", name: "E" });
      const live = await anonymous.sessions.signup({ email: "live@example.com", password: "secret1", name: "L" });
      await server.db.updateTable("sessions").set({ idle_expires_at: sql<Date>`now() - interval '1 second'` }).where("developer_id", "=", ended.developer!.id).execute();
      await sweepExpired(server.db);
      const left = await server.db.selectFrom("sessions").select("developer_id").execute();
      assert.deepEqual(left.map((row) => row.developer_id), [live.developer!.id]);
      assert.equal((await anonymous.withToken(live.token).me.get()).email, "live@example.com");
    });
  });
}
