import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, query, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import type { CatalogueEntry, Policy, Subscription } from "../../sdk/schemas/access.js";
import { PorticoConfigError, PorticoElement } from "../shared/portico-element.js";
import { strings } from "../shared/strings.js";
import { tokens } from "../shared/styles.js";
import { describeError, fire, type KeyAnalyticsDetail, type SubscriptionEventDetail } from "./events.js";
import { apiName, formatDate, formatDateTime, keyLabel, quotaAllowance, quotaUsage, rateLimit } from "./format.js";
import type { KeyReveal } from "./key-reveal.js";
import { styles } from "./subscription-table.styles.js";
import { loadFailedView, loadingView } from "../shared/states.js";

export type SubscriptionTableMode = "admin" | "self";

const t = strings.subscriptions;

/** Statuses whose key can still be moved to another policy (the server refuses the others with 409). */
const CHANGEABLE = new Set<Subscription["status"]>(["pending", "approved", "active"]);

/**
 * @tag subscription-table
 * @summary A developer's API keys with their catalogue entry, policy, limits, quota and status; admins change
 * a key's policy, revoke, approve or decline, developers subscribe and revoke their own.
 *
 * @attr api-base - The Portico server's URL; defaults to the origin this script came from.
 * @attr org - The organisation's slug.
 * @attr token - `mode="admin"`: an admin session token; `mode="self"`: the developer's session token. Without
 *   it, the session of that role a `<login-form>` on the page kept, else the login's session cookie
 *   (same-site pages).
 * @attr mode - `admin` (default): the keys of `developer-id`, with admin actions. `self`: the logged-in
 *   developer's own keys, with Subscribe and Revoke.
 * @attr developer-id - Whose keys to show in admin mode.
 *
 * @event {PolicyChangeEvent} portico-policy-change - A key moved to another policy; `detail.subscription` is the updated key.
 * @event {SubscriptionRevokeEvent} portico-subscription-revoke - A key was revoked; `detail.subscription` shows it revoked.
 * @event {SubscriptionApproveEvent} portico-subscription-approve - An admin approved a pending request.
 * @event {SubscriptionDeclineEvent} portico-subscription-decline - An admin declined a pending request.
 * @event {SubscribeEvent} portico-subscribe - The developer subscribed (self mode); the key itself is not in the event.
 * @event {KeyAnalyticsEvent} portico-key-analytics - Analytics was pressed; `detail.keyId` is the subscription's id.
 *
 * @csspart toolbar - The bar holding the Subscribe button (self mode).
 * @csspart subscribe-button - The "Subscribe to an API" button.
 * @csspart key-panel - The one-time key panel (also `key`, `key-copy`, `key-done`, `key-warning`).
 * @csspart notice - "Requested — an admin will review it".
 * @csspart action-error - A failed approve, decline or key claim.
 * @csspart loading - The loading message.
 * @csspart empty - "No keys yet".
 * @csspart error - The load failure box; holds the retry button.
 * @csspart retry - The retry button.
 * @csspart table - The keys table.
 * @csspart row - A key's row.
 * @csspart quota-meter - The quota bar (not shown for unlimited quotas).
 * @csspart key-prefix - The key's first characters.
 * @csspart status-badge - The status badge.
 * @csspart action - Every row button (also `change-policy`, `revoke`, `analytics`, `approve`, `decline`, `claim-key`).
 * @csspart dialog - Each dialog (also `policy-dialog`, `revoke-dialog`, `subscribe-dialog`).
 * @csspart policy-choice - A policy to choose in the Change policy dialog.
 * @csspart catalogue-choice - An API to choose in the Subscribe dialog.
 * @csspart dialog-error - A failure shown inside a dialog.
 * @csspart confirm - A dialog's main button.
 *
 * @cssprop --portico-color-text - Text colour.
 * @cssprop --portico-color-muted - Secondary text colour.
 * @cssprop --portico-color-background - Background colour.
 * @cssprop --portico-color-surface - Background of rows on hover and of dialogs' choices.
 * @cssprop --portico-color-border - Border colour.
 * @cssprop --portico-color-primary - Colour of the main buttons.
 * @cssprop --portico-color-on-primary - Text on primary buttons.
 * @cssprop --portico-color-danger - Errors, Revoke and the warning about the one-time key.
 * @cssprop --portico-color-success - The active badge and the key panel.
 * @cssprop --portico-color-focus - Focus ring colour.
 * @cssprop --portico-font-family - Font.
 * @cssprop --portico-font-size - Base font size.
 * @cssprop --portico-radius - Corner radius.
 * @cssprop --portico-spacing - Base spacing unit.
 */
export class SubscriptionTable extends PorticoElement {
  static override styles = [tokens, styles];

  @property({ reflect: true }) mode: SubscriptionTableMode = "admin";
  @property({ attribute: "developer-id", reflect: true }) developerId?: string;

  /** The rows shown: the last load, with the changes made here since. */
  @state() private items?: Subscription[];
  @state() private announcement = "";
  @state() private actionError?: string;
  /** Rows with an approve, decline or key claim in flight. */
  @state() private busyIds: ReadonlySet<string> = new Set();
  /** The raw key just issued; dropped (and removed from the DOM) when the developer presses Done. */
  @state() private revealed?: { key: string; apiName: string };
  @state() private notice?: string;

  @state() private policyTarget?: Subscription;
  @state() private chosenPolicyId?: string;
  @state() private changing = false;
  @state() private changeError?: string;

  @state() private revokeTarget?: Subscription;
  @state() private revoking = false;
  @state() private revokeError?: string;

  @state() private subscribeOpen = false;
  @state() private chosenEntryId?: string;
  @state() private subscribing = false;
  @state() private subscribeError?: string;

  @query("#policy-dialog") private policyDialog?: HTMLDialogElement;
  @query("#revoke-dialog") private revokeDialog?: HTMLDialogElement;
  @query("#subscribe-dialog") private subscribeDialog?: HTMLDialogElement;
  @query("portico-key-reveal") private keyReveal?: KeyReveal;
  @query('[part~="subscribe-button"]') private subscribeButton?: HTMLButtonElement;

  /** The client, mode and developer the rows were loaded for. */
  #shownFor?: readonly unknown[];
  /** Where focus goes back to when a dialog closes: the button that opened it, else its row. */
  #opener?: { element: HTMLElement; rowId?: string };
  /** Set when closing a dialog should focus something else than its opener (the new key). */
  #focusAfterClose?: () => void;

  #subscriptions = new Task(this, {
    args: () => [this.porticoClient, this.mode, this.developerId] as const,
    task: ([client, mode, developerId], { signal }) => {
      const portico = this.requireClient(client);
      if (mode === "self") return portico.me.subscriptions({ signal });
      if (!developerId) throw new PorticoConfigError(t.missingDeveloper);
      return portico.subscriptions.forDeveloper(developerId, { signal });
    },
    onComplete: (items) => {
      this.items = items;
    },
  });

  /** Active policies only: archived ones cannot be chosen for a key. Loaded each time the dialog opens. */
  #policies = new Task(this, {
    autoRun: false,
    args: () => [this.porticoClient] as const,
    task: async ([client], { signal }): Promise<Policy[]> =>
      (await this.requireClient(client).policies.list({ signal })).filter((policy) => policy.state === "active"),
  });

  /** The live catalogue (an admin's session would list unpublished entries too). */
  #catalogue = new Task(this, {
    autoRun: false,
    args: () => [this.porticoClient] as const,
    task: async ([client], { signal }): Promise<CatalogueEntry[]> =>
      (await this.requireClient(client).catalogue.list({ signal })).filter((entry) => entry.live),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another developer, mode, session or server (from attributes, <portico-config> or Portico.configure):
    // the rows, dialogs and any shown key belong to the old one.
    const shown = [this.porticoClient, this.mode, this.developerId] as const;
    const before = this.#shownFor;
    this.#shownFor = shown;
    if (before && shown.some((value, i) => value !== before[i])) {
      this.items = undefined;
      this.revealed = undefined;
      this.notice = undefined;
      this.actionError = undefined;
      this.policyDialog?.close();
      this.revokeDialog?.close();
      this.subscribeDialog?.close();
    }
  }

  /** Without a token, the session a login form on the page kept: the developer's own, or an admin's. */
  protected override get sessionRole(): "developer" | "admin" {
    return this.mode === "self" ? "developer" : "admin";
  }

  /** Loads the keys again (the error state's Retry does this). */
  reload(): void {
    void this.#subscriptions.run();
  }

  override render(): TemplateResult {
    return html`
      ${this.mode === "self" ? this.#renderToolbar() : nothing}
      ${
        this.revealed
          ? html`<portico-key-reveal
              exportparts="panel:key-panel, title:key-title, warning:key-warning, key, copy:key-copy, copy-status:key-copy-status, done:key-done"
              data-theme=${this.dataset.theme ?? nothing}
              .key=${this.revealed.key}
              .apiName=${this.revealed.apiName}
              @portico-key-reveal-close=${this.#closeReveal}
            ></portico-key-reveal>`
          : nothing
      }
      ${this.notice ? html`<p part="notice" class="notice">${this.notice}</p>` : nothing}
      ${this.actionError ? html`<p part="action-error" class="action-error" role="alert">${this.actionError}</p>` : nothing}
      <div class="visually-hidden" role="status">${this.announcement}</div>
      ${this.#renderBody()} ${this.mode === "self" ? this.#renderSubscribeDialog() : this.#renderPolicyDialog()}
      ${this.#renderRevokeDialog()}
    `;
  }

  #renderToolbar(): TemplateResult {
    return html`
      <div class="toolbar" part="toolbar">
        <button part="subscribe-button" class="primary" type="button" aria-haspopup="dialog" @click=${this.#openSubscribe}>
          ${t.subscribe}
        </button>
      </div>
    `;
  }

  #renderBody(): TemplateResult {
    const task = this.#subscriptions;
    if (task.status === TaskStatus.ERROR) {
      const detail = describeError(task.error);
      return loadFailedView(t.loadFailed, detail, t.retry, () => this.reload());
    }
    if (!this.items) return loadingView(t.loading);
    if (!this.items.length) return html`<p part="empty" class="empty">${t.empty}</p>`;
    const busy = task.status === TaskStatus.PENDING;
    return html`
      <div class="results" aria-busy=${busy ? "true" : "false"}>
        <table part="table">
          <caption class="visually-hidden">
            ${t.caption}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t.columnApi}</th>
              <th scope="col">${t.columnPolicy}</th>
              <th scope="col">${t.columnRate}</th>
              <th scope="col">${t.columnQuota}</th>
              <th scope="col">${t.columnKey}</th>
              <th scope="col">${t.columnStatus}</th>
              <th scope="col">${t.columnCreated}</th>
              <th scope="col">${t.columnActions}</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              this.items,
              (subscription) => subscription.id,
              (subscription) => this.#renderRow(subscription),
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  #renderRow(subscription: Subscription): TemplateResult {
    const { id, policy, quota, status } = subscription;
    return html`
      <tr part="row" data-id=${id} data-status=${status}>
        <th scope="row" id="api-${id}" class="api" tabindex="-1">
          <span dir="auto" class=${subscription.catalogueEntry ? "" : "no-entry"}>${apiName(subscription)}</span>
        </th>
        <td class="policy"><span dir="auto">${policy.name}</span></td>
        <td class="rate">${rateLimit(policy)}</td>
        <td class="quota">
          <div class="quota-usage">
            ${
              quota.max === -1
                ? nothing
                : html`<meter
                    part="quota-meter"
                    min="0"
                    max=${quota.max}
                    low=${quota.max * 0.75}
                    high=${quota.max * 0.9}
                    optimum="0"
                    .value=${quota.used}
                    aria-label=${quotaUsage(quota)}
                  ></meter>`
            }
            <span class="quota-text">${quotaUsage(quota)}</span>
          </div>
          <time class="renews" datetime=${quota.renewsAt}>${t.renews(formatDateTime(quota.renewsAt))}</time>
        </td>
        <td>
          <!-- A key reads left to right on a right-to-left page too ("pdk_ab12…", not "…pdk_ab12"). -->
          <code part="key-prefix" id="key-${id}" translate="no" dir=${subscription.keyPrefix ? "ltr" : nothing}
            >${keyLabel(subscription)}</code
          >
        </td>
        <td><span part="status-badge" class="badge ${status}">${t.status[status]}</span></td>
        <td><time datetime=${subscription.createdAt}>${formatDate(subscription.createdAt)}</time></td>
        <td>
          <div class="actions">${this.mode === "self" ? this.#selfActions(subscription) : this.#adminActions(subscription)}</div>
        </td>
      </tr>
    `;
  }

  /** A row's button, described by the row's API and key so "Revoke" says which key it revokes. */
  #action(subscription: Subscription, name: string, label: string, onClick: (event: Event) => void, opensDialog = false): TemplateResult {
    return html`<button
      part="action ${name}"
      type="button"
      class=${name === "revoke" || name === "decline" ? "danger-outline" : ""}
      aria-describedby="api-${subscription.id} key-${subscription.id}"
      aria-haspopup=${opensDialog ? "dialog" : nothing}
      ?disabled=${this.busyIds.has(subscription.id)}
      @click=${onClick}
    >
      ${label}
    </button>`;
  }

  #adminActions(subscription: Subscription): TemplateResult {
    const { status } = subscription;
    return html`
      ${
        status === "pending"
          ? html`${this.#action(subscription, "approve", t.approve, () => this.#decide(subscription, true))}
            ${this.#action(subscription, "decline", t.decline, () => this.#decide(subscription, false))}`
          : nothing
      }
      ${
        CHANGEABLE.has(status)
          ? this.#action(subscription, "change-policy", t.changePolicy, (event) => this.#openChangePolicy(subscription, event), true)
          : nothing
      }
      ${status === "approved" || status === "active" ? this.#action(subscription, "revoke", t.revoke, (event) => this.#openRevoke(subscription, event), true) : nothing}
      ${subscription.keyPrefix ? this.#action(subscription, "analytics", t.analytics, () => this.#analytics(subscription)) : nothing}
    `;
  }

  #selfActions(subscription: Subscription): TemplateResult {
    const { status } = subscription;
    return html`
      ${status === "approved" ? this.#action(subscription, "claim-key", t.claimKey, () => this.#claimKey(subscription)) : nothing}
      ${CHANGEABLE.has(status) ? this.#action(subscription, "revoke", t.revoke, (event) => this.#openRevoke(subscription, event), true) : nothing}
      ${subscription.keyPrefix ? this.#action(subscription, "analytics", t.analytics, () => this.#analytics(subscription)) : nothing}
    `;
  }

  #renderPolicyDialog(): TemplateResult {
    const target = this.policyTarget;
    return html`
      <dialog
        id="policy-dialog"
        part="dialog policy-dialog"
        aria-labelledby="policy-dialog-title"
        @cancel=${(event: Event) => this.changing && event.preventDefault()}
        @close=${this.#onPolicyDialogClose}
      >
        ${
          target
            ? html`
                <form novalidate @submit=${this.#changePolicy}>
                  <h2 id="policy-dialog-title" tabindex="-1" autofocus>${t.policyDialogTitle}</h2>
                  <p class="subtitle" dir="auto">${t.policyDialogKey(keyLabel(target), apiName(target))}</p>
                  ${target.policy.state === "archived" ? html`<p class="hint" dir="auto">${t.currentArchived(target.policy.name)}</p>` : nothing}
                  ${this.#renderPolicyChoices(target)}
                  ${this.changeError ? html`<p part="dialog-error" class="dialog-error" role="alert" tabindex="-1">${this.changeError}</p>` : nothing}
                  <div class="dialog-actions">
                    <button
                      part="confirm"
                      class="primary"
                      type="submit"
                      ?disabled=${this.changing || !this.chosenPolicyId || this.chosenPolicyId === target.policy.id}
                    >
                      ${this.changing ? t.changing : t.submitChange}
                    </button>
                    <button type="button" @click=${() => this.policyDialog?.close()}>${t.cancel}</button>
                  </div>
                </form>
              `
            : nothing
        }
      </dialog>
    `;
  }

  #renderPolicyChoices(target: Subscription): TemplateResult {
    const task = this.#policies;
    // A reopened dialog shows the last list at once while the fresh one loads.
    if (task.status === TaskStatus.ERROR) {
      return html`
        <div part="dialog-error" class="dialog-error" role="alert">
          <p>${t.policiesFailed} ${describeError(task.error)}</p>
          <button part="retry" type="button" @click=${() => void this.#policies.run()}>${t.retry}</button>
        </div>
      `;
    }
    const policies = task.value;
    if (!policies) return html`<p class="loading-inline" role="status">${t.loadingPolicies}</p>`;
    if (!policies.length) return html`<p class="hint">${t.noPolicies}</p>`;
    return html`
      <fieldset ?disabled=${this.changing}>
        <legend>${t.policyLegend}</legend>
        ${repeat(
          policies,
          (policy) => policy.id,
          (policy) => html`
            <div part="policy-choice" class="choice">
              <input
                type="radio"
                id="policy-${policy.id}"
                name="policy"
                .value=${policy.id}
                .checked=${policy.id === this.chosenPolicyId}
                aria-describedby="policy-${policy.id}-detail"
                @change=${() => (this.chosenPolicyId = policy.id)}
              />
              <label for="policy-${policy.id}">
                <span class="choice-name" dir="auto">${policy.name}</span>
                ${policy.id === target.policy.id ? html`<span class="current">${t.current}</span>` : nothing}
              </label>
              <p id="policy-${policy.id}-detail" class="choice-detail">
                ${rateLimit(policy)} · ${quotaAllowance(policy)}<br />
                <span dir="auto">${policy.apis.length ? t.apis(policy.apis.join(", ")) : t.noApis}</span>
              </p>
            </div>
          `,
        )}
      </fieldset>
    `;
  }

  #renderRevokeDialog(): TemplateResult {
    const target = this.revokeTarget;
    return html`
      <dialog
        id="revoke-dialog"
        part="dialog revoke-dialog"
        role="alertdialog"
        aria-labelledby="revoke-dialog-title"
        aria-describedby="revoke-dialog-warning"
        @cancel=${(event: Event) => this.revoking && event.preventDefault()}
        @close=${this.#onRevokeDialogClose}
      >
        ${
          target
            ? html`
                <h2 id="revoke-dialog-title">${t.revokeDialogTitle}</h2>
                <p id="revoke-dialog-warning" dir="auto">${t.revokeWarning(keyLabel(target), apiName(target))}</p>
                ${this.revokeError ? html`<p part="dialog-error" class="dialog-error" role="alert" tabindex="-1">${this.revokeError}</p>` : nothing}
                <div class="dialog-actions">
                  <button part="confirm" class="danger" type="button" ?disabled=${this.revoking} @click=${this.#revoke}>
                    ${this.revoking ? t.revoking : t.revokeConfirm}
                  </button>
                  <!-- The safe choice has focus first: Enter must not revoke by accident. -->
                  <button type="button" autofocus ?disabled=${this.revoking} @click=${() => this.revokeDialog?.close()}>${t.cancel}</button>
                </div>
              `
            : nothing
        }
      </dialog>
    `;
  }

  #renderSubscribeDialog(): TemplateResult {
    return html`
      <dialog
        id="subscribe-dialog"
        part="dialog subscribe-dialog"
        aria-labelledby="subscribe-dialog-title"
        @cancel=${(event: Event) => this.subscribing && event.preventDefault()}
        @close=${this.#onSubscribeDialogClose}
      >
        ${
          this.subscribeOpen
            ? html`
                <form novalidate @submit=${this.#subscribe}>
                  <h2 id="subscribe-dialog-title" tabindex="-1" autofocus>${t.subscribeDialogTitle}</h2>
                  ${this.#renderCatalogueChoices()}
                  ${this.subscribeError ? html`<p part="dialog-error" class="dialog-error" role="alert" tabindex="-1">${this.subscribeError}</p>` : nothing}
                  <div class="dialog-actions">
                    <button part="confirm" class="primary" type="submit" ?disabled=${this.subscribing || !this.chosenEntryId}>
                      ${this.subscribing ? t.subscribing : t.subscribeSubmit}
                    </button>
                    <button type="button" @click=${() => this.subscribeDialog?.close()}>${t.cancel}</button>
                  </div>
                </form>
              `
            : nothing
        }
      </dialog>
    `;
  }

  #renderCatalogueChoices(): TemplateResult {
    const task = this.#catalogue;
    if (task.status === TaskStatus.ERROR) {
      return html`
        <div part="dialog-error" class="dialog-error" role="alert">
          <p>${t.catalogueFailed} ${describeError(task.error)}</p>
          <button part="retry" type="button" @click=${() => void this.#catalogue.run()}>${t.retry}</button>
        </div>
      `;
    }
    const entries = task.value;
    if (!entries) return html`<p class="loading-inline" role="status">${t.loadingCatalogue}</p>`;
    if (!entries.length) return html`<p class="hint">${t.catalogueEmpty}</p>`;
    return html`
      <fieldset ?disabled=${this.subscribing}>
        <legend>${t.catalogueLegend}</legend>
        ${repeat(
          entries,
          (entry) => entry.id,
          (entry) => html`
            <div part="catalogue-choice" class="choice">
              <input
                type="radio"
                id="entry-${entry.id}"
                name="entry"
                .value=${entry.id}
                .checked=${entry.id === this.chosenEntryId}
                aria-describedby="entry-${entry.id}-detail"
                @change=${() => (this.chosenEntryId = entry.id)}
              />
              <label for="entry-${entry.id}">
                <span class="choice-name" dir="auto">${entry.name}</span>
                ${entry.requiresApproval ? html`<span class="tag">${t.needsApproval}</span>` : nothing}
              </label>
              <p id="entry-${entry.id}-detail" class="choice-detail" dir="auto">${entry.shortDescription}</p>
            </div>
          `,
        )}
      </fieldset>
    `;
  }

  // ——— Opening and closing dialogs ———

  /**
   * `close` is fired from a queued task: under load it can arrive after the dialog was opened again
   * for another key, and must not clear what that one shows.
   */
  #reopened(dialog: HTMLDialogElement | undefined): boolean {
    return Boolean(dialog?.open);
  }

  #rememberOpener(event: Event, rowId?: string): void {
    this.#opener = { element: event.currentTarget as HTMLElement, rowId };
    this.#focusAfterClose = undefined;
  }

  async #restoreFocus(): Promise<void> {
    const after = this.#focusAfterClose;
    const opener = this.#opener;
    this.#focusAfterClose = undefined;
    this.#opener = undefined;
    await this.updateComplete;
    if (after) return after();
    const button = opener?.element as HTMLButtonElement | undefined;
    if (button?.isConnected && !button.disabled) return button.focus();
    // The button went with the change (a revoked key has no Revoke): its row's header takes focus.
    if (opener?.rowId) this.renderRoot.querySelector<HTMLElement>(`[id="api-${opener.rowId}"]`)?.focus();
  }

  /** Focus goes to the checked radio once the list is there, unless the person already moved on. */
  async #focusChoiceWhenLoaded(dialog: HTMLDialogElement | undefined, loaded: Promise<unknown>): Promise<void> {
    await loaded.catch(() => undefined);
    await this.updateComplete;
    if (!dialog?.open) return;
    const active = this.shadowRoot!.activeElement;
    if (active && active.tagName !== "H2" && dialog.contains(active)) return;
    const radios = [...dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    (radios.find((radio) => radio.checked) ?? radios[0])?.focus();
  }

  async #openChangePolicy(subscription: Subscription, event: Event): Promise<void> {
    this.#rememberOpener(event, subscription.id);
    this.policyTarget = subscription;
    this.chosenPolicyId = subscription.policy.id;
    this.changeError = undefined;
    void this.#policies.run();
    await this.updateComplete;
    this.policyDialog?.showModal();
    await this.#focusChoiceWhenLoaded(this.policyDialog, this.#policies.taskComplete);
  }

  #onPolicyDialogClose = (): void => {
    if (this.#reopened(this.policyDialog)) return;
    this.policyTarget = undefined;
    this.changeError = undefined;
    void this.#restoreFocus();
  };

  async #openRevoke(subscription: Subscription, event: Event): Promise<void> {
    this.#rememberOpener(event, subscription.id);
    this.revokeTarget = subscription;
    this.revokeError = undefined;
    await this.updateComplete;
    this.revokeDialog?.showModal();
  }

  #onRevokeDialogClose = (): void => {
    if (this.#reopened(this.revokeDialog)) return;
    this.revokeTarget = undefined;
    this.revokeError = undefined;
    void this.#restoreFocus();
  };

  #openSubscribe = async (event: Event): Promise<void> => {
    this.#rememberOpener(event);
    this.subscribeOpen = true;
    this.chosenEntryId = undefined;
    this.subscribeError = undefined;
    void this.#catalogue.run();
    await this.updateComplete;
    this.subscribeDialog?.showModal();
    await this.#focusChoiceWhenLoaded(this.subscribeDialog, this.#catalogue.taskComplete);
  };

  #onSubscribeDialogClose = (): void => {
    if (this.#reopened(this.subscribeDialog)) return;
    this.subscribeOpen = false;
    this.subscribeError = undefined;
    void this.#restoreFocus();
  };

  // ——— Actions ———

  #replace(subscription: Subscription): void {
    this.items = (this.items ?? []).map((item) => (item.id === subscription.id ? subscription : item));
  }

  #setBusy(id: string, busy: boolean): void {
    const next = new Set(this.busyIds);
    if (busy) next.add(id);
    else next.delete(id);
    this.busyIds = next;
  }

  async #focusError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('dialog[open] [part~="dialog-error"]')?.focus();
  }

  #changePolicy = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const target = this.policyTarget;
    const policyId = this.chosenPolicyId;
    if (!target || !policyId || policyId === target.policy.id || this.changing) return;
    this.changing = true;
    this.changeError = undefined;
    try {
      const updated = await this.requireClient(this.porticoClient).subscriptions.changePolicy(target.id, policyId);
      this.#replace(updated);
      this.announcement = t.changed(keyLabel(updated), updated.policy.name);
      fire<SubscriptionEventDetail>(this, "portico-policy-change", { subscription: updated });
      this.changing = false;
      this.policyDialog?.close();
    } catch (error) {
      this.changing = false;
      this.changeError = `${t.changeFailed} ${describeError(error)}`;
      await this.#focusError();
      // A 409 means the key changed elsewhere (revoked, say): show the row as it now is.
      void this.#refreshRow(target.id);
    }
  };

  #revoke = async (): Promise<void> => {
    const target = this.revokeTarget;
    if (!target || this.revoking) return;
    this.revoking = true;
    this.revokeError = undefined;
    const client = this.requireClient(this.porticoClient);
    try {
      await client.subscriptions.revoke(target.id);
    } catch (error) {
      this.revoking = false;
      this.revokeError = `${t.revokeFailed} ${describeError(error)}`;
      await this.#focusError();
      return;
    }
    // The revoke answers no body; the row as the server now has it, or the same row marked revoked.
    const revoked = await client.subscriptions
      .get(target.id)
      .catch((): Subscription => ({ ...target, status: "revoked", revokedAt: new Date().toISOString() }));
    this.#replace(revoked);
    this.announcement = t.revoked(keyLabel(revoked));
    fire<SubscriptionEventDetail>(this, "portico-subscription-revoke", { subscription: revoked });
    this.revoking = false;
    this.revokeDialog?.close();
  };

  async #refreshRow(id: string): Promise<void> {
    try {
      this.#replace(await this.requireClient(this.porticoClient).subscriptions.get(id));
    } catch {
      // Best effort: the dialog already says what went wrong.
    }
  }

  async #decide(subscription: Subscription, approve: boolean): Promise<void> {
    this.#setBusy(subscription.id, true);
    this.actionError = undefined;
    try {
      const subscriptions = this.requireClient(this.porticoClient).subscriptions;
      const updated = approve ? await subscriptions.approve(subscription.id) : await subscriptions.decline(subscription.id);
      this.#replace(updated);
      this.announcement = approve ? t.approved(apiName(updated)) : t.declined(apiName(updated));
      fire<SubscriptionEventDetail>(this, approve ? "portico-subscription-approve" : "portico-subscription-decline", {
        subscription: updated,
      });
    } catch (error) {
      this.actionError = t.actionFailed(describeError(error));
      void this.#refreshRow(subscription.id);
    } finally {
      this.#setBusy(subscription.id, false);
    }
    await this.updateComplete;
    // The Approve and Decline buttons are gone: keep focus in the row.
    if (!this.shadowRoot!.activeElement) this.renderRoot.querySelector<HTMLElement>(`[id="api-${subscription.id}"]`)?.focus();
  }

  #analytics(subscription: Subscription): void {
    fire<KeyAnalyticsDetail>(this, "portico-key-analytics", { keyId: subscription.id });
  }

  #subscribe = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const entry = this.#catalogue.value?.find((item) => item.id === this.chosenEntryId);
    if (!entry || this.subscribing) return;
    this.subscribing = true;
    this.subscribeError = undefined;
    try {
      const { subscription, key } = await this.requireClient(this.porticoClient).me.subscribe(entry.id);
      this.items = [subscription, ...(this.items ?? []).filter((item) => item.id !== subscription.id)];
      // Closing the dialog would send focus back to Subscribe; the new key needs it more.
      if (this.#showIssued(key, entry.name)) this.#focusAfterClose = () => this.#focusReveal();
      fire<SubscriptionEventDetail>(this, "portico-subscribe", { subscription });
      this.subscribing = false;
      this.subscribeDialog?.close();
    } catch (error) {
      this.subscribing = false;
      this.subscribeError = `${t.subscribeFailed} ${describeError(error)}`;
      await this.#focusError();
    }
  };

  async #claimKey(subscription: Subscription): Promise<void> {
    this.#setBusy(subscription.id, true);
    this.actionError = undefined;
    try {
      const { subscription: updated, key } = await this.requireClient(this.porticoClient).me.claimKey(subscription.id);
      this.#replace(updated);
      if (this.#showIssued(key, apiName(updated))) await this.#focusReveal();
    } catch (error) {
      this.actionError = t.actionFailed(describeError(error));
      void this.#refreshRow(subscription.id);
    } finally {
      this.#setBusy(subscription.id, false);
    }
  }

  /** The one-time key panel, or the "requested" notice when the entry needs an admin's approval; true for a key. */
  #showIssued(key: string | null, name: string): boolean {
    this.revealed = key ? { key, apiName: name } : undefined;
    this.notice = key ? undefined : t.requested;
    this.announcement = key ? t.subscribed(name) : t.requested;
    return Boolean(key);
  }

  async #focusReveal(): Promise<void> {
    await this.updateComplete;
    await this.keyReveal?.updateComplete;
    this.keyReveal?.focus();
  }

  #closeReveal = async (): Promise<void> => {
    this.revealed = undefined;
    await this.updateComplete;
    this.subscribeButton?.focus();
  };
}
