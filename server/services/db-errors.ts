/** PostgreSQL's SQLSTATE for a unique violation, the same through pg and PGlite. */
export function isUniqueViolation(error: unknown, constraintPart?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === "23505" && (constraintPart === undefined || (constraint ?? "").includes(constraintPart));
}
