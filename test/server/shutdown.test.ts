import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { PorticoClient } from "../../sdk/index.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("graceful shutdown", () => {
  it("finishes a request under way on SIGTERM, then exits", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "portico-shutdown-"));
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      env: { ...env, PORT: "0", PORTICO_DATA_DIR: dataDir, PORTICO_DEMO: "0", LOG_LEVEL: "silent", PORTICO_ROOT_SECRET: "shutdown-secret" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    try {
      let output = "";
      const url = new URL(
        await new Promise<string>((resolve, reject) => {
          child.stderr.on("data", (chunk: Buffer) => {
            output += chunk.toString();
            const match = /listening on (http:\/\/\S+)/.exec(output);
            if (match) resolve(match[1]!.replace("localhost", "127.0.0.1"));
          });
          child.once("exit", () => reject(new Error(`server exited early: ${output}`)));
        }),
      );
      await new PorticoClient({ baseUrl: url.origin, org: "-", apiKey: "shutdown-secret" }).orgs.create({ slug: "shutdown", name: "Shutdown" });

      // A request under way by construction: on a connection the server has already served, its
      // headers and half its body are sent, and given a second to arrive, before the signal.
      const body = JSON.stringify({ email: "late@example.com", password: "late-password", name: "Late" });
      const socket = connect(Number(url.port), url.hostname);
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString()));
      const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
      socket.write(`GET /healthz HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
      while (!received.includes("\r\n\r\n")) await sleep(10);
      received = "";
      socket.write(
        `POST /v1/orgs/shutdown/signup HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n` +
          body.slice(0, 10),
      );
      await sleep(1000);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      await sleep(300);
      socket.write(body.slice(10));
      await closed;
      const answer = received;

      assert.match(answer, /^HTTP\/1\.1 201 /);
      // Answers during shutdown close their connection, so keep-alive clients go elsewhere.
      assert.match(answer, /\r\nconnection: close\r\n/i);
      assert.equal(await exited, 0);
    } finally {
      child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
