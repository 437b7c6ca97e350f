/**
 * SIGKILL during ingestion: clients send usage batches (each with its own Idempotency-Key) to a
 * child server, which is killed outright mid-stream and started again on the same database and
 * port. Every batch answered 200 must be counted exactly once; a batch the kill left unanswered
 * is counted entirely or not at all, and sending it again with the same key after the restart
 * counts it once in all. Acknowledged batches sent again must not count twice.
 */
import { startChildServer, type ChildServer } from "../support/child-server.js";
import { envInt } from "../support/env.js";
import { KeepAliveClient } from "../support/keepalive-client.js";
import { createPortal } from "../support/portal-fixture.js";
import { createScratchDatabase } from "../support/scratch-database.js";
import { committedKeys, storedUsage, UsageLedger } from "../support/usage-ledger.js";
import { countBy, DrillReport, seconds, sleep } from "./common.js";

export async function sigkillDrill(): Promise<DrillReport> {
  const report = new DrillReport("SIGKILL during ingestion");
  const rounds = Math.max(1, envInt("DRILL_KILL_ROUNDS", 2));
  const concurrency = Math.max(1, envInt("DRILL_KILL_CLIENTS", 16));
  const batchSize = Math.max(1, envInt("DRILL_KILL_BATCH", 100));
  const database = await createScratchDatabase("portico_drill_kill");
  let server: ChildServer | undefined;
  try {
    server = await startChildServer({ databaseUrl: database.url });
    const portal = await createPortal({ baseUrl: server.url, pool: database.pool, slug: "kill", developers: 50, clients: 10 });
    const ledger = new UsageLedger(portal);
    report.note(
      `${concurrency} clients send batches of ${batchSize} usage records (10 keys) to a child server; it is killed with SIGKILL ${rounds} times`,
    );

    for (let round = 1; round <= rounds; round++) {
      let client = new KeepAliveClient(server.url, { timeoutMs: 10_000 });
      let stop = false;
      const killAfterMs = 2000 + Math.random() * 1500;
      const outcomes: string[] = [];
      const senders = Array.from({ length: concurrency }, async () => {
        while (!stop) {
          const answer = await ledger.send(client, ledger.makeBatch(batchSize));
          outcomes.push(
            answer.accepted !== null ? "200" : answer.outcome.status ? String(answer.outcome.status) : (answer.outcome.error ?? "network"),
          );
          if (answer.accepted === null) break;
        }
      });
      await sleep(killAfterMs);
      const killedPid = server.pid;
      const killedAt = performance.now();
      server.process.kill("SIGKILL");
      const exit = await server.exited;
      stop = true;
      await Promise.all(senders);
      client.close();
      const unanswered = [...ledger.pending.values()];
      report.note(
        `round ${round}: killed pid ${killedPid} after ${seconds(killAfterMs)} (exit: ${exit.signal ?? exit.code}); answers: ${JSON.stringify(countBy(outcomes, (kind) => kind))}; ` +
          `${ledger.acknowledged.size} batches acknowledged so far, ${unanswered.length} unanswered at the kill`,
      );

      const restartBegun = performance.now();
      server = await startChildServer({ databaseUrl: database.url, port: server.port });
      report.note(
        `round ${round}: restarted on the same database and port in ${seconds(performance.now() - restartBegun)} (${seconds(performance.now() - killedAt)} after the kill)`,
      );
      client = new KeepAliveClient(server.url, { timeoutMs: 10_000 });

      // Before any retry: acknowledged batches once each, unanswered ones all or nothing.
      const stored = await storedUsage(database.pool, portal.orgId);
      const committed = await committedKeys(
        database.pool,
        portal.orgId,
        unanswered.map((batch) => batch.idempotencyKey),
      );
      const committedRecords = unanswered
        .filter((batch) => committed.has(batch.idempotencyKey))
        .reduce((sum, batch) => sum + batch.records, 0);
      const expected = ledger.acknowledgedSum() + committedRecords;
      report.check(
        `round ${round}: after the restart, stored = acknowledged + unanswered batches that committed`,
        stored.requests === expected && stored.quotaUsed === expected,
        `rollups ${stored.requests}, quota counters ${stored.quotaUsed}; acknowledged ${ledger.acknowledgedSum()} + ${committed.size} of ${unanswered.length} unanswered batches committed (${committedRecords} records) = ${expected}`,
      );

      // Acknowledged batches sent again (a client that missed nothing but retries anyway) count nothing.
      const replayed = [...ledger.acknowledged.keys()].slice(-20).map((key) => ledger.batches.get(key)!);
      const replies = await Promise.all(replayed.map((batch) => ledger.send(client, batch)));
      const afterReplay = await storedUsage(database.pool, portal.orgId);
      report.check(
        `round ${round}: ${replayed.length} acknowledged batches sent again answer their first answer and count nothing`,
        replies.every((reply) => reply.accepted === batchSize) &&
          afterReplay.requests === stored.requests &&
          afterReplay.quotaUsed === stored.quotaUsed,
        `answers ${JSON.stringify(countBy(replies, (reply) => String(reply.outcome.status)))}; rollups ${stored.requests} → ${afterReplay.requests}, quota ${stored.quotaUsed} → ${afterReplay.quotaUsed}`,
      );

      // Unanswered batches sent again with their key: counted once in all.
      const retried = await ledger.retryPending(client, 30_000);
      const final = await storedUsage(database.pool, portal.orgId);
      const told = ledger.acknowledgedSum();
      report.check(
        `round ${round}: unanswered batches sent again with the same Idempotency-Key; stored = sum of accepted told`,
        retried.left === 0 && final.requests === told && final.quotaUsed === told && final.idempotencyKeys === ledger.acknowledged.size,
        `${retried.resent} resent (${committed.size} already committed, answered from the stored answer), ${retried.left} left; ` +
          `told ${told} in ${ledger.acknowledged.size} batches; stored: rollups ${final.requests}, quota ${final.quotaUsed}, ${final.idempotencyKeys} idempotency keys`,
      );
      client.close();
    }
    const exit = await server.stop("SIGTERM");
    report.check("the last server stops cleanly on SIGTERM", exit.code === 0, `exit ${exit.code ?? exit.signal}`);
  } catch (error) {
    report.crashed(error);
  } finally {
    await server?.stop("SIGKILL");
    await database.drop();
  }
  return report;
}
