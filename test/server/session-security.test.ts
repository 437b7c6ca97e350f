import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PorticoClient, PorticoError } from "../../sdk/index.js";
import { ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT } from "../../server/services/login-throttle.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";

const ALLOWED = "https://portal.example.com";
const EVIL = "https://evil.example.net";

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    assert.ok(error instanceof PorticoError, String(error));
    return error.status;
  }
}

for (const database of testDatabases()) {
  describe(`session security on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    let anonymous: PorticoClient;
    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server, { allowedOrigins: [ALLOWED] });
      anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
    });
    after(() => server.close());

    const api = (path: string) => `${server.url}/v1/orgs/${org.slug}${path}`;

    async function signupCookie(email: string): Promise<string> {
      const response = await fetch(api("/signup"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email, password: "secret1", name: "Cookie" }),
      });
      assert.equal(response.status, 201);
      const setCookie = response.headers.get("set-cookie") ?? "";
      assert.match(setCookie, /^portico_session=pst_/);
      return setCookie;
    }

    it("sets an HttpOnly, SameSite=Lax session cookie scoped to the org", async () => {
      const setCookie = await signupCookie("cookie@example.com");
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Lax/i);
      assert.match(setCookie, new RegExp(`Path=/v1/orgs/${org.slug}`));
      assert.doesNotMatch(setCookie, /Secure/i, "no Secure flag over plain HTTP");
    });

    it("accepts the cookie for reads, and for writes only from a trusted origin", async () => {
      const cookie = (await signupCookie("csrf@example.com")).split(";")[0]!;
      const me = await fetch(api("/me"), { headers: { Cookie: cookie } });
      assert.equal(me.status, 200);
      const patch = (origin?: string) =>
        fetch(api("/me"), {
          method: "PATCH",
          headers: { Cookie: cookie, "Content-Type": "application/json", ...(origin && { Origin: origin }) },
          body: JSON.stringify({ name: `From ${origin}` }),
        });
      assert.equal((await patch(EVIL)).status, 403);
      assert.equal((await patch()).status, 403);
      assert.equal((await patch(ALLOWED)).status, 200);
      const after = await (await fetch(api("/me"), { headers: { Cookie: cookie } })).json();
      assert.equal(after.name, `From ${ALLOWED}`);
    });

    it("allows CORS only for the org's configured origins", async () => {
      const preflight = (origin: string) =>
        fetch(api("/me"), { method: "OPTIONS", headers: { Origin: origin, "Access-Control-Request-Method": "PATCH" } });
      const allowed = await preflight(ALLOWED);
      assert.equal(allowed.status, 204);
      assert.equal(allowed.headers.get("access-control-allow-origin"), ALLOWED);
      assert.equal(allowed.headers.get("access-control-allow-credentials"), "true");
      const denied = await preflight(EVIL);
      assert.equal(denied.headers.get("access-control-allow-origin"), null);

      const get = (origin: string) => fetch(api(""), { headers: { Origin: origin } });
      assert.equal((await get(ALLOWED)).headers.get("access-control-allow-origin"), ALLOWED);
      assert.equal((await get(EVIL)).headers.get("access-control-allow-origin"), null);
    });

    it("uses SameSite=None; Secure when the org embeds cross-site behind HTTPS", async () => {
      const secureServer = await startTestServer(database, { publicUrl: "https://portal.example.com" });
      try {
        const crossSite = await createTestOrg(secureServer);
        await crossSite.admin.orgs.updateSettings({ sessionSameSite: "None" });
        const response = await fetch(`${secureServer.url}/v1/orgs/${crossSite.slug}/signup`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ email: "x@example.com", password: "secret1", name: "X" }),
        });
        const setCookie = response.headers.get("set-cookie") ?? "";
        assert.match(setCookie, /SameSite=None/i);
        assert.match(setCookie, /Secure/i);
      } finally {
        await secureServer.close();
      }
    });

    it("throttles an account after repeated failures, even for the right password", async () => {
      await anonymous.sessions.signup({ email: "target@example.com", password: "right-password", name: "T" });
      for (let attempt = 0; attempt < ACCOUNT_FAILURE_LIMIT; attempt++) {
        assert.equal(await status(anonymous.sessions.login({ email: "target@example.com", password: `wrong-${attempt}` })), 401);
      }
      const response = await fetch(api("/sessions"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: "target@example.com", password: "right-password" }),
      });
      assert.equal(response.status, 429);
      assert.ok(Number(response.headers.get("retry-after")) > 0);
      // Another account from the same address is not locked by one account's failures.
      await anonymous.sessions.signup({ email: "bystander@example.com", password: "right-password", name: "B" });
      assert.equal(await status(anonymous.sessions.login({ email: "bystander@example.com", password: "right-password" })), 200);
    });

    it("throttles an address that tries many accounts", async () => {
      const spray = await createTestOrg(server);
      const client = new PorticoClient({ baseUrl: server.url, org: spray.slug });
      await client.sessions.signup({ email: "real@example.com", password: "right-password", name: "R" });
      for (let attempt = 0; attempt < ADDRESS_FAILURE_LIMIT; attempt++) {
        await status(client.sessions.login({ email: `guess${attempt}@example.com`, password: "password" }));
      }
      assert.equal(await status(client.sessions.login({ email: "real@example.com", password: "right-password" })), 429);
    });
  });
}
