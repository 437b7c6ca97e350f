/**
 * A Portico server in a child process, started as `npm start` would (`node --import tsx
 * server/main.ts`), so a drill can kill it, restart it and watch its exit code. Its stdout (pino
 * JSON lines) and stderr are kept for the report.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export const CHILD_ROOT_SECRET = "bench-root-secret-0123456789abcdef";

export interface ChildServerOptions {
  databaseUrl: string;
  /** 0 picks a free port; pass the old one to come back on it after a kill. */
  port?: number;
  /** LOG_LEVEL of the child; "warn" keeps the request log out but shows failures. */
  logLevel?: string;
  smtpUrl?: string;
  /** Extra environment (wins over the defaults above). */
  env?: Record<string, string>;
  /** Fails the start after this long. */
  startTimeoutMs?: number;
  /** More Node options before the script, e.g. another `--import` (drills only). */
  nodeArgs?: string[];
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** performance.now() when the process exited. */
  at: number;
}

export interface ChildServer {
  url: string;
  port: number;
  pid: number;
  process: ChildProcess;
  /** pino lines (stdout) and anything else the child printed, in order. */
  readonly output: string[];
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitInfo>;
  /** Whether the process is still running. */
  readonly running: boolean;
  /** What the process printed that is not a log line nor the start banner (a crash's stack trace). */
  otherOutput(): string[];
  /** Log lines at `level` or above (pino numbers: 40 warn, 50 error, 60 fatal). */
  logLines(minLevel?: number): Array<Record<string, unknown>>;
  /** Sends `signal` (SIGTERM by default) and waits for the exit; SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ExitInfo>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  // A drill that fails half-way must not leave a server behind (only the children this process started).
  for (const child of running) child.kill("SIGKILL");
});

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "portico-bench-child-"));
  const { DATABASE_URL: _inherited, SMTP_URL: _smtp, ...inherited } = process.env;
  const env: Record<string, string> = {
    ...(inherited as Record<string, string>),
    PORT: String(options.port ?? 0),
    HOST: "127.0.0.1",
    DATABASE_URL: options.databaseUrl,
    PORTICO_ROOT_SECRET: CHILD_ROOT_SECRET,
    PORTICO_DEMO: "0",
    // Only the mail outbox would go there (when no SMTP_URL is set); removed when the child exits.
    PORTICO_DATA_DIR: dataDir,
    LOG_LEVEL: options.logLevel ?? "warn",
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, ["--import", "tsx", ...(options.nodeArgs ?? []), "server/main.ts"], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const output: string[] = [];
  let exitInfo: ExitInfo | null = null;
  const exited = new Promise<ExitInfo>((resolve) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      rmSync(dataDir, { recursive: true, force: true });
      exitInfo = { code, signal, at: performance.now() };
      resolve(exitInfo);
    }),
  );
  const collect = (stream: NodeJS.ReadableStream) => {
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      partial += chunk;
      const lines = partial.split("\n");
      partial = lines.pop()!;
      for (const line of lines) if (line.trim()) output.push(line);
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);

  const deadline = options.startTimeoutMs ?? 60_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${deadline} ms:\n${output.join("\n")}`)), deadline);
    const poll = setInterval(() => {
      const line = output.find((text) => /listening on (http:\/\/\S+)/.test(text));
      if (line) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(/listening on (http:\/\/\S+)/.exec(line)![1]!.replace("localhost", "127.0.0.1"));
      }
    }, 20);
    void exited.then((info) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`the server exited (${info.code ?? info.signal}) before listening:\n${output.join("\n")}`));
    });
  });
  const parsed = new URL(url);
  return {
    url: parsed.origin,
    port: Number(parsed.port),
    pid: child.pid!,
    process: child,
    output,
    exited,
    get running() {
      return exitInfo === null;
    },
    otherOutput() {
      return output.filter((text) => !text.startsWith("{") && !/^(Portico listening on|API reference:)/.test(text));
    },
    logLines(minLevel = 40) {
      const lines: Array<Record<string, unknown>> = [];
      for (const text of output) {
        if (!text.startsWith("{")) continue;
        try {
          const line = JSON.parse(text) as Record<string, unknown>;
          if (typeof line.level === "number" && line.level >= minLevel) lines.push(line);
        } catch {
          // Not a log line.
        }
      }
      return lines;
    },
    async stop(signal: NodeJS.Signals = "SIGTERM", timeoutMs = 15_000) {
      if (exitInfo) return exitInfo;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const info = await exited;
      clearTimeout(timer);
      return info;
    },
  };
}
