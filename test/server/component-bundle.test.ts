import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { testDatabases } from "../support/databases.js";
import { startTestServer, type TestServer } from "../support/server.js";

// `npm test` builds the bundle first (`npm run build`); a missing bundle must fail loudly here.
describe("the component bundle served for <script type=module>", () => {
  let server: TestServer;
  before(async () => {
    assert.ok(existsSync("dist/components/portico.js"), "run `npm run build` first");
    server = await startTestServer(testDatabases()[0]!);
  });
  after(() => server.close());

  it("serves portico.js as JavaScript that any site may load", async () => {
    const response = await fetch(`${server.url}/components/portico.js`, { headers: { Origin: "https://elsewhere.example" } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/javascript/);
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    assert.match(response.headers.get("cache-control") ?? "", /max-age/);
    assert.match(await response.text(), /developer-list/);
  });

  it("serves a tag's own entry point for pages that use only that tag", async () => {
    const response = await fetch(`${server.url}/components/tags/login-form.js`);
    assert.equal(response.status, 200);
    const code = await response.text();
    assert.match(code, /login-form/);
    assert.match(code, /reset-password-form/, "with the tag it renders itself");
  });

  it("serves nothing outside the bundle folder", async () => {
    for (const path of ["/components/../package.json", "/components/%2e%2e/package.json", "/components/missing.js", "/components/x.ts"]) {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 404, path);
    }
  });
});
