import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testDatabases } from "../support/databases.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { request } from "./request.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every `$ref` in the document, with where it was found. */
function refs(node: unknown, at = "#"): Array<{ ref: string; at: string }> {
  if (Array.isArray(node)) return node.flatMap((item, i) => refs(item, `${at}/${i}`));
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "$ref" && typeof value === "string" ? [{ ref: value, at }] : refs(value, `${at}/${key}`),
  );
}

function resolve(doc: any, ref: string): unknown {
  assert.ok(ref.startsWith("#/"), `only local references: ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<any>((node, part) => (node === undefined ? undefined : node[part]), doc);
}

/** A schema, following one `$ref` if it is one. */
function deref(doc: any, schema: any): any {
  return schema?.$ref ? resolve(doc, schema.$ref) : schema;
}

for (const database of testDatabases()) {
  describe(`health, OpenAPI document and reference page on ${database.name}`, () => {
    let server: TestServer;
    let doc: any;

    before(async () => {
      server = await startTestServer(database);
      const response = await request(server, "GET", "/openapi.json");
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      doc = response.body;
    });
    after(() => server.close());

    it("GET /healthz reports the server and its database as up, without credentials", async () => {
      const response = await request(server, "GET", "/healthz");
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      assert.deepEqual(response.body, { status: "ok", database: "ok" });
    });

    it("is an OpenAPI 3.1 document with the required top-level fields", () => {
      assert.match(doc.openapi, /^3\.1\.\d+$/);
      assert.equal(typeof doc.info?.title, "string");
      assert.equal(typeof doc.info?.version, "string");
      assert.equal(typeof doc.paths, "object");
      assert.ok(Object.keys(doc.paths).length > 0);
      for (const path of Object.keys(doc.paths)) assert.ok(path.startsWith("/"), `path "${path}" starts with /`);
    });

    it("lists the developer paths with the methods the server answers", () => {
      const collection = doc.paths["/v1/orgs/{org}/developers"];
      const item = doc.paths["/v1/orgs/{org}/developers/{id}"];
      assert.ok(collection, "the developers collection is documented");
      assert.ok(item, "a single developer is documented");
      assert.ok(collection.get && collection.post);
      assert.ok(item.get && item.patch && item.delete);
      assert.ok(doc.paths["/v1/orgs"]?.post, "organisation creation is documented");
      assert.ok(doc.paths["/healthz"]?.get);
    });

    it("has a Developer schema that describes what the API returns and never a password", () => {
      const developer = doc.components?.schemas?.Developer;
      assert.ok(developer, "components.schemas.Developer exists");
      assert.equal(developer.type, "object");
      for (const field of ["id", "email", "name", "telephone", "country", "fields", "inactive", "avatarUrl", "version", "createdAt", "updatedAt"]) {
        assert.ok(field in developer.properties, `Developer.${field} is documented`);
      }
      for (const field of Object.keys(developer.properties)) assert.doesNotMatch(field, /password|hash/i);
      const getDeveloper = doc.paths["/v1/orgs/{org}/developers/{id}"].get;
      assert.deepEqual(getDeveloper.responses["200"].content["application/json"].schema, { $ref: "#/components/schemas/Developer" });
      const page = deref(doc, doc.paths["/v1/orgs/{org}/developers"].get.responses["200"].content["application/json"].schema);
      assert.deepEqual(page.properties.items.items, { $ref: "#/components/schemas/Developer" });
    });

    it("documents the create body with its constraints", () => {
      const body = deref(doc, doc.paths["/v1/orgs/{org}/developers"].post.requestBody.content["application/json"].schema);
      assert.deepEqual([...body.required].sort(), ["email", "name"]);
      assert.equal(body.additionalProperties, false, "unknown fields are refused, and the document says so");
      assert.equal(body.properties.password.minLength, 6);
      assert.equal(body.properties.password.maxLength, 1024);
    });

    it("documents error responses as problem details, including 409 and 412", () => {
      const create = doc.paths["/v1/orgs/{org}/developers"].post;
      const update = doc.paths["/v1/orgs/{org}/developers/{id}"].patch;
      for (const [operation, status] of [[create, "400"], [create, "401"], [create, "409"], [update, "404"], [update, "412"]] as const) {
        const content = operation.responses[status]?.content;
        assert.ok(content?.["application/problem+json"], `${status} is documented as application/problem+json`);
        const problem = deref(doc, content["application/problem+json"].schema);
        assert.ok(problem.properties.status && problem.properties.title && problem.properties.errors);
      }
    });

    it("declares every path parameter, and the developer paths need a bearer credential", () => {
      for (const [path, item] of Object.entries<any>(doc.paths)) {
        const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        for (const method of METHODS.filter((m) => item[m])) {
          const operation = item[method];
          assert.ok(Object.keys(operation.responses ?? {}).length > 0, `${method} ${path} documents its responses`);
          const declared = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
            .map((p: any) => deref(doc, p))
            .filter((p: any) => p.in === "path")
            .map((p: any) => p.name);
          for (const name of names) assert.ok(declared.includes(name), `${method} ${path} declares {${name}}`);
        }
      }
      assert.equal(doc.components.securitySchemes.bearer.scheme, "bearer");
      assert.deepEqual(doc.paths["/v1/orgs/{org}/developers"].get.security, [{ bearer: [] }]);
    });

    it("resolves every $ref inside the document", () => {
      const all = refs(doc);
      assert.ok(all.length > 0);
      for (const { ref, at } of all) assert.ok(resolve(doc, ref) !== undefined, `${ref} (at ${at}) resolves`);
    });

    it("GET /docs serves an HTML reference page that loads the document, with its assets", async () => {
      const page = await request(server, "GET", "/docs");
      assert.equal(page.status, 200);
      assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
      assert.match(page.text, /<!doctype html>/i);
      assert.match(page.text, /\/openapi\.json/);
      const scripts = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(scripts.length >= 2);
      for (const asset of scripts) {
        const response = await fetch(new URL(asset, server.url));
        assert.equal(response.status, 200, `${asset} loads`);
        assert.ok((await response.arrayBuffer()).byteLength > 1000, `${asset} is not empty`);
      }
      const missing = await request(server, "GET", "/docs/assets/..%2Fpackage.json");
      assert.equal(missing.status, 404);
    });
  });

  describe(`health with the database gone on ${database.name}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(database);
    });
    after(async () => {
      // The database is already closed; closing it again must not fail the run.
      await server.close().catch(() => {});
    });

    it("GET /healthz answers 503 when the database is unreachable", async () => {
      await server.db.destroy();
      const response = await fetch(`${server.url}/healthz`);
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), { status: "unavailable", database: "unreachable" });
    });
  });
}
