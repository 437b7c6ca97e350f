import path from "node:path";
import type { DatabaseTarget } from "./db/connect.js";

export interface ServerConfig {
  port: number;
  /** The interface to listen on; 127.0.0.1 keeps a fresh install private, 0.0.0.0 serves the network. */
  host?: string;
  database: DatabaseTarget;
  dataDir: string;
  /** `null` turns organisation creation over HTTP off. */
  rootSecret: string | null;
  publicUrl: string | null;
  demo: boolean;
  logLevel: string;
  smtpUrl: string | null;
  mailFrom: string;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
}

/** Reads the environment once at start; every variable is optional (see README "Configuration"). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = path.resolve(env.PORTICO_DATA_DIR || ".portico-data");
  const database: DatabaseTarget = env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL }
    : { kind: "pglite", dataDir: path.join(dataDir, "pgdata") };
  const port = Number(env.PORT || 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST || "127.0.0.1",
    database,
    dataDir,
    rootSecret: env.PORTICO_ROOT_SECRET || null,
    publicUrl: env.PORTICO_PUBLIC_URL || null,
    // The demo org is seeded by default only on the embedded database (a fresh machine).
    demo: env.PORTICO_DEMO ? env.PORTICO_DEMO !== "0" && env.PORTICO_DEMO !== "false" : database.kind === "pglite",
    logLevel: env.LOG_LEVEL || "info",
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || "Portico <no-reply@localhost>",
    trustProxy: env.PORTICO_TRUST_PROXY === "1" || env.PORTICO_TRUST_PROXY === "true",
  };
}
