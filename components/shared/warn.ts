const warned = new Set<string>();

/** Where the README explains how to set the components up. */
export const SETUP_HELP = "the README, section “Embedding the components”.";

/** One console warning per problem and page, with a code and where to read more (as Lit does in dev mode). */
export function warnOnce(code: string, message: string): void {
  if (warned.has(code)) return;
  warned.add(code);
  console.warn(`Portico [${code}]: ${message} See ${SETUP_HELP}`);
}
