import { pino, type Logger } from "pino";

export type { Logger };

/** JSON lines on stdout. Request logs carry method, path, status and time, never headers or bodies. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, redact: { paths: ["*.authorization", "*.password", "*.apiKey"], remove: true } });
}
