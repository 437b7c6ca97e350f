import { DeveloperList, type DeveloperSelectEvent } from "./developer-list/developer-list.js";
import { DeveloperDashboard } from "./developer-dashboard/developer-dashboard.js";
import { ApiCatalogue } from "./api-catalogue/api-catalogue.js";
import { KeyReveal, type KeyRevealCloseEvent } from "./subscription-table/key-reveal.js";
import { SubscriptionTable } from "./subscription-table/subscription-table.js";
import type {
  KeyAnalyticsEvent,
  PolicyChangeEvent,
  SubscribeEvent,
  SubscriptionApproveEvent,
  SubscriptionDeclineEvent,
  SubscriptionRevokeEvent,
} from "./subscription-table/events.js";
import { UsageChart } from "./usage-chart/usage-chart.js";
import { LoginForm, type LoginEvent, type PasswordResetOpenEvent } from "./login-form/login-form.js";
import { SignupForm, type SignupEvent } from "./signup-form/signup-form.js";
import {
  DeveloperProfile,
  type DeveloperDeletedEvent,
  type DeveloperUpdatedEvent,
  type LogoutEvent,
} from "./developer-profile/developer-profile.js";
import type { SessionChangeEvent } from "./shared/session-store.js";
import { PorticoConfig as PorticoConfigElement } from "./portico-config/portico-config.js";
import { configure } from "./shared/page-config.js";
import { resetStrings, setStrings } from "./shared/locale.js";
import { ResetPasswordForm, type PasswordResetEvent, type PasswordResetRequestedEvent } from "./reset-password-form/reset-password-form.js";

export { DeveloperDashboard } from "./developer-dashboard/developer-dashboard.js";
export { DeveloperList, type DeveloperSelectDetail, type DeveloperSelectEvent } from "./developer-list/developer-list.js";
export { ApiCatalogue } from "./api-catalogue/api-catalogue.js";
export { KeyReveal, type KeyRevealCloseEvent } from "./subscription-table/key-reveal.js";
export { SubscriptionTable, type SubscriptionTableMode } from "./subscription-table/subscription-table.js";
export type {
  KeyAnalyticsDetail,
  KeyAnalyticsEvent,
  PolicyChangeEvent,
  SubscribeEvent,
  SubscriptionApproveEvent,
  SubscriptionDeclineEvent,
  SubscriptionEventDetail,
  SubscriptionRevokeEvent,
} from "./subscription-table/events.js";
export { UsageChart } from "./usage-chart/usage-chart.js";
export {
  LoginForm,
  type LoginDetail,
  type LoginEvent,
  type PasswordResetOpenDetail,
  type PasswordResetOpenEvent,
} from "./login-form/login-form.js";
export { SignupForm, type SignupDetail, type SignupEvent } from "./signup-form/signup-form.js";
export {
  DeveloperProfile,
  type DeveloperDeletedDetail,
  type DeveloperDeletedEvent,
  type DeveloperUpdatedDetail,
  type DeveloperUpdatedEvent,
  type LogoutDetail,
  type LogoutEvent,
} from "./developer-profile/developer-profile.js";
export {
  clearSession,
  getSession,
  onSessionChange,
  setSession,
  SESSION_CHANGE_EVENT,
  type SessionChangeDetail,
  type SessionChangeEvent,
  type StoredSession,
} from "./shared/session-store.js";
export {
  ResetPasswordForm,
  type PasswordResetDetail,
  type PasswordResetEvent,
  type PasswordResetRequestedDetail,
  type PasswordResetRequestedEvent,
} from "./reset-password-form/reset-password-form.js";
export { PorticoElement, PorticoConfigError, defaultApiBase, type PorticoConfig } from "./shared/portico-element.js";
export { strings, type Strings } from "./shared/strings.js";
export { resetStrings, setStrings, STRINGS_CHANGE_EVENT, type StringsOverride } from "./shared/locale.js";
export { PorticoConfigElement };
export { configure, type PageConfig, type Theme } from "./shared/page-config.js";

/**
 * `Portico.configure({ apiBase, org, theme })`: settings for every tag on the page.
 * `Portico.setStrings(table)`: another language (`import fr from ".../locales/fr.js"`) or a few
 * replaced ids; `Portico.resetStrings()` goes back to English.
 */
export const Portico = { configure, setStrings, resetStrings };
(globalThis as { Portico?: typeof Portico }).Portico ??= Portico;

/** Defines a tag unless a copy of this bundle already did (a page may load it twice). */
function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}

define("portico-config", PorticoConfigElement);
define("developer-list", DeveloperList);
define("developer-dashboard", DeveloperDashboard);
define("portico-key-reveal", KeyReveal);
define("subscription-table", SubscriptionTable);
define("api-catalogue", ApiCatalogue);
define("usage-chart", UsageChart);
define("login-form", LoginForm);
define("signup-form", SignupForm);
define("developer-profile", DeveloperProfile);
define("reset-password-form", ResetPasswordForm);

declare global {
  interface HTMLElementTagNameMap {
    "developer-dashboard": DeveloperDashboard;
    "portico-config": PorticoConfigElement;
    "developer-list": DeveloperList;
    "portico-key-reveal": KeyReveal;
    "subscription-table": SubscriptionTable;
    "api-catalogue": ApiCatalogue;
    "usage-chart": UsageChart;
    "login-form": LoginForm;
    "signup-form": SignupForm;
    "developer-profile": DeveloperProfile;
    "reset-password-form": ResetPasswordForm;
  }

  interface GlobalEventHandlersEventMap {
    "portico-developer-select": DeveloperSelectEvent;
    "portico-policy-change": PolicyChangeEvent;
    "portico-subscription-revoke": SubscriptionRevokeEvent;
    "portico-subscription-approve": SubscriptionApproveEvent;
    "portico-subscription-decline": SubscriptionDeclineEvent;
    "portico-subscribe": SubscribeEvent;
    "portico-key-analytics": KeyAnalyticsEvent;
    "portico-key-reveal-close": KeyRevealCloseEvent;
    "portico-password-reset": PasswordResetEvent;
    "portico-password-reset-requested": PasswordResetRequestedEvent;
    "portico-login": LoginEvent;
    "portico-signup": SignupEvent;
    "portico-password-reset-open": PasswordResetOpenEvent;
    "portico-developer-updated": DeveloperUpdatedEvent;
    "portico-developer-deleted": DeveloperDeletedEvent;
    "portico-logout": LogoutEvent;
    "portico-session-change": SessionChangeEvent;
  }
}
