import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Logger } from "../logger.js";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Delivers one message or throws; the queue decides about retries. */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailSettings {
  /** `smtp://user:pass@host:port` (or `smtps://`); `null` writes mail to the outbox folder. */
  smtpUrl: string | null;
  from: string;
  /** Where mail goes without SMTP; `null` only logs that a mail was made (tests). */
  outboxDir: string | null;
}

export function createMailTransport(settings: MailSettings, logger: Logger): MailTransport {
  if (settings.smtpUrl) {
    const smtp = nodemailer.createTransport(settings.smtpUrl);
    return {
      async send(message) {
        await smtp.sendMail({ from: settings.from, ...message });
      },
      close: () => smtp.close(),
    };
  }
  // Without SMTP an operator reads mail from files (.eml opens in any mail client). The log names
  // the file but not the body, which holds one-time links.
  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await writer.sendMail({ from: settings.from, ...message });
      let file: string | null = null;
      if (settings.outboxDir) {
        await mkdir(settings.outboxDir, { recursive: true });
        file = path.join(settings.outboxDir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${info.messageId.replace(/[^A-Za-z0-9@.-]/g, "")}.eml`);
        await writeFile(file, info.message as Buffer, { mode: 0o600 });
      }
      logger.info({ to: message.to, subject: message.subject, file }, "mail written to the outbox (no SMTP_URL set)");
    },
    close: () => writer.close(),
  };
}
