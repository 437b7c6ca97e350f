/**
 * Preloaded (`--import`) into one of the postgres drill's two child servers, never by the server
 * itself: gives every pooled pg client a permanent 'error' listener, as the fix suggested for
 * server/db/connect.ts would, so the drill can show side by side how the server behaves once a
 * checked-out connection dying no longer crashes the process.
 */
import pg from "pg";

class ListeningPool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super(config);
    // A client checked out when its connection dies emits 'error'; the query under way fails on its own.
    this.on("connect", (client) => client.on("error", () => {}));
  }
}

(pg as unknown as { Pool: typeof pg.Pool }).Pool = ListeningPool;
