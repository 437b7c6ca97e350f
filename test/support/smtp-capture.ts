import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server in the test process that keeps every mail it receives. */
export class SmtpCapture {
  readonly mails: ParsedMail[] = [];
  #server: SMTPServer | undefined;
  port = 0;

  /** Listens on `port` (0 = any free one; pass the old one to come back after `stop`). */
  async start(port = this.port): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            this.mails.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
    this.port = (server.server.address() as AddressInfo).port;
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits until `count` mails have arrived (or fails after `timeoutMs`). */
  async waitForMails(count: number, timeoutMs = 10_000): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.mails.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${this.mails.length}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.mails;
  }
}

/** The reset token in a mail's link, read from the plain-text part. */
export function resetLink(mail: ParsedMail): URL {
  const match = /https?:\/\/\S+token=prt_[A-Za-z0-9_-]+/.exec(mail.text ?? "");
  if (!match) throw new Error(`no reset link in mail: ${mail.text}`);
  return new URL(match[0]);
}
