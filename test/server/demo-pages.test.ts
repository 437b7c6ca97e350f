import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testDatabases } from "../support/databases.js";
import { startTestServer, type TestServer } from "../support/server.js";

describe("the demo pages", () => {
  let withDemo: TestServer;
  let withoutDemo: TestServer;
  before(async () => {
    const database = testDatabases()[0]!;
    withDemo = await startTestServer(database, { demo: true });
    withoutDemo = await startTestServer(database, { demo: false });
  });
  after(async () => {
    await withDemo.close();
    await withoutDemo.close();
  });

  it("serves the portal and the admin console, built from the tags and the one script", async () => {
    const pages = { "/": "/portal/", "/portal/": "<developer-dashboard", "/admin/": "<developer-list", "/portal/reset-password.html": "<reset-password-form" };
    for (const [path, expected] of Object.entries(pages)) {
      const response = await fetch(`${withDemo.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
      const page = await response.text();
      assert.ok(page.includes(expected), `${path} has ${expected}`);
      if (path !== "/") assert.ok(page.includes('<script type="module" src="/components/portico.js">'), `${path} loads the bundle`);
    }
  });

  it("serves no demo pages when the demo is off", async () => {
    for (const path of ["/", "/portal/", "/admin/"]) assert.equal((await fetch(`${withoutDemo.url}${path}`)).status, 404, path);
  });
});
