import { createHash, randomBytes } from "node:crypto";

/** A 256-bit random secret with a recognisable prefix (e.g. `pak_`), and what is stored of it. */
export function newSecret(prefix: string): { secret: string; hash: string; displayPrefix: string } {
  const secret = `${prefix}${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashSecret(secret), displayPrefix: secret.slice(0, prefix.length + 6) };
}

/** Secrets are high-entropy random values, so a fast hash is enough (no salt or stretching needed). */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
