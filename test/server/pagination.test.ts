import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoClient, type Developer, type DeveloperPage } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";
import { request } from "./request.js";

/** Byte order of the trimmed, lower-cased email: the order the API promises. */
const byNormalizedEmail = (a: string, b: string) => {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

for (const database of testDatabases()) {
  describe(`cursor pagination on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    let seeded: Developer[];

    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
      // Mixed case and interleaved so the order is not the insertion order.
      const emails = Array.from({ length: 23 }, (_, i) => {
        const n = String((i * 7) % 23).padStart(2, "0");
        return i % 3 === 0 ? `Member${n}@Example.com` : `member${n}@example.com`;
      });
      seeded = [];
      for (const email of emails) seeded.push(await org.admin.developers.create({ email, name: `Member ${email}` }));
      // Another org's developers must never show up in this org's pages.
      const other = await createTestOrg(server);
      await other.admin.developers.create({ email: "member99@example.com", name: "Outsider" });
    });
    after(() => server.close());

    async function pages(query: { limit: number; email?: string; q?: string }, between?: (page: DeveloperPage) => Promise<void>) {
      const seen: Developer[] = [];
      const sizes: number[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = await org.admin.developers.list({ ...query, cursor });
        seen.push(...page.items);
        sizes.push(page.items.length);
        if (!page.nextCursor) return { seen, sizes };
        await between?.(page);
        cursor = page.nextCursor;
      }
      throw new Error("pagination did not end");
    }

    it("returns every developer exactly once, in email order, across pages", async () => {
      const { seen, sizes } = await pages({ limit: 5 });
      assert.deepEqual(sizes, [5, 5, 5, 5, 3]);
      assert.deepEqual(
        seen.map((d) => d.id),
        [...seeded].sort((a, b) => byNormalizedEmail(a.email, b.email)).map((d) => d.id),
      );
      assert.equal(new Set(seen.map((d) => d.id)).size, seeded.length);
    });

    it("returns a null cursor on the last page, also when the last page is exactly full", async () => {
      const exact = await org.admin.developers.list({ limit: seeded.length });
      assert.equal(exact.items.length, seeded.length);
      assert.equal(exact.nextCursor, null);
      const { sizes } = await pages({ limit: 23 });
      assert.deepEqual(sizes, [23]);
      const oneShort = await org.admin.developers.list({ limit: seeded.length - 1 });
      assert.ok(oneShort.nextCursor);
      const rest = await org.admin.developers.list({ limit: seeded.length, cursor: oneShort.nextCursor });
      assert.equal(rest.items.length, 1);
      assert.equal(rest.nextCursor, null);
    });

    it("uses a default page size of 25 and allows up to 100", async () => {
      const response = await request(server, "GET", `/v1/orgs/${org.slug}/developers`, { key: org.apiKey });
      assert.equal(response.status, 200);
      assert.equal(response.body.items.length, Math.min(25, seeded.length));
      const big = await org.admin.developers.list({ limit: 100 });
      assert.ok(big.items.length >= seeded.length);
    });

    it("pages through a filtered search with the filter kept", async () => {
      const { seen } = await pages({ limit: 2, email: "MEMBER1" });
      const expected = seeded.filter((d) => d.email.toLowerCase().startsWith("member1")).sort((a, b) => byNormalizedEmail(a.email, b.email));
      assert.equal(expected.length, 10);
      assert.deepEqual(seen.map((d) => d.id), expected.map((d) => d.id));
    });

    it("sees every existing developer exactly once while others are added between page fetches", async () => {
      const fresh = await createTestOrg(server);
      const initial: Developer[] = [];
      for (let i = 0; i < 12; i++) initial.push(await fresh.admin.developers.create({ email: `m${String(i * 2).padStart(2, "0")}@example.com`, name: `M${i}` }));
      const addedAfterCursor: string[] = [];
      let round = 0;
      const seen: Developer[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await fresh.admin.developers.list({ limit: 4, cursor });
        seen.push(...page.items);
        if (!page.nextCursor) break;
        round++;
        // One row sorting before everything already read, one between pages still to come,
        // and one after everything.
        await fresh.admin.developers.create({ email: `a-early-${round}@example.com`, name: "Early" });
        const later = await fresh.admin.developers.create({ email: `m${String(round * 8 + 1).padStart(2, "0")}x@example.com`, name: "Between" });
        const last = await fresh.admin.developers.create({ email: `z-late-${round}@example.com`, name: "Late" });
        const lastSeen = page.items.at(-1)!.email;
        for (const dev of [later, last]) if (byNormalizedEmail(dev.email, lastSeen) > 0) addedAfterCursor.push(dev.id);
        cursor = page.nextCursor;
      }
      const ids = seen.map((d) => d.id);
      assert.equal(new Set(ids).size, ids.length, "no developer was returned twice");
      for (const dev of initial) assert.equal(ids.filter((id) => id === dev.id).length, 1, `${dev.email} seen once`);
      assert.ok(addedAfterCursor.length >= 2, "some rows were added ahead of the cursor");
      for (const id of addedAfterCursor) assert.ok(ids.includes(id), "rows added ahead of the cursor are picked up");
      assert.deepEqual(seen.map((d) => d.email), [...seen.map((d) => d.email)].sort(byNormalizedEmail), "still in order");
    });

    it("sees every existing developer exactly once while inserts run concurrently with the paging", async () => {
      const fresh = await createTestOrg(server);
      const initial: Developer[] = [];
      for (let i = 0; i < 15; i++) initial.push(await fresh.admin.developers.create({ email: `base${String(i).padStart(2, "0")}@example.com`, name: `Base ${i}` }));
      let done = false;
      const writer = (async () => {
        let n = 0;
        while (!done) {
          const prefix = ["a", "base07", "base14z", "zz"][n % 4];
          await fresh.admin.developers.create({ email: `${prefix}-concurrent-${n++}@example.com`, name: "Concurrent" });
        }
        return n;
      })();
      const seen: Developer[] = [];
      let cursor: string | undefined;
      try {
        for (;;) {
          const page = await fresh.admin.developers.list({ limit: 3, cursor });
          seen.push(...page.items);
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
      } finally {
        done = true;
      }
      const written = await writer;
      assert.ok(written > 0, "the writer ran alongside the reader");
      const ids = seen.map((d) => d.id);
      assert.equal(new Set(ids).size, ids.length, "no developer was returned twice");
      for (const dev of initial) assert.equal(ids.filter((id) => id === dev.id).length, 1, `${dev.email} seen exactly once`);
    });

    it("`developers.all()` iterates over every developer across pages", async () => {
      const all: Developer[] = [];
      for await (const dev of org.admin.developers.all({ limit: 4 })) all.push(dev);
      assert.deepEqual(
        all.map((d) => d.id),
        [...seeded].sort((a, b) => byNormalizedEmail(a.email, b.email)).map((d) => d.id),
      );
      const filtered: string[] = [];
      for await (const dev of org.admin.developers.all({ email: "member2", limit: 1 })) filtered.push(dev.email.toLowerCase());
      assert.deepEqual(filtered, ["member20@example.com", "member21@example.com", "member22@example.com"]);
    });

    it("`developers.all()` can stop early without fetching further pages", async () => {
      let fetches = 0;
      const counting = new PorticoClient({
        baseUrl: server.url,
        org: org.slug,
        apiKey: org.apiKey,
        fetch: (input, init) => {
          fetches++;
          return fetch(input, init);
        },
      });
      let count = 0;
      for await (const _ of counting.developers.all({ limit: 2 })) {
        if (++count === 3) break;
      }
      assert.equal(count, 3);
      assert.equal(fetches, 2, "two pages of two were enough for three developers");
    });

    it("returns an empty page for an org with no developers", async () => {
      const empty = await createTestOrg(server);
      assert.deepEqual(await empty.admin.developers.list(), { items: [], nextCursor: null });
      const all: Developer[] = [];
      for await (const dev of empty.admin.developers.all()) all.push(dev);
      assert.deepEqual(all, []);
    });
  });
}
