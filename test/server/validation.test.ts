import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Developer } from "../../sdk/index.js";
import { testDatabases } from "../support/databases.js";
import { ROOT_SECRET, createTestOrg, startTestServer, type TestOrg, type TestServer } from "../support/server.js";
import { assertProblem, postHeadOnly, request } from "./request.js";

const MIB = 1024 * 1024;

for (const database of testDatabases()) {
  describe(`request validation on ${database.name}`, () => {
    let server: TestServer;
    let org: TestOrg;
    let existing: Developer;
    let developersPath: string;

    before(async () => {
      server = await startTestServer(database);
      org = await createTestOrg(server);
      developersPath = `/v1/orgs/${org.slug}/developers`;
      existing = await org.admin.developers.create({ email: "existing@example.com", name: "Existing", telephone: "+1 555 0100", country: "US" });
    });
    after(() => server.close());

    const post = (json: unknown) => request(server, "POST", developersPath, { key: org.apiKey, json });
    const patch = (json: unknown) => request(server, "PATCH", `${developersPath}/${existing.id}`, { key: org.apiKey, json });
    const storedCount = async () => (await org.admin.developers.list({ limit: 100 })).items.length;

    /** Bodies that must be refused with 400 and an `errors` entry for `field`. */
    const invalidCreates: Array<{ why: string; body: Record<string, unknown>; field: string }> = [
      { why: "an email without @", body: { email: "not-an-email", name: "X" }, field: "email" },
      { why: "an email without a domain", body: { email: "someone@", name: "X" }, field: "email" },
      { why: "an empty email", body: { email: "", name: "X" }, field: "email" },
      { why: "a blank email", body: { email: "   ", name: "X" }, field: "email" },
      { why: "an email with a space inside", body: { email: "some one@example.com", name: "X" }, field: "email" },
      { why: "an email over 254 characters", body: { email: `${"a".repeat(60)}@${"b".repeat(200)}.com`, name: "X" }, field: "email" },
      { why: "a missing email", body: { name: "X" }, field: "email" },
      { why: "an empty name", body: { email: "n1@example.com", name: "" }, field: "name" },
      { why: "a blank name", body: { email: "n2@example.com", name: "   " }, field: "name" },
      { why: "a missing name", body: { email: "n3@example.com" }, field: "name" },
      { why: "a name over 200 characters", body: { email: "n4@example.com", name: "n".repeat(201) }, field: "name" },
      { why: "an unknown country code", body: { email: "c1@example.com", name: "X", country: "XX" }, field: "country" },
      { why: "a three-letter country code", body: { email: "c2@example.com", name: "X", country: "USA" }, field: "country" },
      { why: "a country name", body: { email: "c3@example.com", name: "X", country: "Germany" }, field: "country" },
      { why: "letters in the telephone", body: { email: "t1@example.com", name: "X", telephone: "+1 555 CALL-NOW" }, field: "telephone" },
      { why: "a telephone over 32 characters", body: { email: "t2@example.com", name: "X", telephone: "1".repeat(33) }, field: "telephone" },
      { why: "a 5-character password", body: { email: "p1@example.com", name: "X", password: "12345" }, field: "password" },
      { why: "an empty password", body: { email: "p2@example.com", name: "X", password: "" }, field: "password" },
      { why: "a 1025-character password", body: { email: "p3@example.com", name: "X", password: "p".repeat(1025) }, field: "password" },
      { why: "an unknown extra field", body: { email: "u1@example.com", name: "X", isAdmin: true }, field: "isAdmin" },
      { why: "a password hash smuggled in", body: { email: "u2@example.com", name: "X", password_hash: "$argon2id$v=19$forged" }, field: "password_hash" },
      { why: "a server-owned field", body: { email: "u3@example.com", name: "X", version: 99 }, field: "version" },
      { why: "a number as email", body: { email: 42, name: "X" }, field: "email" },
      { why: "an array as name", body: { email: "w1@example.com", name: ["X"] }, field: "name" },
      { why: "a string as inactive", body: { email: "w2@example.com", name: "X", inactive: "yes" }, field: "inactive" },
      { why: "a number as telephone", body: { email: "w3@example.com", name: "X", telephone: 5550100 }, field: "telephone" },
      { why: "a string as fields", body: { email: "w4@example.com", name: "X", fields: "company=ACME" }, field: "fields" },
      { why: "a number among fields", body: { email: "w5@example.com", name: "X", fields: { employees: 12 } }, field: "fields.employees" },
      { why: "a NUL character in the name", body: { email: "z1@example.com", name: "Nul\u0000Name" }, field: "name" },
      { why: "a NUL character in a field value", body: { email: "z2@example.com", name: "X", fields: { company: "AC\u0000ME" } }, field: "fields.company" },
    ];

    for (const { why, body, field } of invalidCreates) {
      it(`refuses to create a developer with ${why} (400, errors.${field}), storing nothing`, async () => {
        const before = await storedCount();
        const response = await post(body);
        assertProblem(response, 400, [field]);
        assert.equal(response.body.type, "urn:portico:problem:validation");
        assert.equal(await storedCount(), before);
      });
    }

    it("refuses an organisation with an invalid slug or name (400 naming the field), creating nothing", async () => {
      const orgsBefore = (await server.db.selectFrom("orgs").select("id").execute()).length;
      for (const [body, field] of [
        [{ slug: "Upper-Case", name: "X" }, "slug"],
        [{ slug: "-leading-dash", name: "X" }, "slug"],
        [{ slug: "a".repeat(64), name: "X" }, "slug"],
        [{ slug: "fine-slug-1", name: "" }, "name"],
        [{ slug: "fine-slug-2", name: "Nul\u0000Org" }, "name"],
        [{ slug: "fine-slug-3", name: "X", passwordMinLength: 5 }, "passwordMinLength"],
        [{ slug: "fine-slug-4", name: "X", owner: "me" }, "owner"],
      ] as const) {
        assertProblem(await request(server, "POST", "/v1/orgs", { key: ROOT_SECRET, json: body }), 400, [field]);
      }
      assert.equal((await server.db.selectFrom("orgs").select("id").execute()).length, orgsBefore);
    });

    it("names every invalid field at once", async () => {
      const response = await post({ email: "nope", name: "", country: "ZZ", telephone: "abc", password: "1", extra: 1 });
      assertProblem(response, 400, ["email", "name", "country", "telephone", "password", "extra"]);
    });

    it("accepts the boundary values: 6- and 1024-character passwords, lower-case country, empty telephone", async () => {
      const six = await post({ email: "six@example.com", name: "Six", password: "123456", country: "fr", telephone: "" });
      assert.equal(six.status, 201, six.text);
      assert.equal(six.body.country, "FR");
      assert.equal(six.body.telephone, null);
      const long = await post({ email: "long@example.com", name: "Long", password: "p".repeat(1024) });
      assert.equal(long.status, 201, long.text);
      assert.equal("password" in long.body, false);
    });

    it("applies the organisation's higher password minimum", async () => {
      const strict = await createTestOrg(server, { passwordMinLength: 10 });
      const path = `/v1/orgs/${strict.slug}/developers`;
      const short = await request(server, "POST", path, { key: strict.apiKey, json: { email: "s@example.com", name: "S", password: "123456789" } });
      assertProblem(short, 400, ["password"]);
      assert.match(short.body.errors.password, /10/);
      const ok = await request(server, "POST", path, { key: strict.apiKey, json: { email: "s@example.com", name: "S", password: "1234567890" } });
      assert.equal(ok.status, 201);
    });

    const invalidPatches: Array<{ why: string; body: Record<string, unknown>; field: string }> = [
      { why: "a bad email", body: { email: "nope" }, field: "email" },
      { why: "a null email", body: { email: null }, field: "email" },
      { why: "an empty name", body: { name: "" }, field: "name" },
      { why: "a null name", body: { name: null }, field: "name" },
      { why: "an unknown country", body: { country: "QQ" }, field: "country" },
      { why: "a bad telephone", body: { telephone: "call me" }, field: "telephone" },
      { why: "a password (passwords change only by reset)", body: { password: "new-password" }, field: "password" },
      { why: "an unknown field", body: { role: "admin" }, field: "role" },
      { why: "a string as inactive", body: { inactive: "true" }, field: "inactive" },
      { why: "a bad field name", body: { fields: { "9lives": "x" } }, field: "fields.9lives" },
    ];

    for (const { why, body, field } of invalidPatches) {
      it(`refuses a PATCH with ${why} (400, errors.${field}), changing nothing`, async () => {
        const response = await patch(body);
        assertProblem(response, 400, [field]);
        assert.deepEqual(await org.admin.developers.get(existing.id), existing);
      });
    }

    it("answers 400 to malformed JSON, an empty body and a non-object body", async () => {
      for (const raw of ["{\"email\": \"a@example.com\",", "", "null", "[]", "\"text\"", "{'single': 'quotes'}"]) {
        const before = await storedCount();
        const response = await request(server, "POST", developersPath, { key: org.apiKey, body: raw, headers: { "Content-Type": "application/json" } });
        assertProblem(response, 400);
        assert.equal(await storedCount(), before);
      }
      const badPatch = await request(server, "PATCH", `${developersPath}/${existing.id}`, { key: org.apiKey, body: "{", headers: { "Content-Type": "application/json" } });
      assertProblem(badPatch, 400);
    });

    it("answers 415 to a body that is not JSON", async () => {
      const body = "email=form%40example.com&name=Form";
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"]) {
        const response = await request(server, "POST", developersPath, { key: org.apiKey, body, headers: { "Content-Type": type } });
        assertProblem(response, 415);
      }
      const noType = await fetch(`${server.url}${developersPath}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${org.apiKey}` },
        body: new Blob([JSON.stringify({ email: "untyped@example.com", name: "Untyped" })]),
      });
      assert.equal(noType.status, 415);
      await noType.body?.cancel();
      const patched = await request(server, "PATCH", `${developersPath}/${existing.id}`, { key: org.apiKey, body: "name=X", headers: { "Content-Type": "text/plain" } });
      assertProblem(patched, 415);
      assert.deepEqual(await org.admin.developers.get(existing.id), existing);
    });

    it("accepts JSON with a charset parameter", async () => {
      const response = await request(server, "POST", developersPath, {
        key: org.apiKey,
        body: JSON.stringify({ email: "charset@example.com", name: "Charset" }),
        headers: { "Content-Type": "application/json; charset=utf-8" },
      });
      assert.equal(response.status, 201, response.text);
    });

    it("answers 413 to a body declared larger than 1 MiB, before reading it", async () => {
      const response = await postHeadOnly(server, developersPath, MIB + 1, { Authorization: `Bearer ${org.apiKey}`, "Content-Type": "application/json" });
      assertProblem(response, 413);
    });

    it("answers 413 to a streamed (chunked) body over 1 MiB, storing nothing", async () => {
      const before = await storedCount();
      const payload = new TextEncoder().encode(JSON.stringify({ email: "huge@example.com", name: "Huge", fields: { blob: "x".repeat(MIB) } }));
      const body = new ReadableStream({
        start(controller) {
          for (let offset = 0; offset < payload.length; offset += 64 * 1024) controller.enqueue(payload.slice(offset, offset + 64 * 1024));
          controller.close();
        },
      });
      const response = await fetch(`${server.url}${developersPath}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${org.apiKey}`, "Content-Type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit);
      assert.equal(response.status, 413);
      assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
      await response.text();
      assert.equal(await storedCount(), before);
    });

    it(
      "answers 413, never a dropped connection, to oversized bodies uploaded whole",
      // @hono/node-server resets the connection after an early 413 unless it says Connection: close.
      async () => {
        const body = JSON.stringify({ email: "huge@example.com", name: "Huge", fields: { blob: "x".repeat(MIB) } });
        const outcomes: string[] = [];
        for (let i = 0; i < 10; i++) {
          const response = await fetch(`${server.url}${developersPath}`, {
            method: "POST",
            headers: { Authorization: `Bearer ${org.apiKey}`, "Content-Type": "application/json" },
            body,
          }).catch((error: Error & { cause?: { code?: string } }) => error);
          // Not `instanceof Response`: @hono/node-server replaces the global Response in this process.
          if (!(response instanceof Error)) {
            outcomes.push(String(response.status));
            await response.text();
          } else {
            outcomes.push(response.cause?.code ?? response.message);
          }
        }
        assert.deepEqual(outcomes, Array(10).fill("413"));
      },
    );

    it("accepts a body of exactly 1 MiB", async () => {
      const json = JSON.stringify({ email: "exactly-one-mib@example.com", name: "Padded" });
      // Whitespace after the value is valid JSON: pad the body to the limit byte for byte.
      const body = json + " ".repeat(MIB - Buffer.byteLength(json));
      assert.equal(Buffer.byteLength(body), MIB);
      const response = await request(server, "POST", developersPath, { key: org.apiKey, body, headers: { "Content-Type": "application/json" } });
      assert.equal(response.status, 201, response.text.slice(0, 300));
    });

    it("accepts the largest valid `fields` map", async () => {
      const fields = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, "v".repeat(2000)]));
      const response = await post({ email: "big-but-fine@example.com", name: "Big", fields });
      assert.equal(response.status, 201, response.text.slice(0, 300));
      assert.equal(Object.keys(response.body.fields).length, 50);
      assertProblem(await post({ email: "too-many@example.com", name: "Big", fields: { ...fields, f50: "one too many" } }), 400, ["fields"]);
    });

    it("answers 400 naming `id` to a path id that is not a UUID", async () => {
      for (const id of ["not-a-uuid", "123", `${existing.id}x`, "00000000-0000-0000-0000-00000000000g"]) {
        assertProblem(await request(server, "GET", `${developersPath}/${id}`, { key: org.apiKey }), 400, ["id"]);
        assertProblem(await request(server, "PATCH", `${developersPath}/${id}`, { key: org.apiKey, json: { name: "X" } }), 400, ["id"]);
        assertProblem(await request(server, "DELETE", `${developersPath}/${id}`, { key: org.apiKey }), 400, ["id"]);
      }
      assert.deepEqual(await org.admin.developers.get(existing.id), existing);
    });

    it("answers 404 (not 400 or 500) to a well-formed UUID that names nobody", async () => {
      const ghost = "00000000-0000-4000-8000-000000000000";
      assertProblem(await request(server, "GET", `${developersPath}/${ghost}`, { key: org.apiKey }), 404);
      assertProblem(await request(server, "PATCH", `${developersPath}/${ghost}`, { key: org.apiKey, json: { name: "X" } }), 404);
      assertProblem(await request(server, "DELETE", `${developersPath}/${ghost}`, { key: org.apiKey }), 404);
    });

    it("answers 400 naming `cursor` to a cursor the server did not issue", async () => {
      for (const cursor of ["!!!", "not a cursor", "%%%", "AA", Buffer.from("a\u0000b").toString("base64url"), "x".repeat(1025)]) {
        const response = await request(server, "GET", `${developersPath}?cursor=${encodeURIComponent(cursor)}`, { key: org.apiKey });
        assertProblem(response, 400, ["cursor"]);
      }
    });

    it("answers 400 naming `limit` to a limit out of range or not a whole number", async () => {
      for (const limit of ["0", "-1", "101", "1000000", "abc", "1.5", ""]) {
        const response = await request(server, "GET", `${developersPath}?limit=${limit}`, { key: org.apiKey });
        assertProblem(response, 400, ["limit"]);
      }
      for (const limit of ["1", "100"]) {
        const response = await request(server, "GET", `${developersPath}?limit=${limit}`, { key: org.apiKey });
        assert.equal(response.status, 200);
        assert.ok(response.body.items.length <= Number(limit));
      }
    });

    it("answers 400 to unknown or unusable query parameters", async () => {
      assertProblem(await request(server, "GET", `${developersPath}?sort=name`, { key: org.apiKey }), 400, ["sort"]);
      assertProblem(await request(server, "GET", `${developersPath}?q=${encodeURIComponent("a\u0000")}`, { key: org.apiKey }), 400, ["q"]);
      assertProblem(await request(server, "GET", `${developersPath}?email=${encodeURIComponent("a\u0000")}`, { key: org.apiKey }), 400, ["email"]);
      assertProblem(await request(server, "GET", `${developersPath}?email=${"a".repeat(255)}`, { key: org.apiKey }), 400, ["email"]);
    });

    it("answers 400 naming If-Match to an ETag this API never issues", async () => {
      for (const value of ["v1", "\"1\"", "\"abc\"", "W/"]) {
        const response = await request(server, "PATCH", `${developersPath}/${existing.id}`, { key: org.apiKey, json: { name: "X" }, headers: { "If-Match": value } });
        assertProblem(response, 400, ["If-Match"]);
      }
      assert.deepEqual(await org.admin.developers.get(existing.id), existing);
    });

    it("answers unknown routes and methods with a problem, not HTML", async () => {
      assertProblem(await request(server, "GET", "/v1/nothing-here", { key: org.apiKey }), 404);
      const put = await request(server, "PUT", `${developersPath}/${existing.id}`, { key: org.apiKey, json: { name: "X" } });
      assert.ok(put.status === 404 || put.status === 405, `PUT answered ${put.status}`);
      assert.match(put.headers.get("content-type") ?? "", /^application\/problem\+json/);
    });

    it("never returns the password or its hash, in any response", async () => {
      const created = await post({ email: "secret-keeper@example.com", name: "Keeper", password: "correct horse battery" });
      assert.equal(created.status, 201);
      const id = created.body.id as string;
      const responses = [
        created,
        await request(server, "GET", `${developersPath}/${id}`, { key: org.apiKey }),
        await request(server, "GET", `${developersPath}?email=secret`, { key: org.apiKey }),
        await request(server, "PATCH", `${developersPath}/${id}`, { key: org.apiKey, json: { name: "Keeper 2" } }),
        await post({ email: "secret-keeper@example.com", name: "Again", password: "correct horse battery" }),
      ];
      for (const response of responses) {
        assert.doesNotMatch(response.text, /correct horse battery/);
        assert.doesNotMatch(response.text, /argon2/);
      }
      const row = await server.db.selectFrom("developers").select("password_hash").where("id", "=", id).executeTakeFirstOrThrow();
      assert.match(row.password_hash ?? "", /^\$argon2id\$/, "the password is stored as an argon2id hash");
    });
  });
}
