import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";
import { request } from "./request.js";

/** Email and name of every developer the searches run over. */
const PEOPLE: Array<[email: string, name: string]> = [
  ["Alice.Smith@Example.com", "Alice Smith"],
  ["ALICE.JONES@example.COM", "Alice Jones"],
  ["alfred@x.com", "Alfred Pennyworth"],
  ["bob@x.com", "Bob O'Brien"],
  ["a_b@x.com", "Underscore Email"],
  ["axb@x.com", "Plain Email"],
  ["100%@x.com", "Percent Email"],
  ["1000@x.com", "Digits Email"],
  ["percent@x.com", "50% Off"],
  ["fifty@x.com", "500 Off"],
  ["under@x.com", "snake_case"],
  ["underx@x.com", "snakeXcase"],
  ["slash@x.com", "back\\slash"],
  ["noslash@x.com", "backslash"],
  ["carol@x.com", "Carol SMITHERS"],
  ["emile@x.com", "Émile Zola"],
];

for (const database of testDatabases()) {
  describe(`developer search on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;

    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
      for (const [email, name] of PEOPLE) await org.admin.developers.create({ email, name });
      // Another org holds look-alikes that must never show up.
      const other = await createTestOrg(server);
      await other.admin.developers.create({ email: "alice.other@example.com", name: "Alice Smith" });
    });
    after(() => server.close());

    /** Emails (lower-cased) that a raw query string returns, fetched through plain HTTP. */
    async function emails(query: Record<string, string>): Promise<string[]> {
      const params = new URLSearchParams({ limit: "100", ...query });
      const response = await request(server, "GET", `/v1/orgs/${org.slug}/developers?${params}`, { key: org.apiKey });
      assert.equal(response.status, 200, response.text);
      return (response.body.items as Array<{ email: string }>).map((d) => d.email.toLowerCase());
    }

    it("matches an email prefix case-insensitively, whatever case was stored or asked", async () => {
      const expected = ["alice.jones@example.com", "alice.smith@example.com"];
      assert.deepEqual(await emails({ email: "alice" }), expected);
      assert.deepEqual(await emails({ email: "ALICE" }), expected);
      assert.deepEqual(await emails({ email: "aLiCe." }), expected);
      assert.deepEqual(await emails({ email: "alice.s" }), ["alice.smith@example.com"]);
      assert.deepEqual(await emails({ email: "Alice.Smith@EXAMPLE.COM" }), ["alice.smith@example.com"]);
      assert.deepEqual(await emails({ email: "  al  " }), ["alfred@x.com", "alice.jones@example.com", "alice.smith@example.com"], "the prefix is trimmed");
    });

    it("matches only prefixes, not substrings, with `email`", async () => {
      assert.deepEqual(await emails({ email: "smith" }), []);
      assert.deepEqual(await emails({ email: "example.com" }), []);
    });

    it("returns the stored email as entered, not the lower-cased search key", async () => {
      const response = await request(server, "GET", `/v1/orgs/${org.slug}/developers?email=alice.j`, { key: org.apiKey });
      assert.deepEqual(response.body.items.map((d: { email: string }) => d.email), ["ALICE.JONES@example.COM"]);
    });

    it("treats `_` in an email search literally, not as any character", async () => {
      assert.deepEqual(await emails({ email: "a_" }), ["a_b@x.com"]);
      assert.deepEqual(await emails({ email: "a_b@" }), ["a_b@x.com"]);
      assert.deepEqual(await emails({ email: "_" }), []);
    });

    it("treats `%` in an email search literally, not as any run of characters", async () => {
      assert.deepEqual(await emails({ email: "100%" }), ["100%@x.com"]);
      assert.deepEqual(await emails({ email: "%" }), []);
      assert.deepEqual(await emails({ email: "a%" }), []);
      assert.deepEqual(await emails({ email: "100" }), ["100%@x.com", "1000@x.com"]);
    });

    it("treats `\\` in a search literally, neither as an escape nor as an error", async () => {
      assert.deepEqual(await emails({ email: "\\" }), []);
      assert.deepEqual(await emails({ email: "a\\_" }), []);
      assert.deepEqual(await emails({ email: "\\%" }), []);
      assert.deepEqual(await emails({ q: "back\\" }), ["slash@x.com"]);
      assert.deepEqual(await emails({ q: "k\\s" }), ["slash@x.com"]);
      assert.deepEqual(await emails({ q: "\\" }), ["slash@x.com"]);
    });

    it("finds a case-insensitive substring of the name with `q`", async () => {
      assert.deepEqual(await emails({ q: "smith" }), ["alice.smith@example.com", "carol@x.com"]);
      assert.deepEqual(await emails({ q: "SMITH" }), ["alice.smith@example.com", "carol@x.com"]);
      assert.deepEqual(await emails({ q: "penny" }), ["alfred@x.com"]);
      assert.deepEqual(await emails({ q: "o'brien" }), ["bob@x.com"]);
      assert.deepEqual(await emails({ q: "nobody by that name" }), []);
    });

    it("folds case beyond ASCII in `q`", async () => {
      assert.deepEqual(await emails({ q: "émile" }), ["emile@x.com"]);
      assert.deepEqual(await emails({ q: "ÉMILE Z" }), ["emile@x.com"]);
    });

    it("finds a substring of the email with `q` too", async () => {
      assert.deepEqual(await emails({ q: "JONES@" }), ["alice.jones@example.com"]);
    });

    it("treats `%` and `_` in `q` literally", async () => {
      assert.deepEqual(await emails({ q: "50%" }), ["percent@x.com"]);
      assert.deepEqual(await emails({ q: "%" }), ["100%@x.com", "percent@x.com"]);
      assert.deepEqual(await emails({ q: "snake_" }), ["under@x.com"]);
      assert.deepEqual(await emails({ q: "_" }), ["a_b@x.com", "under@x.com"]);
    });

    it("combines `email` and `q`", async () => {
      assert.deepEqual(await emails({ email: "alice", q: "jones" }), ["alice.jones@example.com"]);
      assert.deepEqual(await emails({ email: "bob", q: "smith" }), []);
    });

    it("treats an empty search as no filter", async () => {
      assert.equal((await emails({ email: "" })).length, PEOPLE.length);
      assert.equal((await emails({ q: "  " })).length, PEOPLE.length);
    });

    it("searches through the SDK the same way", async () => {
      const page = await org.admin.developers.search("ALICE.");
      assert.deepEqual(page.items.map((d) => d.name), ["Alice Jones", "Alice Smith"]);
      assert.equal(page.nextCursor, null);
      const first = await org.admin.developers.search("alice", { limit: 1 });
      assert.deepEqual(first.items.map((d) => d.name), ["Alice Jones"]);
      const second = await org.admin.developers.search("alice", { limit: 1, cursor: first.nextCursor! });
      assert.deepEqual(second.items.map((d) => d.name), ["Alice Smith"]);
    });
  });
}
