import { invalidFields } from "../problem.js";

/** A developer's ETag is its version number. */
export const etag = (version: number) => `"v${version}"`;

/** `If-Match: "v3"` → 3; absent or `*` → null (an unconditional write); anything else is a field error. */
export function expectedVersion(header: string | undefined): number | null {
  if (header === undefined || header.trim() === "*") return null;
  const match = /^\s*(?:W\/)?"v(\d{1,9})"\s*$/.exec(header);
  if (!match) throw invalidFields({ "If-Match": 'must be an ETag from this API, like "v3"' });
  return Number(match[1]);
}
