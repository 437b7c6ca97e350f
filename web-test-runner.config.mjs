// Component tests: headless Chromium against a real Portico server (embedded PostgreSQL) started
// for the run. Tests ask for a fresh organisation with `executeServerCommand("portico-create-org")`.
import { randomBytes } from "node:crypto";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { chromeLauncher } from "@web/test-runner-chrome";
import { register } from "tsx/esm/api";

// Lets this config import the server's TypeScript sources.
register();

const CHROME_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROME_PATH, else the Debian package's path, else a Chrome or Chromium on PATH; never a silent skip. */
function findChrome() {
  if (process.env.CHROME_PATH) {
    if (isExecutable(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
    throw new Error(`CHROME_PATH is set to "${process.env.CHROME_PATH}", which is not an executable file.`);
  }
  const names = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "chrome"];
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const candidates = ["/usr/bin/chromium", ...dirs.flatMap((dir) => names.map((name) => path.join(dir, name)))];
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new Error(
    "The component tests need Chrome or Chromium, and none was found. " +
      "Install one (Debian/Ubuntu: `apt-get install -y chromium`) or set CHROME_PATH to its executable.",
  );
}

/**
 * Starts a Portico server for the run. The `portico-create-org` command makes a fresh organisation
 * as an operator would (root secret), adds an admin and logs them in: `{ apiBase, org, token, adminLogin }`.
 */
function porticoServer() {
  const rootSecret = randomBytes(24).toString("hex");
  let server;

  async function post(path, credential, body) {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(credential && { Authorization: `Bearer ${credential}` }) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path} failed while preparing a test: ${response.status} ${await response.text()}`);
    return response.json();
  }

  /** Each test org's API key, by slug: it stays in this process, the page never sees it. */
  const apiKeys = new Map();

  /** `portico-record-usage { org, records }`: what a gateway would report, sent with the org's `usage:write` key. */
  async function recordUsage(payload) {
    const apiKey = apiKeys.get(payload?.org);
    if (!apiKey) throw new Error("portico-record-usage needs { org, records } for an org made by portico-create-org");
    const response = await fetch(`${server.url}/v1/orgs/${encodeURIComponent(payload.org)}/usage/records`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${apiKey}`,
        "Idempotency-Key": randomBytes(12).toString("hex"),
      },
      body: JSON.stringify({ records: payload.records }),
    });
    if (!response.ok) throw new Error(`Recording usage failed: ${response.status} ${await response.text()}`);
    return response.json();
  }

  /** `portico-last-reset-token { org, email }`: the token of the newest reset mail queued (mail goes nowhere in tests). */
  async function lastResetToken(payload) {
    const row = await server.database.db
      .selectFrom("mail_outbox")
      .innerJoin("orgs", "orgs.id", "mail_outbox.org_id")
      .select("mail_outbox.text_body")
      .where("orgs.slug", "=", payload?.org)
      .where("mail_outbox.to_address", "=", payload?.email)
      .orderBy("mail_outbox.created_at", "desc")
      .executeTakeFirst();
    return { token: row?.text_body.match(/[?&]token=(prt_[A-Za-z0-9_-]+)/)?.[1] ?? null };
  }

  return {
    name: "portico-server",
    async serverStart() {
      const { startServer } = await import("./server/server.ts");
      const { testServerConfig } = await import("./test/support/server.ts");
      server = await startServer(testServerConfig({ kind: "pglite" }, { rootSecret }));
    },
    async serverStop() {
      await server?.close();
    },
    async executeCommand({ command, payload }) {
      if (command === "portico-record-usage") return recordUsage(payload);
      if (command === "portico-last-reset-token") return lastResetToken(payload);
      if (command !== "portico-create-org") return undefined;
      // The page's origin must be allowed, or CORS keeps the browser from reading the answers.
      const origin = payload?.origin;
      if (typeof origin !== "string") throw new Error("portico-create-org needs { origin: location.origin }");
      const slug = `wtr-${randomBytes(4).toString("hex")}`;
      const { apiKey } = await post("/v1/orgs", rootSecret, { slug, name: `Test ${slug}`, allowedOrigins: [origin] });
      apiKeys.set(slug, apiKey);
      // The page gets an admin's session, as a real portal page would; the org API key stays here.
      const admin = { email: `admin@${slug}.example`, name: "Test Admin", password: randomBytes(12).toString("hex") };
      await post(`/v1/orgs/${slug}/admins`, apiKey, admin);
      const { token } = await post(`/v1/orgs/${slug}/sessions`, null, { email: admin.email, password: admin.password, role: "admin" });
      return { apiBase: server.url, org: slug, token, adminLogin: { email: admin.email, password: admin.password } };
    },
  };
}

export default {
  files: ["test/components/**/*.test.ts"],
  // The same site as the Portico server (127.0.0.1, another port), so its session cookie reaches it.
  hostname: "127.0.0.1",
  nodeResolve: true,
  concurrency: 1,
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChrome(), headless: true, args: CHROME_ARGS } })],
  plugins: [esbuildPlugin({ ts: true, tsconfig: "tsconfig.json", target: "auto" }), porticoServer()],
  testFramework: { config: { timeout: 20_000 } },
};
