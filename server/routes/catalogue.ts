import { createRoute } from "@hono/zod-openapi";
import {
  catalogueEntryCreateSchema,
  catalogueEntrySchema,
  catalogueEntryUpdateSchema,
  catalogueListSchema,
} from "../../sdk/schemas/access.js";
import { actorOf, isOrgAdmin, requireOrg, requireOrgScope } from "../authorize.js";
import {
  createCatalogueEntry,
  deleteCatalogueEntry,
  getCatalogueEntry,
  listCatalogue,
  updateCatalogueEntry,
} from "../services/catalogue.js";
import { access, jsonBody, jsonContent, newRouter, orgAndIdParams, orgParams, problems } from "./openapi-helpers.js";

export const catalogueRoutes = newRouter();

const tags = ["Catalogue"];

catalogueRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/catalogue",
    tags,
    summary: "The API catalogue: live entries for anyone, every entry for admins",
    request: { params: orgParams },
    responses: { 200: jsonContent(catalogueListSchema, "Entries by name"), ...problems(404) },
  }),
  async (c) => {
    const org = requireOrg(c);
    return c.json({ items: await listCatalogue(c.var.deps.db, org.id, !isOrgAdmin(c)) }, 200);
  },
);

catalogueRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/orgs/{org}/catalogue/{id}",
    tags,
    summary: "One catalogue entry (live ones for anyone)",
    request: { params: orgAndIdParams },
    responses: { 200: jsonContent(catalogueEntrySchema, "The entry"), ...problems(400, 404) },
  }),
  async (c) => {
    const org = requireOrg(c);
    return c.json(await getCatalogueEntry(c.var.deps.db, org.id, c.req.valid("param").id, !isOrgAdmin(c)), 200);
  },
);

catalogueRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/orgs/{org}/catalogue",
    tags,
    summary: "Add a catalogue entry publishing a policy",
    ...access("admin"),
    request: { params: orgParams, body: jsonBody(catalogueEntryCreateSchema) },
    responses: { 201: jsonContent(catalogueEntrySchema, "The new entry"), ...problems(400, 401, 403, 404, 409, 415) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    return c.json(await createCatalogueEntry(c.var.deps.db, org.id, actorOf(c), c.req.valid("json")), 201);
  },
);

catalogueRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/v1/orgs/{org}/catalogue/{id}",
    tags,
    summary: "Edit a catalogue entry (publish with live: true)",
    ...access("admin"),
    request: { params: orgAndIdParams, body: jsonBody(catalogueEntryUpdateSchema) },
    responses: { 200: jsonContent(catalogueEntrySchema, "The entry after the edit"), ...problems(400, 401, 403, 404, 409, 415) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    return c.json(await updateCatalogueEntry(c.var.deps.db, org.id, c.req.valid("param").id, actorOf(c), c.req.valid("json")), 200);
  },
);

catalogueRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/orgs/{org}/catalogue/{id}",
    tags,
    summary: "Remove a catalogue entry (keys keep their policy)",
    ...access("admin"),
    request: { params: orgAndIdParams },
    responses: { 204: { description: "Removed" }, ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const org = requireOrgScope(c, "admin");
    await deleteCatalogueEntry(c.var.deps.db, org.id, c.req.valid("param").id, actorOf(c));
    return c.body(null, 204);
  },
);
