import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { sql } from "kysely";
import { PorticoClient } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";

/**
 * Bad input on every route with a body, generated from the OpenAPI document: wrong types, missing and
 * extra fields, huge strings, control characters, lone surrogates, SQL and HTML payloads, extreme
 * numbers, malformed JSON and wrong content types. Every answer is a 4xx problem (never a 5xx, never
 * a stack trace) and a rejected request changes nothing stored. `FUZZ_RUNS` sets how many requests
 * (`npm run test:fuzz` sends 10 000 per database).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

type Access = "root" | "admin" | "usageWrite" | "developer" | "session" | "adminOrOwner" | undefined;
interface Route {
  method: string;
  path: string;
  access: Access;
  fields: string[];
}

const nasty = fc.oneof(
  fc.constantFrom(
    "' OR 1=1; --",
    "'); DROP TABLE developers; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\u0000",
    "\ud800",
    "\u202e\u200b",
    "%00%27",
    "../../etc/passwd",
    "a".repeat(100_000),
  ),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.string({ minLength: 1000, maxLength: 5000 }),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  fc.integer(),
  fc.constantFrom(-1, 0, -2147483649, 2 ** 53 + 1, 1e308, -1e308, Number.MIN_VALUE),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
);

/** A request body: mostly objects with the route's own field names holding wrong values. */
function bodies(route: Route): fc.Arbitrary<{ text: string; contentType: string }> {
  const known = route.fields.length ? fc.constantFrom(...route.fields) : fc.string({ maxLength: 12 });
  const fields = fc.dictionary(fc.oneof(known, fc.string({ maxLength: 20 })), anyValue, { maxKeys: 6 });
  const json = fc.oneof(fields.map((object) => JSON.stringify(object)), anyValue.map((value) => JSON.stringify(value) ?? "null"));
  return fc.oneof(
    { weight: 6, arbitrary: json.map((text) => ({ text, contentType: "application/json" })) },
    // Malformed or truncated JSON.
    { weight: 2, arbitrary: json.chain((text) => fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => ({ text: text.slice(0, cut) + "{", contentType: "application/json" }))) },
    // The right body under the wrong content type.
    { weight: 1, arbitrary: json.chain((text) => fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x").map((contentType) => ({ text, contentType }))) },
  );
}

for (const database of testDatabases()) {
  describe(`fuzzed input on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    let routes: Route[];
    const tokens: Record<string, string> = {};
    const ids: Record<string, string> = {};

    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
      const anonymous = new PorticoClient({ baseUrl: server.url, org: org.slug });
      const developer = await anonymous.sessions.signup({ email: "fuzzed@example.com", password: "fuzz-password", name: "Fuzzed" });
      const policy = await org.admin.policies.create({ name: "Fuzz", rate: 1, per: 1, quotaMax: 10, quotaRenewalSeconds: 3600 });
      const entry = await org.admin.catalogue.create({ name: "Fuzz API", policyId: policy.id, live: true });
      const { subscription } = await anonymous.withToken(developer.token).me.subscribe(entry.id);
      Object.assign(ids, { developers: developer.developer!.id, policies: policy.id, catalogue: entry.id, subscriptions: subscription.id });
      Object.assign(tokens, { admin: org.apiKey, usageWrite: org.apiKey, adminOrOwner: org.apiKey, developer: developer.token, session: developer.token });

      const doc = await (await fetch(`${server.url}/openapi.json`)).json();
      const schemaOf = (ref: string | undefined) => (ref ? doc.components.schemas[ref.split("/").pop()!] : undefined);
      routes = [];
      for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
        for (const [method, operation] of Object.entries<any>(item)) {
          const body = operation.requestBody?.content?.["application/json"]?.schema;
          if (!body || path === "/v1/orgs") continue;
          const schema = body.$ref ? schemaOf(body.$ref) : body;
          routes.push({ method: method.toUpperCase(), path, access: operation["x-portico-access"], fields: Object.keys(schema?.properties ?? {}) });
        }
      }
    });
    after(() => server.close());

    /** What a rejected request must not change (rate counters count failures by design). */
    async function storedState(): Promise<string> {
      const { rows } = await sql<Record<string, unknown>>`
        select (select count(*) from developers)::int as developers,
               (select coalesce(sum(version), 0) from developers)::int as developer_versions,
               (select count(*) from sessions)::int as sessions,
               (select count(*) from admins)::int as admins,
               (select count(*) from policies)::int as policies,
               (select count(*) from catalogue_entries)::int as catalogue,
               (select count(*) from api_keys)::int as keys,
               (select coalesce(sum(version), 0) from api_keys)::int as key_versions,
               (select coalesce(sum(requests), 0) from usage_rollups)::int as usage,
               (select count(*) from audit_log)::int as audit,
               (select count(*) from mail_outbox)::int as mail,
               (select count(*) from orgs)::int as orgs`.execute(server.db);
      return JSON.stringify(rows[0]);
    }

    it(`answers ${RUNS} generated bad requests with 4xx problems and stores nothing from them`, async () => {
      assert.ok(routes.length >= 15, `only ${routes.length} routes with a body`);
      const request = fc.constantFrom(...routes).chain((route) => bodies(route).map((body) => ({ route, body })));
      await fc.assert(
        fc.asyncProperty(request, async ({ route, body }) => {
          const url = route.path.replace("{org}", org.slug).replace(/\/([a-z-]+)\/\{id\}/, (_, collection: string) => `/${collection}/${ids[collection]}`);
          const token = route.access ? tokens[route.access] : undefined;
          const before = await storedState();
          const send = () =>
            fetch(`${server.url}${url}`, {
              method: route.method,
              headers: { "Content-Type": body.contentType, ...(token && { Authorization: `Bearer ${token}` }) },
              body: body.text,
            });
          // A pooled keep-alive connection can be closed by the server just as the client reuses it
          // (its idle timeout); that is the client's race, so send once more on a fresh connection.
          // A server that died would fail again.
          const response = await send().catch((error: { cause?: { code?: string } }) => {
            if (error.cause?.code !== "UND_ERR_SOCKET") throw error;
            return send();
          });
          const text = await response.text();
          const where = `${route.method} ${route.path} ${body.contentType} ${body.text.slice(0, 200)}`;
          assert.ok(response.status < 500, `${where} → ${response.status} ${text.slice(0, 300)}`);
          assert.doesNotMatch(text, /\bat .+\.(ts|js):\d+|\$argon2|key_hash|password_hash/, `${where} leaked internals`);
          if (response.status >= 400) {
            assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/, where);
            const problem = JSON.parse(text);
            assert.equal(problem.status, response.status, where);
            if (response.status === 400 && problem.type === "urn:portico:problem:validation") {
              assert.ok(Object.keys(problem.errors ?? {}).length > 0, `${where}: a validation problem names its fields`);
            }
            assert.equal(await storedState(), before, `${where}: a rejected request changed stored data`);
          }
        }),
        // FUZZ_SEED and FUZZ_PATH replay a failure that a run reported.
        {
          numRuns: RUNS,
          verbose: 1,
          includeErrorInReport: true,
          ...(process.env.FUZZ_SEED && { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH, endOnFailure: true }),
        },
      );
    });
  });
}
