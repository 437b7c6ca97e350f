import { LitElement } from "lit";
import { property } from "lit/decorators.js";
// The client and its errors only: sdk/index.ts would pull zod into the browser bundle.
import { PorticoClient } from "../../sdk/client.js";
import { strings } from "./strings.js";

/** The settings every tag shares; a `<portico-config>` ancestor may supply them in a later issue. */
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
 * Base of every Portico tag: the shared attributes and the `PorticoClient` built from them.
 *
 * @attr api-base - The Portico server's URL; defaults to the origin this script came from.
 * @attr org - The organisation's slug.
 * @attr token - An admin session token; without it the login's session cookie is used. An org API key
 *   also works, but belongs on servers, not in public pages.
 */
export class PorticoElement extends LitElement {
  @property({ attribute: "api-base", reflect: true }) apiBase?: string;
  @property({ reflect: true }) org?: string;
  /** Not reflected: a credential should not be copied back into the DOM. */
  @property() token?: string;

  /** A ready client (stories, hosts with their own auth); wins over the attributes. */
  @property({ attribute: false }) client?: PorticoClient;

  #built?: { key: string; client: PorticoClient };

  /** The settings from this tag's attributes, or `undefined` while `org` is missing. */
  protected get config(): PorticoConfig | undefined {
    if (!this.org) return undefined;
    return { apiBase: this.apiBase || defaultApiBase(), org: this.org, token: this.token || undefined };
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
      this.#built = { key, client: new PorticoClient({ baseUrl, org, token, credentials: token ? "same-origin" : "include" }) };
    }
    return this.#built.client;
  }

  /** `porticoClient`, or a `PorticoConfigError` saying what is missing (shown in the error state). */
  protected requireClient(client: PorticoClient | undefined): PorticoClient {
    if (!client) throw new PorticoConfigError(strings.config.missingOrg);
    return client;
  }
}
