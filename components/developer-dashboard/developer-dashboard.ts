import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { PorticoElement } from "../shared/portico-element.js";
import { strings } from "../shared/strings.js";
import { tokens } from "../shared/styles.js";
import { styles } from "./developer-dashboard.styles.js";

const t = strings.developerDashboard;

/**
 * The logged-in developer's home in one tag: usage over the last 7 days, the keys with their
 * policy, rate and quota limits, and the profile. Analytics on a key narrows the chart to it.
 *
 * @tag developer-dashboard
 * @summary A developer's dashboard: 7-day usage, keys and quotas, profile.
 * @attr api-base - The Portico server's URL; defaults to the origin this script came from.
 * @attr org - The organisation's slug.
 * @attr token - The developer's session token; without it, the session a `<login-form>` or
 *   `<signup-form>` on the page kept.
 * @attr theme - `light`, `dark` or `auto`; passed to the parts.
 * @slot logged-out - Shown when nobody is logged in (a `<login-form>`, say).
 * @csspart usage - The usage section.
 * @csspart keys - The keys section.
 * @csspart profile - The profile section.
 */
export class DeveloperDashboard extends PorticoElement {
  static override styles = [tokens, styles];

  /** The key the chart is narrowed to, after Analytics on a row. */
  @state() private keyId?: string;

  protected override get sessionRole(): "developer" {
    return "developer";
  }

  override render(): TemplateResult {
    const config = this.config;
    if (!this.client && !config?.token) {
      return html`<slot name="logged-out"><p class="notice">${t.loggedOut}</p></slot>`;
    }
    // The parts get the resolved settings, so a page needs to configure only this tag.
    const shared = {
      apiBase: config?.apiBase ?? nothing,
      org: config?.org ?? nothing,
      token: config?.token,
      theme: this.dataset.theme ?? nothing,
    };
    return html`
      <div class="dashboard">
        <section part="usage" aria-labelledby="usage-heading">
          <div class="usage-heading">
            <h2 id="usage-heading">${this.keyId ? t.usageOfKey : t.usage}</h2>
            ${this.keyId ? html`<button type="button" @click=${() => (this.keyId = undefined)}>${t.allKeys}</button>` : nothing}
          </div>
          <usage-chart
            mode="self"
            days="7"
            api-base=${shared.apiBase}
            org=${shared.org}
            theme=${shared.theme}
            .token=${shared.token}
            .client=${this.client}
            key-id=${this.keyId ?? nothing}
          ></usage-chart>
        </section>
        <section part="keys" aria-labelledby="keys-heading">
          <h2 id="keys-heading">${t.keys}</h2>
          <subscription-table
            mode="self"
            api-base=${shared.apiBase}
            org=${shared.org}
            theme=${shared.theme}
            .token=${shared.token}
            .client=${this.client}
            @portico-key-analytics=${(event: CustomEvent<{ keyId: string }>) => (this.keyId = event.detail.keyId)}
          ></subscription-table>
        </section>
        <section part="profile" aria-labelledby="profile-heading">
          <h2 id="profile-heading">${t.profile}</h2>
          <developer-profile
            mode="self"
            api-base=${shared.apiBase}
            org=${shared.org}
            theme=${shared.theme}
            .token=${shared.token}
            .client=${this.client}
          ></developer-profile>
        </section>
      </div>
    `;
  }
}
