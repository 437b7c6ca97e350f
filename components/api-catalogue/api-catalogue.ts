import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import type { PorticoClient } from "../../sdk/client.js";
import type { CatalogueEntry } from "../../sdk/schemas/access.js";
import { PorticoElement } from "../shared/portico-element.js";
import { strings } from "../shared/strings.js";
import { tokens } from "../shared/styles.js";
import { describeError, fire, type SubscriptionEventDetail } from "../subscription-table/events.js";
import type { KeyReveal } from "../subscription-table/key-reveal.js";
import { styles } from "./api-catalogue.styles.js";
import { loadFailedView, loadingView } from "../shared/states.js";

const t = strings.subscriptions;
const c = strings.subscriptions.catalogue;

/** What a card shows after its Subscribe button was pressed. */
interface CardState {
  busy?: boolean;
  error?: string;
  requested?: boolean;
  /** The raw key, until the developer presses Done. */
  key?: string;
}

/**
 * @tag api-catalogue
 * @summary The organisation's live API catalogue as cards; a developer with a session subscribes from a
 * card and sees the new key once.
 *
 * @attr api-base - The Portico server's URL; defaults to the origin this script came from.
 * @attr org - The organisation's slug.
 * @attr token - A developer's session token; without it, the developer session a `<login-form>` on the page
 *   kept. With one each card has a Subscribe button; without, the catalogue is read-only and offers
 *   "Log in to subscribe".
 * @attr login-url - Where the "Log in to subscribe" link leads.
 *
 * @slot login - Replaces the "Log in to subscribe" link shown when there is no token (a login button, say).
 *
 * @event {SubscribeEvent} portico-subscribe - The developer subscribed; `detail.subscription` is the new key's
 *   subscription (status `pending` when the entry needs approval). The raw key is never in the event.
 *
 * @csspart login - The box holding the login slot.
 * @csspart login-link - The default "Log in to subscribe" link.
 * @csspart loading - The loading message.
 * @csspart empty - The message shown when nothing is published.
 * @csspart error - The load failure box; holds the retry button.
 * @csspart retry - The retry button.
 * @csspart list - The list of cards.
 * @csspart card - One API's card.
 * @csspart name - An API's name.
 * @csspart description - An API's short description.
 * @csspart more - The long description, folded.
 * @csspart approval-tag - "Needs approval".
 * @csspart subscribe - A card's Subscribe button.
 * @csspart card-error - Why subscribing failed.
 * @csspart notice - "Requested — an admin will review it".
 * @csspart key-panel - The one-time key panel (also `key`, `key-copy`, `key-done`, `key-warning`).
 *
 * @cssprop --portico-color-text - Text colour.
 * @cssprop --portico-color-muted - Secondary text colour.
 * @cssprop --portico-color-background - Background colour.
 * @cssprop --portico-color-surface - Background of the cards.
 * @cssprop --portico-color-border - Border colour.
 * @cssprop --portico-color-primary - Colour of the Subscribe buttons.
 * @cssprop --portico-color-on-primary - Text on primary buttons.
 * @cssprop --portico-color-danger - Errors and the warning about the one-time key.
 * @cssprop --portico-color-success - The key panel.
 * @cssprop --portico-color-focus - Focus ring colour.
 * @cssprop --portico-font-family - Font.
 * @cssprop --portico-font-size - Base font size.
 * @cssprop --portico-radius - Corner radius.
 * @cssprop --portico-spacing - Base spacing unit.
 */
export class ApiCatalogue extends PorticoElement {
  static override styles = [tokens, styles];

  @property({ attribute: "login-url" }) loginUrl?: string;

  @state() private cards: ReadonlyMap<string, CardState> = new Map();

  /** The client the cards' keys and messages came from. */
  #shownFor?: PorticoClient;

  #entries = new Task(this, {
    args: () => [this.porticoClient] as const,
    // An admin's session lists unpublished entries too; the catalogue shows what developers see.
    task: async ([client], { signal }) => (await this.requireClient(client).catalogue.list({ signal })).filter((entry) => entry.live),
  });

  /** Without a token, the developer's session a login form on the page kept: subscribing needs one. */
  protected override get sessionRole(): "developer" {
    return "developer";
  }

  /** Subscribing needs a developer's session; a page without one shows the catalogue read-only. */
  get #canSubscribe(): boolean {
    return Boolean(this.client ? this.client.options.token : this.config?.token);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another session or server (from attributes, <portico-config> or Portico.configure): keys and
    // messages shown belong to the old one.
    const client = this.porticoClient;
    if (this.#shownFor && client !== this.#shownFor) this.cards = new Map();
    this.#shownFor = client;
  }

  /** Loads the catalogue again (the error state's Retry does this). */
  reload(): void {
    void this.#entries.run();
  }

  override render(): TemplateResult {
    return html`
      ${
        this.#canSubscribe
          ? nothing
          : html`<div part="login" class="login">
              <slot name="login">
                ${this.loginUrl ? html`<a part="login-link" href=${this.loginUrl}>${c.loginToSubscribe}</a>` : html`<span>${c.loginToSubscribe}</span>`}
              </slot>
            </div>`
      }
      ${this.#renderEntries()}
    `;
  }

  #renderEntries(): TemplateResult {
    const task = this.#entries;
    switch (task.status) {
      case TaskStatus.INITIAL:
      case TaskStatus.PENDING:
        return task.value ? this.#renderList(task.value, true) : loadingView(c.loading);
      case TaskStatus.ERROR:
        return loadFailedView(c.loadFailed, describeError(task.error), c.retry, () => this.reload());
      case TaskStatus.COMPLETE:
        return this.#renderList(task.value!, false);
    }
  }

  #renderList(entries: CatalogueEntry[], busy: boolean): TemplateResult {
    if (!entries.length) return html`<p part="empty" class="empty">${c.empty}</p>`;
    return html`
      <ul part="list" class="cards" aria-label=${c.heading} aria-busy=${busy ? "true" : "false"}>
        ${repeat(
          entries,
          (entry) => entry.id,
          (entry) => this.#renderCard(entry),
        )}
      </ul>
    `;
  }

  #renderCard(entry: CatalogueEntry): TemplateResult {
    const card = this.cards.get(entry.id) ?? {};
    return html`
      <li part="card" class="card" data-id=${entry.id}>
        <article aria-labelledby="name-${entry.id}">
          <h3 part="name" id="name-${entry.id}" dir="auto">${entry.name}</h3>
          ${entry.requiresApproval ? html`<span part="approval-tag" class="tag">${t.needsApproval}</span>` : nothing}
          ${entry.shortDescription ? html`<p part="description" class="description" dir="auto">${entry.shortDescription}</p>` : nothing}
          ${
            entry.longDescription
              ? html`<details part="more">
                  <summary>${c.more}</summary>
                  <p class="long" dir="auto">${entry.longDescription}</p>
                </details>`
              : nothing
          }
          ${this.#canSubscribe ? this.#renderSubscribe(entry, card) : nothing}
        </article>
      </li>
    `;
  }

  #renderSubscribe(entry: CatalogueEntry, card: CardState): TemplateResult {
    return html`
      <div class="subscribe">
        <button
          part="subscribe"
          class="primary"
          type="button"
          aria-describedby="name-${entry.id}"
          ?disabled=${card.busy}
          @click=${() => this.#subscribe(entry)}
        >
          ${card.busy ? t.subscribing : c.subscribe}
        </button>
        ${card.error ? html`<p part="card-error" class="card-error" role="alert">${card.error}</p>` : nothing}
        ${card.requested ? html`<p part="notice" class="notice" role="status">${t.requested}</p>` : nothing}
        ${
          card.key
            ? html`<portico-key-reveal
                exportparts="panel:key-panel, title:key-title, warning:key-warning, key, copy:key-copy, copy-status:key-copy-status, done:key-done"
                data-theme=${this.dataset.theme ?? nothing}
                .key=${card.key}
                .apiName=${entry.name}
                @portico-key-reveal-close=${() => this.#closeReveal(entry)}
              ></portico-key-reveal>`
            : nothing
        }
      </div>
    `;
  }

  #setCard(id: string, state: CardState): void {
    this.cards = new Map(this.cards).set(id, state);
  }

  /** An element inside one entry's card. */
  #inCard<T extends HTMLElement>(id: string, selector: string): T | null {
    return this.renderRoot.querySelector<T>(`[data-id="${CSS.escape(id)}"] ${selector}`);
  }

  async #subscribe(entry: CatalogueEntry): Promise<void> {
    if (this.cards.get(entry.id)?.busy) return;
    this.#setCard(entry.id, { busy: true });
    try {
      const { subscription, key } = await this.requireClient(this.porticoClient).me.subscribe(entry.id);
      this.#setCard(entry.id, key ? { key } : { requested: true });
      fire<SubscriptionEventDetail>(this, "portico-subscribe", { subscription });
      if (key) {
        await this.updateComplete;
        const reveal = this.#inCard<KeyReveal>(entry.id, "portico-key-reveal");
        await reveal?.updateComplete;
        reveal?.focus();
      }
    } catch (error) {
      this.#setCard(entry.id, { error: `${t.subscribeFailed} ${describeError(error)}` });
    }
  }

  async #closeReveal(entry: CatalogueEntry): Promise<void> {
    this.#setCard(entry.id, {});
    await this.updateComplete;
    this.#inCard<HTMLButtonElement>(entry.id, '[part~="subscribe"]')?.focus();
  }
}
