import { provide } from "@lit/context";
import { LitElement, css, html } from "lit";
import { property } from "lit/decorators.js";
import { pageConfigContext, type PageConfig, type Theme } from "../shared/page-config.js";

/**
 * Gives every Portico tag inside it the same server, organisation, credential and theme.
 *
 * @tag portico-config
 * @summary Shared settings for the Portico tags it contains.
 * @attr api-base - The Portico server's URL.
 * @attr org - The organisation's slug.
 * @attr token - A session token (never an org API key in a public page).
 * @attr theme - `light`, `dark` or `auto` (follows the system setting).
 * @slot - The Portico tags (at any depth) that use these settings.
 */
export class PorticoConfig extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  @property({ attribute: "api-base" }) apiBase?: string;
  @property() org?: string;
  @property() token?: string;
  @property() theme?: Theme;

  @provide({ context: pageConfigContext })
  protected config: PageConfig = {};

  protected override willUpdate(): void {
    this.config = { apiBase: this.apiBase, org: this.org, token: this.token, theme: this.theme };
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
