import { configFromEnv, type ServerConfig } from "../../server/config.js";
import type { DatabaseTarget } from "../../server/db/connect.js";
import { startServer, type RunningServer } from "../../server/server.js";

/**
 * A real server on a free port with the defaults `npm start` would use, minus the request log
 * unless BENCH_LOG_LEVEL asks for it (one JSON line per request would bury the figures).
 */
export function startBenchServer(database: DatabaseTarget, overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  return startServer({
    ...configFromEnv({}),
    port: 0,
    database,
    dataDir: "",
    rootSecret: null,
    demo: false,
    logLevel: process.env.BENCH_LOG_LEVEL || "silent",
    ...overrides,
  });
}
