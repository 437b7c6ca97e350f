import type { Policy, Quota, Subscription } from "../../sdk/schemas/access.js";
import { perLocale } from "../shared/locale.js";
import { strings } from "../shared/strings.js";

const t = strings.subscriptions;

const numberFormat = perLocale((locale) => new Intl.NumberFormat(locale));
const dateFormat = perLocale((locale) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }));
const dateTimeFormat = perLocale((locale) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }));

/** Largest first: a period is named in the biggest unit that divides it exactly. */
const UNITS = [
  { seconds: 86_400, unit: "day" },
  { seconds: 3_600, unit: "hour" },
  { seconds: 60, unit: "minute" },
  { seconds: 1, unit: "second" },
] as const;

type Unit = (typeof UNITS)[number]["unit"];

function inUnits(seconds: number): { count: number; unit: Unit } {
  const { seconds: size, unit } = UNITS.find((u) => seconds % u.seconds === 0) ?? UNITS[3];
  return { count: seconds / size, unit };
}

const longUnitFormats = perLocale(() => new Map<Unit, Intl.NumberFormat>());
/** "day", "30 minutes": a duration spelled out, to follow "per" in a sentence. */
export function period(seconds: number): string {
  const { count, unit } = inUnits(seconds);
  let format = longUnitFormats().get(unit);
  if (!format) {
    format = new Intl.NumberFormat(strings.locale, { style: "unit", unit, unitDisplay: "long" });
    longUnitFormats().set(unit, format);
  }
  // "per day" reads better than "per 1 day": keep only the unit's name for a single one.
  if (count === 1) {
    const name = format.formatToParts(1).find((part) => part.type === "unit")?.value;
    if (name) return name;
  }
  return format.format(count);
}

/** "10 / s", "100 / min", "5 / 30 s": the compact form tables use. */
export function rateLimit(policy: Pick<Policy, "rate" | "per">): string {
  const { count, unit } = inUnits(policy.per);
  const short = t.units[unit];
  return t.rate(numberFormat().format(policy.rate), count === 1 ? short : `${numberFormat().format(count)} ${short}`);
}

/** "1,000 requests per 1 day" or "Unlimited quota". */
export function quotaAllowance(policy: Pick<Policy, "quotaMax" | "quotaRenewalSeconds">): string {
  return policy.quotaMax === -1
    ? t.quotaUnlimitedAllowance
    : t.quotaAllowance(numberFormat().format(policy.quotaMax), period(policy.quotaRenewalSeconds));
}

/** What a quota cell says in words (also the meter's text alternative). */
export function quotaUsage(quota: Quota): string {
  return quota.max === -1
    ? t.quotaUnlimited(numberFormat().format(quota.used))
    : t.quotaOf(numberFormat().format(quota.used), numberFormat().format(quota.max));
}

export function formatNumber(value: number): string {
  return numberFormat().format(value);
}

export function formatDate(iso: string): string {
  return dateFormat().format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat().format(new Date(iso));
}

/** "pdk_a1b2c3…": a key is only ever shown by its first characters (none before it is issued). */
export function keyLabel(subscription: Pick<Subscription, "keyPrefix">): string {
  return subscription.keyPrefix ? t.keyPrefix(subscription.keyPrefix) : t.keyNotIssued;
}

/** The catalogue entry's name, or the product's wording for a key no entry publishes. */
export function apiName(subscription: Pick<Subscription, "catalogueEntry">): string {
  return subscription.catalogueEntry?.name ?? t.noCatalogueEntry;
}
