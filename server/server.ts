import path from "node:path";
import type { ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import type { ServerConfig } from "./config.js";
import { openDatabase, type OpenDatabase } from "./db/connect.js";
import { startHousekeeping } from "./housekeeping.js";
import { createLogger, type Logger } from "./logger.js";
import { MailWorker, type MailWorkerOptions } from "./mail/queue.js";
import { createMailTransport } from "./mail/transport.js";

/** How long requests under way may take to finish on shutdown. */
const SHUTDOWN_DEADLINE_MS = 10_000;

export interface RunningServer {
  url: string;
  database: OpenDatabase;
  logger: Logger;
  close(): Promise<void>;
}

/** Opens and migrates the database, starts the mail worker, then listens. `port: 0` picks a free port. */
export async function startServer(config: ServerConfig, options: { mail?: MailWorkerOptions } = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config.database);
  const transport = createMailTransport(
    { smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.dataDir ? path.join(config.dataDir, "outbox") : null },
    logger,
  );
  const mail = new MailWorker(database.db, transport, logger, options.mail);
  mail.start();
  const housekeeping = startHousekeeping(database.db, logger);
  const app = createApp({ db: database.db, config, logger, mail });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve({ fetch: app.fetch, port: config.port, hostname: config.host ?? "127.0.0.1" }, () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  // While shutting down, every answer closes its connection, so clients that keep connections
  // alive (gateways, load balancers) move to another process instead of holding this one open.
  let closing = false;
  const unanswered = new Set<ServerResponse>();
  server.on("request", (_request, response: ServerResponse) => {
    if (closing) response.setHeader("Connection", "close");
    unanswered.add(response);
    response.once("finish", () => unanswered.delete(response));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    logger,
    /** Graceful: stops accepting, lets in-flight requests finish, then stops the workers and the database. */
    async close() {
      closing = true;
      for (const response of unanswered) if (!response.headersSent) response.setHeader("Connection", "close");
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      // Idle keep-alive connections would hold `close` open; busy ones finish their request first,
      // within a deadline after which they are cut.
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      const deadline = setTimeout(() => "closeAllConnections" in server && server.closeAllConnections(), SHUTDOWN_DEADLINE_MS);
      await closed;
      clearTimeout(deadline);
      await mail.stop();
      await housekeeping.stop();
      await database.close();
    },
  };
}
