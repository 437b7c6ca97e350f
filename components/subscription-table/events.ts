import { PorticoError } from "../../sdk/errors.js";
import type { Subscription } from "../../sdk/schemas/access.js";

/** The detail of every event about one subscription: the subscription as the server now has it. */
export interface SubscriptionEventDetail {
  subscription: Subscription;
}

export interface KeyAnalyticsDetail {
  keyId: string;
}

export type PolicyChangeEvent = CustomEvent<SubscriptionEventDetail>;
export type SubscriptionRevokeEvent = CustomEvent<SubscriptionEventDetail>;
export type SubscriptionApproveEvent = CustomEvent<SubscriptionEventDetail>;
export type SubscriptionDeclineEvent = CustomEvent<SubscriptionEventDetail>;
export type SubscribeEvent = CustomEvent<SubscriptionEventDetail>;
export type KeyAnalyticsEvent = CustomEvent<KeyAnalyticsDetail>;

/** Fires a `portico-*` event that bubbles out of every shadow root, as all Portico events do. */
export function fire<T>(host: HTMLElement, name: string, detail: T): void {
  host.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
}

/** What a failed call says to a person: the server's detail and field messages, or the error's message. */
export function describeError(error: unknown): string {
  if (error instanceof PorticoError) {
    const fields = Object.entries(error.errors).map(([field, message]) => `${field} ${message}`);
    return fields.length ? `${error.message} (${fields.join("; ")})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
