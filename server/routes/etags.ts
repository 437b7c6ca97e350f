import { invalidFields } from "../problem.js";

/** A developer's ETag is its version number. */
export const etag = (version: number) => `"v${version}"`;

/**
 * `If-Match: "v3"` → 3; absent or `*` → null (an unconditional write); anything else is a field error.
 * A weak tag never matches `If-Match` (RFC 9110 §13.1.1), so `W/"v3"` expects a version that cannot exist.
 */
export function expectedVersion(header: string | undefined): number | null {
  if (header === undefined || header.trim() === "*") return null;
  if (/^\s*W\/"v\d{1,9}"\s*$/.test(header)) return -1;
  const match = /^\s*"v(\d{1,9})"\s*$/.exec(header);
  if (!match) throw invalidFields({ "If-Match": 'must be an ETag from this API, like "v3"' });
  return Number(match[1]);
}
