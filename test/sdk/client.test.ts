import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { PorticoClient, PorticoError } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { ROOT_SECRET, createTestOrg, startTestServer, uniqueSlug, type TestOrg, type TestServer } from "../support/server.js";

/** The rejection of `promise`, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected the call to fail");
}

async function porticoError(promise: Promise<unknown>): Promise<PorticoError> {
  const error = await rejection(promise);
  assert.ok(error instanceof PorticoError, `expected a PorticoError, got ${String(error)}`);
  return error;
}

/** A throwaway HTTP server answering with `handler`; counts the requests it got. */
async function fakeServer(handler: http.RequestListener) {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A URL where nothing listens: a port that was free a moment ago. */
async function deadUrl(): Promise<string> {
  const fake = await fakeServer(() => {});
  await fake.close();
  return fake.url;
}

describe("SDK errors without a Portico server", () => {
  it("reports an unreachable server as a PorticoError with status 0, for writes and reads", async () => {
    const client = new PorticoClient({ baseUrl: await deadUrl(), org: "acme", apiKey: "pak_x" });
    const write = await porticoError(client.developers.create({ email: "a@example.com", name: "A" }));
    assert.equal(write.status, 0);
    assert.equal(write.type, "urn:portico:problem:network");
    assert.ok(write.title.length > 0);
    assert.ok(write.cause, "the underlying network error is kept as the cause");
    // Reads are retried before giving up, and still end as status 0.
    const read = await porticoError(client.developers.list());
    assert.equal(read.status, 0);
    assert.deepEqual(read.errors, {});
  });

  it("turns a non-problem error page (e.g. from a proxy) into a PorticoError with the HTTP status", async () => {
    const proxy = await fakeServer((_req, res) => {
      res.writeHead(502, "Bad Gateway", { "Content-Type": "text/html" });
      res.end("<html><body>upstream down</body></html>");
    });
    try {
      const client = new PorticoClient({ baseUrl: proxy.url, org: "acme" });
      const error = await porticoError(client.developers.create({ email: "a@example.com", name: "A" }));
      assert.equal(error.status, 502);
      assert.equal(error.title, "Bad Gateway");
      assert.deepEqual(error.errors, {});
    } finally {
      await proxy.close();
    }
  });

  it("retries a read after a 503 but never repeats a write", async () => {
    let calls = 0;
    const flaky = await fakeServer((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(503, { "Content-Type": "application/problem+json" });
        res.end(JSON.stringify({ type: "about:blank", title: "Service Unavailable", status: 503 }));
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ items: [], nextCursor: null }));
    });
    try {
      const client = new PorticoClient({ baseUrl: flaky.url, org: "acme" });
      assert.deepEqual(await client.developers.list(), { items: [], nextCursor: null });
      assert.equal(flaky.requests, 2);
    } finally {
      await flaky.close();
    }
    const down = await fakeServer((_req, res) => {
      res.writeHead(503, { "Content-Type": "application/problem+json" });
      res.end(JSON.stringify({ type: "about:blank", title: "Service Unavailable", status: 503, detail: "Down for maintenance" }));
    });
    try {
      const client = new PorticoClient({ baseUrl: down.url, org: "acme" });
      const error = await porticoError(client.developers.create({ email: "a@example.com", name: "A" }));
      assert.equal(error.status, 503);
      assert.equal(error.detail, "Down for maintenance");
      assert.equal(down.requests, 1, "a create is sent once");
    } finally {
      await down.close();
    }
  });
});

for (const database of testDatabases()) {
  describe(`SDK against a server on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;

    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
    });
    after(() => server.close());

    it("carries status, title, type, detail and per-field errors of a validation problem", async () => {
      const error = await porticoError(org.admin.developers.create({ email: "not-an-email", name: "", country: "XX" }));
      assert.ok(error instanceof Error);
      assert.equal(error.name, "PorticoError");
      assert.equal(error.status, 400);
      assert.equal(error.title, "Bad Request");
      assert.equal(error.type, "urn:portico:problem:validation");
      assert.equal(typeof error.detail, "string");
      assert.equal(error.message, error.detail);
      assert.deepEqual(Object.keys(error.errors).sort(), ["country", "email", "name"]);
      for (const message of Object.values(error.errors)) assert.ok(message.length > 0);
    });

    it("carries 401, 403, 404 and 409 problems", async () => {
      const anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
      const unauthorized = await porticoError(anonymous.developers.list());
      assert.equal(unauthorized.status, 401);
      assert.equal(unauthorized.title, "Unauthorized");

      const root = new PorticoClient({ baseUrl: server.url, org: org.slug, apiKey: ROOT_SECRET });
      assert.equal((await porticoError(root.developers.list())).status, 403);

      const missing = await porticoError(org.admin.developers.get("00000000-0000-4000-8000-000000000000"));
      assert.equal(missing.status, 404);
      assert.equal(missing.title, "Not Found");

      await org.admin.developers.create({ email: "twice@example.com", name: "Once" });
      const conflict = await porticoError(org.admin.developers.create({ email: "Twice@Example.com", name: "Twice" }));
      assert.equal(conflict.status, 409);
      assert.equal(typeof conflict.errors.email, "string");
    });

    it("creates, reads, updates, searches and deletes a developer", async () => {
      const created = await org.admin.developers.create({ email: "Sdk.User@Example.com", name: "SDK User", country: "nl", fields: { company: "ACME" } });
      assert.equal(created.country, "NL");
      assert.deepEqual(await org.admin.developers.get(created.id), created);
      const updated = await org.admin.developers.update(created.id, { name: "SDK User 2", telephone: "+31 20 555 0100" }, { version: created.version });
      assert.equal(updated.name, "SDK User 2");
      assert.equal(updated.version, created.version + 1);
      const found = await org.admin.developers.search("sdk.USER");
      assert.deepEqual(found.items.map((d) => d.id), [created.id]);
      assert.equal(await org.admin.developers.delete(created.id), undefined);
      assert.equal((await porticoError(org.admin.developers.get(created.id))).status, 404);
      assert.equal((await porticoError(org.admin.developers.delete(created.id))).status, 404);
    });

    it("search() is a case-insensitive email prefix search with paging", async () => {
      for (const email of ["Search.One@example.com", "search.two@EXAMPLE.com", "search.three@example.com", "other.search@example.com"]) {
        await org.admin.developers.create({ email, name: email });
      }
      const all = await org.admin.developers.search("SEARCH.");
      assert.deepEqual(all.items.map((d) => d.email.toLowerCase()), ["search.one@example.com", "search.three@example.com", "search.two@example.com"]);
      assert.equal(all.nextCursor, null);
      const first = await org.admin.developers.search("search.", { limit: 2 });
      assert.equal(first.items.length, 2);
      assert.ok(first.nextCursor);
      const rest = await org.admin.developers.search("search.", { limit: 2, cursor: first.nextCursor });
      assert.deepEqual(rest.items.map((d) => d.email.toLowerCase()), ["search.two@example.com"]);
      const narrowed = await org.admin.developers.search("search.", { q: "three" });
      assert.equal(narrowed.items.length, 1);
      assert.deepEqual((await org.admin.developers.search("no-such-prefix")).items, []);
    });

    it("all() yields every match across pages", async () => {
      for (let i = 0; i < 5; i++) await org.admin.developers.create({ email: `iter-${i}@example.com`, name: `Iter ${i}` });
      const seen: string[] = [];
      for await (const dev of org.admin.developers.all({ email: "iter-", limit: 2 })) seen.push(dev.email);
      assert.deepEqual(seen, ["iter-0@example.com", "iter-1@example.com", "iter-2@example.com", "iter-3@example.com", "iter-4@example.com"]);
    });

    it("reads an organisation's public settings without a credential, and 404s an unknown one", async () => {
      const anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
      const settings = await anonymous.orgs.get();
      assert.equal(settings.slug, org.slug);
      assert.equal(settings.passwordMinLength, 6);
      assert.equal("apiKey" in settings, false);
      const ghost = new PorticoClient({ baseUrl: server.url, org: uniqueSlug("ghost") });
      assert.equal((await porticoError(ghost.orgs.get())).status, 404);
    });

    it("creates an organisation with the root secret; a duplicate slug is a 409 naming `slug`", async () => {
      const slug = uniqueSlug("sdk");
      const created = await server.root.orgs.create({ slug, name: "SDK Org", passwordMinLength: 8 });
      assert.equal(created.org.slug, slug);
      assert.equal(created.org.passwordMinLength, 8);
      const client = new PorticoClient({ baseUrl: server.url, org: slug, apiKey: created.apiKey });
      assert.deepEqual(await client.developers.list(), { items: [], nextCursor: null });
      const duplicate = await porticoError(server.root.orgs.create({ slug, name: "Again" }));
      assert.equal(duplicate.status, 409);
      assert.equal(typeof duplicate.errors.slug, "string");
      assert.equal((await porticoError(org.admin.orgs.create({ slug: uniqueSlug(), name: "Not root" }))).status, 403);
    });

    it("accepts a base URL with a trailing slash", async () => {
      const client = new PorticoClient({ baseUrl: `${server.url}/`, org: org.slug, apiKey: org.apiKey });
      assert.ok(Array.isArray((await client.developers.list()).items));
    });

    it("rejects with the abort reason, not a PorticoError, when the caller aborts", async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(org.admin.developers.list({}, { signal: controller.signal }));
      assert.ok(!(error instanceof PorticoError));
      assert.equal((error as Error).name, "AbortError");
    });
  });
}
