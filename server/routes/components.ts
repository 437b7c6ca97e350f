import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import type { AppEnv } from "../context.js";
import { ProblemError } from "../problem.js";

/** The built component bundle (`npm run build`), for `<script type="module" src=".../components/portico.js">`. */
export const componentRoutes = new Hono<AppEnv>();

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/components");
const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

componentRoutes.get("/components/*", async (c) => {
  const relative = c.req.path.slice("/components/".length);
  const file = path.resolve(DIST, relative);
  const type = TYPES[path.extname(file)];
  if (!type || !file.startsWith(DIST + path.sep)) return c.notFound();
  const body = await readFile(file).catch(() => null);
  if (!body) {
    if (relative === "portico.js") {
      throw new ProblemError(404, "The component bundle is not built: run `npm run build`.", { type: "not-found" });
    }
    return c.notFound();
  }
  return c.body(body, 200, {
    "Content-Type": type,
    // Any site may load the tags (module scripts are fetched with CORS); the API itself stays per-org.
    "Access-Control-Allow-Origin": "*",
    // Chunks carry a content hash in their names; the entry point does not, so it is revalidated often.
    "Cache-Control": relative.includes("chunks/") ? "public, max-age=31536000, immutable" : "public, max-age=300",
  });
});
