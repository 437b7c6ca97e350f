import type { Quota } from "../../sdk/schemas/access.js";

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
