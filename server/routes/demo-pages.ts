import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import type { AppEnv } from "../context.js";

/**
 * The demo portal and admin console: plain HTML pages built only from the tags, served when the
 * demo organisation is on (`PORTICO_DEMO`). They double as the README's copy-paste examples.
 */
export const demoPageRoutes = new Hono<AppEnv>();

const PAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../demo/pages");
const FILES: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/demo.css": { file: "demo.css", type: "text/css; charset=utf-8" },
  "/portal/": { file: "portal/index.html", type: "text/html; charset=utf-8" },
  "/portal/reset-password.html": { file: "portal/reset-password.html", type: "text/html; charset=utf-8" },
  "/admin/": { file: "admin/index.html", type: "text/html; charset=utf-8" },
};

demoPageRoutes.get("/portal", (c) => c.redirect("/portal/"));
demoPageRoutes.get("/admin", (c) => c.redirect("/admin/"));
demoPageRoutes.get("*", async (c, next) => {
  const page = FILES[c.req.path];
  if (!page || !c.var.deps.config.demo) return next();
  return c.body(await readFile(path.join(PAGES, page.file)), 200, { "Content-Type": page.type, "Cache-Control": "no-cache" });
});
