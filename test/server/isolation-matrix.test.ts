import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { PorticoClient } from "../../sdk/index.js";
import { hashSecret } from "../../server/crypto.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";

/**
 * Every secured route of the OpenAPI document × every wrong credential. The matrix is generated
 * from the document (`x-portico-access` names who may call each route), so a new route is covered
 * the moment it is added.
 */

type Access = "root" | "admin" | "usageWrite" | "developer" | "session" | "adminOrOwner";
interface Route {
  method: string;
  path: string;
  access: Access;
}

interface Caller {
  name: string;
  token: string | null;
  /** The answer this caller must get on a route with the given access. `null`: may call it (skip). */
  expect(access: Access): number | null;
}

for (const database of testDatabases()) {
  describe(`isolation matrix on ${database.name}`, () => {
    let server: TestServer;
    let target: TestOrg;
    let routes: Route[];
    let callers: Caller[];
    const ids: Record<string, string> = {};
    const secrets: string[] = [];

    before(async () => {
      server = await startTestServer(database);
      target = await createTestOrg(server);
      const other = await createTestOrg(server);

      // Real data in the target org, so that a leak would show.
      const anonymous = new PorticoClient({ baseUrl: server.url, org: target.slug });
      const owner = await anonymous.sessions.signup({ email: "owner@target.example", password: "owner-password", name: "Owner" });
      const nosy = await anonymous.sessions.signup({ email: "nosy@target.example", password: "nosy-password", name: "Nosy" });
      const expired = await anonymous.sessions.signup({ email: "expired@target.example", password: "expired-password", name: "Expired" });
      await server.db
        .updateTable("sessions")
        .set({ idle_expires_at: sql<Date>`now() - interval '1 second'` })
        .where("developer_id", "=", expired.developer!.id)
        .execute();
      const policy = await target.admin.policies.create({ name: "Target plan", rate: 1, per: 1, quotaMax: 10, quotaRenewalSeconds: 3600 });
      const entry = await target.admin.catalogue.create({ name: "Target API", policyId: policy.id, live: true });
      const subscribed = await anonymous.withToken(owner.token).me.subscribe(entry.id);
      ids.developers = owner.developer!.id;
      ids.policies = policy.id;
      ids.catalogue = entry.id;
      ids.subscriptions = subscribed.subscription.id;
      secrets.push(owner.token, subscribed.key!, target.apiKey, owner.developer!.email);

      await target.admin.admins.create({ email: "admin@target.example", name: "A", password: "admin-password" });
      const targetAdmin = await anonymous.sessions.login({ email: "admin@target.example", password: "admin-password", role: "admin" });
      await other.admin.admins.create({ email: "admin@other.example", name: "O", password: "other-password" });
      const otherAdmin = await new PorticoClient({ baseUrl: server.url, org: other.slug }).sessions.login({
        email: "admin@other.example",
        password: "other-password",
        role: "admin",
      });
      const revoked = await createTestOrg(server);
      await server.db.updateTable("org_api_keys").set({ revoked_at: new Date() }).where("key_hash", "=", hashSecret(revoked.apiKey)).execute();

      const doc = await (await fetch(`${server.url}/openapi.json`)).json();
      routes = Object.entries<Record<string, { "x-portico-access"?: Access; security?: unknown[] }>>(doc.paths).flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([, operation]) => operation.security)
          .map(([method, operation]) => {
            assert.ok(operation["x-portico-access"], `${method} ${path} is secured but names no access`);
            return { method: method.toUpperCase(), path, access: operation["x-portico-access"]! };
          }),
      );

      const onOrgRoutes = (status: number) => (access: Access) => (access === "root" ? 403 : status);
      callers = [
        { name: "no credential", token: null, expect: () => 401 },
        { name: "a made-up token", token: "pak_made-up-token-000000000000000000000000000", expect: () => 401 },
        { name: "a revoked org API key", token: revoked.apiKey, expect: () => 401 },
        { name: "an expired session", token: expired.token, expect: () => 401 },
        { name: "another org's API key", token: other.apiKey, expect: onOrgRoutes(404) },
        { name: "another org's admin", token: otherAdmin.token, expect: onOrgRoutes(404) },
        {
          name: "another developer of the same org",
          token: nosy.token,
          expect: (access) => ({ root: 403, admin: 403, usageWrite: 403, adminOrOwner: 404, developer: null, session: null })[access],
        },
        {
          name: "the org's admin, on what is not an admin's",
          token: targetAdmin.token,
          expect: (access) => ({ root: 403, admin: null, usageWrite: 403, adminOrOwner: null, developer: 403, session: null })[access],
        },
        {
          name: "the org's API key, on what needs a login",
          token: target.apiKey,
          expect: (access) => ({ root: 403, admin: null, usageWrite: null, adminOrOwner: null, developer: 403, session: 403 })[access],
        },
      ];
    });
    after(() => server.close());

    function urlFor(path: string): string {
      return path.replace("{org}", target.slug).replace(/\/([a-z-]+)\/\{id\}/, (whole, collection: string) => {
        const id = ids[collection] ?? "00000000-0000-4000-8000-000000000000";
        return `/${collection}/${id}`;
      });
    }

    it("covers every secured route", () => {
      assert.ok(routes.length >= 40, `only ${routes.length} secured routes found`);
    });

    it("answers every wrong credential with 401, 403 or 404, and leaks nothing", async () => {
      const failures: string[] = [];
      for (const route of routes) {
        for (const caller of callers) {
          const expected = caller.expect(route.access);
          if (expected === null) continue;
          const response = await fetch(`${server.url}${urlFor(route.path)}`, {
            method: route.method,
            headers: {
              ...(caller.token && { Authorization: `Bearer ${caller.token}` }),
              ...(route.method !== "GET" && route.method !== "DELETE" && { "Content-Type": "application/json" }),
            },
            body: route.method !== "GET" && route.method !== "DELETE" ? "{}" : undefined,
          });
          const body = await response.text();
          const where = `${route.method} ${route.path} with ${caller.name}`;
          if (response.status !== expected) failures.push(`${where}: ${response.status}, expected ${expected} (${body.slice(0, 120)})`);
          if (!/^application\/problem\+json/.test(response.headers.get("content-type") ?? "")) failures.push(`${where}: not a problem document`);
          // `instance` echoes the caller's own URL; anything else must not name the target's data.
          const answered = body.replace(/"instance":"[^"]*"/, "");
          for (const secret of [...secrets, ...Object.values(ids)]) {
            if (answered.includes(secret)) failures.push(`${where}: the body holds ${secret}`);
          }
          for (const header of ["etag", "set-cookie", "location"]) {
            if (response.headers.get(header)) failures.push(`${where}: answered with a ${header} header`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
