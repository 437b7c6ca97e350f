import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { PorticoClient } from "../../sdk/index.js";
import type { ServerConfig } from "../../server/config.js";
import type { DatabaseTarget } from "../../server/db/connect.js";
import type { Database } from "../../server/db/schema.js";
import { startServer } from "../../server/server.js";
import type { TestDatabase } from "./databases.js";

export const ROOT_SECRET = "test-root-secret-0123456789";

export interface TestServer {
  url: string;
  db: Kysely<Database>;
  /** A client holding the root secret (creates organisations). */
  root: PorticoClient;
  close(): Promise<void>;
}

export interface TestOrg {
  slug: string;
  apiKey: string;
  /** A client holding the org's admin API key. */
  admin: PorticoClient;
}

/** Server settings for tests: a free port, the root secret, no demo, quiet logs, no SMTP. */
export function testServerConfig(database: DatabaseTarget, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 0,
    database,
    dataDir: "",
    rootSecret: ROOT_SECRET,
    publicUrl: null,
    demo: false,
    logLevel: process.env.LOG_LEVEL ?? "silent",
    trustProxy: false,
    smtpUrl: null,
    mailFrom: "Portico Tests <portico@test.invalid>",
    ...overrides,
  };
}

/** A real server on a free port over a fresh database. */
export async function startTestServer(
  database: TestDatabase,
  config: Partial<ServerConfig> = {},
  options: Parameters<typeof startServer>[1] = {},
): Promise<TestServer> {
  const target = database.fresh();
  const server = await startServer(testServerConfig(target, config), options);
  return {
    url: server.url,
    db: server.database.db,
    root: new PorticoClient({ baseUrl: server.url, org: "-", apiKey: ROOT_SECRET }),
    async close() {
      await server.close();
      await database.dispose(target);
    },
  };
}

export function uniqueSlug(prefix = "org"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** Creates an organisation through the HTTP API, as an operator would. */
export async function createTestOrg(server: TestServer, options: { allowedOrigins?: string[]; passwordMinLength?: number } = {}): Promise<TestOrg> {
  const slug = uniqueSlug();
  const { apiKey } = await server.root.orgs.create({ slug, name: `Org ${slug}`, ...options });
  return { slug, apiKey, admin: new PorticoClient({ baseUrl: server.url, org: slug, apiKey }) };
}
