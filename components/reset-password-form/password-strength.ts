export type PasswordStrength = "too-short" | "weak" | "fair" | "strong";

const CHARACTER_KINDS = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/**
 * A rough hint from length and variety of characters, not an estimate of guessing cost: enough to
 * nudge people away from `password1` without shipping a dictionary. `minLength` is the org's rule,
 * counted as the server counts it (UTF-16 code units).
 */
export function passwordStrength(password: string, minLength: number): PasswordStrength {
  if (password.length < minLength) return "too-short";
  const kinds = CHARACTER_KINDS.filter((kind) => kind.test(password)).length;
  // Length earns points too, so a long passphrase of plain words can be strong.
  const score = kinds + (password.length >= Math.max(12, minLength + 4) ? 1 : 0) + (password.length >= 16 ? 1 : 0);
  // The same few characters over and over are weak however long.
  if (new Set(password).size < 4) return "weak";
  return score >= 4 ? "strong" : score === 3 ? "fair" : "weak";
}
