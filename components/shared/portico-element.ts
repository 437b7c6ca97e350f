import { consume } from "@lit/context";
import { LitElement } from "lit";
import { property, state } from "lit/decorators.js";
// The client and its errors only: sdk/index.ts would pull zod into the browser bundle.
import { PorticoClient } from "../../sdk/client.js";
import { globalPageConfig, pageConfigContext, type PageConfig, type Theme } from "./page-config.js";
import { onSessionChange, storedSessionToken } from "./session-store.js";
import type { Role } from "../../sdk/schemas/accounts.js";
import { StringsController } from "./locale.js";
import { strings } from "./strings.js";
import { warnOnce } from "./warn.js";

/** The settings every tag shares, once resolved from attributes, `<portico-config>` and `Portico.configure`. */
export interface PorticoConfig {
  apiBase: string;
  org: string;
  token?: string;
}

/** The server's URL when no `api-base` is given: where this script was served from. */
export function defaultApiBase(): string {
  const scriptUrl = new URL(import.meta.url);
  return scriptUrl.protocol === "http:" || scriptUrl.protocol === "https:" ? scriptUrl.origin : location.origin;
}

/** Thrown by a tag's data task when the page did not say which organisation to show. */
export class PorticoConfigError extends Error {
  override readonly name = "PorticoConfigError";
}

/**
 * A fetch that turns "the browser could not read the answer" into a message a site builder can act
 * on: almost always a wrong `api-base`, or a page origin the organisation does not allow (CORS).
 */
function explainingFetch(apiBase: string): typeof fetch {
  return async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      warnOnce("unreachable", strings.config.unreachableWarning(apiBase, location.origin));
      throw new TypeError(strings.config.unreachable(apiBase, location.origin), { cause: error });
    }
  };
}

/**
 * Base of every Portico tag: the shared attributes and the `PorticoClient` built from them.
 * Each setting comes from the tag's attribute, else a `<portico-config>` ancestor, else
 * `Portico.configure()`; without a token, the session a login form on the page kept is used.
 *
 * @attr api-base - The Portico server's URL; defaults to the origin this script came from.
 * @attr org - The organisation's slug.
 * @attr token - An admin session token; without it the login's session cookie is used. An org API key
 *   also works, but belongs on servers, not in public pages.
 * @attr theme - `light` (default), `dark`, or `auto` to follow the system setting.
 */
export class PorticoElement extends LitElement {
  @property({ attribute: "api-base", reflect: true }) apiBase?: string;
  @property({ reflect: true }) org?: string;
  /** Not reflected: a credential should not be copied back into the DOM. */
  @property() token?: string;
  @property() theme?: Theme;

  /** A ready client (stories, hosts with their own auth); wins over the attributes. */
  @property({ attribute: false }) client?: PorticoClient;

  /** What a `<portico-config>` ancestor provides. */
  @consume({ context: pageConfigContext, subscribe: true })
  @state()
  protected pageConfig?: PageConfig;

  /** Settings from `Portico.configure()`, re-read when the page calls it again. */
  @state() private globalConfig: PageConfig = globalPageConfig();

  #built?: { key: string; client: PorticoClient };
  /** `Portico.setStrings()` renders every tag again in the new language. */
  readonly #strings = new StringsController(this);
  #unsubscribeSession?: () => void;
  readonly #onConfigure = () => {
    this.globalConfig = globalPageConfig();
  };

  /**
   * Whose session the tag uses when the page gives no token: the one a `<login-form>` or
   * `<signup-form>` on the page kept. Tags for the logged-in developer say `developer`, admin
   * views `admin`; `undefined` takes either.
   */
  protected get sessionRole(): Role | undefined {
    return undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("portico-configure", this.#onConfigure);
    // A login or logout elsewhere on the page changes the token this tag sends.
    this.#unsubscribeSession = onSessionChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("portico-configure", this.#onConfigure);
    this.#unsubscribeSession?.();
  }

  /** A setting from the attribute, else the enclosing `<portico-config>`, else `Portico.configure()`. */
  #setting<K extends keyof PageConfig>(key: K, own: PageConfig[K]): PageConfig[K] {
    return own || this.pageConfig?.[key] || this.globalConfig[key];
  }

  /** The settings in force, or `undefined` while no organisation is named anywhere. */
  protected get config(): PorticoConfig | undefined {
    const org = this.#setting("org", this.org);
    if (!org) return undefined;
    const apiBase = this.#setting("apiBase", this.apiBase) || defaultApiBase();
    return {
      apiBase,
      org,
      token: this.#setting("token", this.token) || storedSessionToken(apiBase, org, this.sessionRole) || undefined,
    };
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // The theme presets in styles.ts key off this attribute on the host.
    this.dataset.theme = this.#setting("theme", this.theme) || "light";
  }

  /**
   * The client to load data with; the same instance until a setting changes, so it can sit in a
   * task's `args` and trigger a reload only when the settings really change. Without a token the
   * browser sends the login's HttpOnly session cookie instead (same-site pages).
   */
  protected get porticoClient(): PorticoClient | undefined {
    if (this.client) return this.client;
    const config = this.config;
    if (!config) return undefined;
    const key = JSON.stringify([config.apiBase, config.org, config.token]);
    if (this.#built?.key !== key) {
      const { apiBase: baseUrl, org, token } = config;
      const credentials = token ? "same-origin" : "include";
      this.#built = { key, client: new PorticoClient({ baseUrl, org, token, credentials, fetch: explainingFetch(baseUrl) }) };
    }
    return this.#built.client;
  }

  /** `porticoClient`, or a `PorticoConfigError` saying what is missing (shown in the error state). */
  protected requireClient(client: PorticoClient | undefined): PorticoClient {
    if (!client) {
      warnOnce("missing-org", strings.config.missingOrg);
      throw new PorticoConfigError(strings.config.missingOrg);
    }
    return client;
  }
}
