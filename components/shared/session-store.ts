import type { Role, Session } from "../../sdk/schemas/accounts.js";

/**
 * The session a `<login-form>` or `<signup-form>` got, kept for the other tags of the page.
 *
 * Browsers block third-party cookies, so a host page on another site than the Portico server
 * cannot rely on the session cookie: the tags send the token as a bearer credential instead. It is
 * kept in memory and, unless the page opts out, in `sessionStorage` (this tab only, gone when the
 * tab closes), under one key per server and organisation.
 *
 * Opting out: `session-storage="off"` on the form, or `window.porticoSessionStorage = "off"` for
 * the whole page (then nothing is read from or written to `sessionStorage`).
 */
export interface StoredSession {
  token: string;
  role: Role;
  expiresAt: string;
}

export interface SessionChangeDetail {
  apiBase: string;
  org: string;
  /** The new session, or `null` after logout. */
  session: StoredSession | null;
}

export type SessionChangeEvent = CustomEvent<SessionChangeDetail>;

/** Fired on `window` whenever a session is stored or cleared. */
export const SESSION_CHANGE_EVENT = "portico-session-change";

const STORAGE_PREFIX = "portico-session:";

declare global {
  /** `"off"`: the page keeps sessions in memory only (set before or after the script loads). */
  var porticoSessionStorage: "on" | "off" | undefined;
}

/**
 * Sessions in memory, shared through a registered symbol so that two copies of the bundle on one
 * page (a page may load it twice) see the same sessions.
 */
const memory: Map<string, StoredSession> = ((globalThis as Record<symbol, unknown>)[Symbol.for("portico.sessions")] ??= new Map()) as Map<
  string,
  StoredSession
>;

/** One key per server and organisation; `https://api.example/` and `https://api.example` are the same server. */
export function sessionKey(apiBase: string, org: string): string {
  let base = apiBase;
  try {
    base = new URL(apiBase, globalThis.location?.href).href;
  } catch {
    // Not a URL: keep it as given, it still names the server consistently.
  }
  return `${STORAGE_PREFIX}${base.replace(/\/+$/, "")}|${org}`;
}

function pageAllowsStorage(): boolean {
  return globalThis.porticoSessionStorage !== "off";
}

/** `sessionStorage`, or `undefined` where the browser refuses it (sandboxed frames, storage disabled). */
function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function readStored(key: string): StoredSession | undefined {
  if (!pageAllowsStorage()) return undefined;
  try {
    const raw = storage()?.getItem(key);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof value.token !== "string" || typeof value.expiresAt !== "string" || (value.role !== "developer" && value.role !== "admin")) {
      return undefined;
    }
    return { token: value.token, role: value.role, expiresAt: value.expiresAt };
  } catch {
    return undefined;
  }
}

function removeStored(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing stored where storage is refused.
  }
}

function announce(apiBase: string, org: string, session: StoredSession | null): void {
  globalThis.dispatchEvent?.(new CustomEvent<SessionChangeDetail>(SESSION_CHANGE_EVENT, { detail: { apiBase, org, session } }));
}

/**
 * The live session for this server and organisation, if any; with `role`, only a session of that
 * role (an admin view has no use for a developer's session). An expired session is dropped.
 */
export function getSession(apiBase: string, org: string, options: { role?: Role } = {}): StoredSession | undefined {
  const key = sessionKey(apiBase, org);
  const session = memory.get(key) ?? readStored(key);
  if (!session) return undefined;
  if (!(Date.parse(session.expiresAt) > Date.now())) {
    clearSession(apiBase, org);
    return undefined;
  }
  memory.set(key, session);
  return options.role && session.role !== options.role ? undefined : session;
}

/**
 * Keeps a session from login or signup (replacing the previous one) and tells the page. Only the
 * token, role and expiry are kept: the profile in `Session` stays out of storage.
 */
export function setSession(apiBase: string, org: string, session: Session | StoredSession, options: { persist?: boolean } = {}): void {
  const key = sessionKey(apiBase, org);
  const stored: StoredSession = { token: session.token, role: session.role, expiresAt: session.expiresAt };
  memory.set(key, stored);
  if (options.persist !== false && pageAllowsStorage()) {
    try {
      storage()?.setItem(key, JSON.stringify(stored));
    } catch {
      // Storage full or refused: the session still lives in memory for this page.
    }
  } else {
    // A page that opted out must not keep an older session on disk either.
    removeStored(key);
  }
  announce(apiBase, org, stored);
}

/** Forgets the session (after logout, or when the server no longer accepts it) and tells the page. */
export function clearSession(apiBase: string, org: string): void {
  const key = sessionKey(apiBase, org);
  const had = memory.delete(key) || readStored(key) !== undefined;
  removeStored(key);
  if (had) announce(apiBase, org, null);
}

/** Calls `listener` on every stored or cleared session of the page; returns the unsubscribe function. */
export function onSessionChange(listener: (detail: SessionChangeDetail) => void): () => void {
  const handler = (event: Event) => listener((event as SessionChangeEvent).detail);
  globalThis.addEventListener?.(SESSION_CHANGE_EVENT, handler);
  return () => globalThis.removeEventListener?.(SESSION_CHANGE_EVENT, handler);
}

/** The stored session's token for a tag's settings, the helper `PorticoElement` can call when it has no `token`. */
export function storedSessionToken(apiBase: string, org: string, role?: Role): string | undefined {
  return getSession(apiBase, org, { role })?.token;
}
