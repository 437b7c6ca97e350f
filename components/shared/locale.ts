import type { ReactiveController, ReactiveControllerHost } from "lit";
import { strings, type Strings } from "./strings.js";

// Replacing the text table at run time. Components read `strings` (and keep references to its
// sections, `const t = strings.developerList`), so a new table is merged INTO those objects rather
// than swapped for another one; then every connected tag renders again.

/** Dispatched on `document` after `setStrings()`: every Portico tag renders again with the new text. */
export const STRINGS_CHANGE_EVENT = "portico-strings-change";

/** Any part of the table, at any depth: what is left out keeps its current text. */
export type StringsOverride = DeepPartial<Strings>;
type DeepPartial<T> = T extends string | ((...args: never[]) => unknown) ? T : { [K in keyof T]?: DeepPartial<T[K]> };

type Table = Record<string, unknown>;

function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy of a table's objects (strings and functions are shared: they never change). */
function copy<T>(table: T): T {
  if (!isTable(table)) return table;
  return Object.fromEntries(Object.entries(table).map(([key, value]) => [key, copy(value)])) as T;
}

function merge(target: Table, source: Table): void {
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const current = target[key];
    if (isTable(value) && isTable(current)) merge(current, value);
    else target[key] = value;
  }
}

/** The English table as shipped, to come back to with `resetStrings()`. */
const shipped = copy(strings);

/**
 * Replaces UI text: `setStrings(fr)` with a whole locale (e.g. `components/locales/fr.js`), or a
 * few ids (`setStrings({ developerList: { caption: "Partners" } })`). Its `locale` drives the date
 * and number formats. Every Portico tag on the page renders again at once.
 */
export function setStrings(table: StringsOverride): void {
  merge(strings as unknown as Table, table as Table);
  document.dispatchEvent(new CustomEvent(STRINGS_CHANGE_EVENT, { detail: { locale: strings.locale } }));
}

/** Back to the shipped English text. */
export function resetStrings(): void {
  setStrings(copy(shipped) as StringsOverride);
}

/**
 * A value made for the table's current locale (an `Intl` formatter, a sorted country list), made
 * again the first time it is asked for after the locale changed.
 */
export function perLocale<T>(make: (locale: string) => T): () => T {
  let made: { locale: string; value: T } | undefined;
  return () => {
    if (made?.locale !== strings.locale) made = { locale: strings.locale, value: make(strings.locale) };
    return made.value;
  };
}

/** Renders its host again when the page replaces the text table. */
export class StringsController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #onChange = () => this.#host.requestUpdate();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener(STRINGS_CHANGE_EVENT, this.#onChange);
  }

  hostDisconnected(): void {
    document.removeEventListener(STRINGS_CHANGE_EVENT, this.#onChange);
  }
}
