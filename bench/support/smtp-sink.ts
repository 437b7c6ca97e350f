/**
 * A real SMTP server in the drill's process (smtp-server + mailparser, as test/support/smtp-capture.ts)
 * that notes when each mail arrived, and can go down and come back on the same port.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  mail: ParsedMail;
  to: string;
  /** performance.now() on arrival. */
  at: number;
}

export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  port = 0;
  #server: SMTPServer | undefined;

  async start(port = this.port): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            const to = session.envelope.rcptTo.map((address) => address.address.toLowerCase()).join(",");
            this.received.push({ mail, to, at: performance.now() });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Stops listening: from now on connections are refused. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async waitFor(count: number, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.received.length < count) {
      if (performance.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return true;
  }
}
