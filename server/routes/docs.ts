import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Hono } from "hono";
import type { AppEnv } from "../context.js";

/** The API reference page: Swagger UI served from the installed package, so it works offline. */
export const docsRoutes = new Hono<AppEnv>();

const swaggerDir = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Portico API reference</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="reference"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script>SwaggerUIBundle({ url: "/openapi.json", dom_id: "#reference" });</script>
</body>
</html>`;

docsRoutes.get("/docs", (c) => c.html(PAGE));

docsRoutes.get("/docs/assets/:file", async (c) => {
  const file = c.req.param("file");
  const type = ASSETS[file];
  if (!type) return c.notFound();
  const body = await readFile(path.join(swaggerDir, file));
  return c.body(body, 200, { "Content-Type": type, "Cache-Control": "public, max-age=86400" });
});
