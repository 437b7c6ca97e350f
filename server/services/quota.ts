import type { Quota } from "../../sdk/schemas/access.js";

/** Where the quota window containing `now` starts, windows repeating every `renewalSeconds` from `anchor`. */
export function currentWindowStart(anchor: Date, renewalSeconds: number, now = Date.now()): number {
  const renewalMs = renewalSeconds * 1000;
  return anchor.getTime() + Math.max(0, Math.floor((now - anchor.getTime()) / renewalMs)) * renewalMs;
}

/**
 * The quota of a key now. The stored counter belongs to the window that started at
 * `windowStartedAt`; once that window is over the key has used nothing of the current one.
 */
export function currentQuota(max: number, renewalSeconds: number, windowStartedAt: Date, storedUsed: number, now = Date.now()): Quota {
  const renewalMs = renewalSeconds * 1000;
  const elapsedWindows = Math.floor((now - windowStartedAt.getTime()) / renewalMs);
  const windowStart = windowStartedAt.getTime() + Math.max(0, elapsedWindows) * renewalMs;
  const used = elapsedWindows > 0 ? 0 : storedUsed;
  return {
    max,
    used,
    remaining: max === -1 ? null : Math.max(0, max - used),
    renewsAt: new Date(windowStart + renewalMs).toISOString(),
  };
}
