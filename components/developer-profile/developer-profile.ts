import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { keyed } from "lit/directives/keyed.js";
import { repeat } from "lit/directives/repeat.js";
import { PorticoError } from "../../sdk/errors.js";
import type { MeUpdate } from "../../sdk/schemas/accounts.js";
import type { Developer, DeveloperUpdate } from "../../sdk/schemas/developers.js";
import {
  checkboxField,
  countryField,
  countryName,
  errorDetail,
  fieldId,
  focusFirstField,
  inputField,
  splitErrors,
} from "../shared/account-fields.js";
import { accountFieldStyles } from "../shared/account-fields.styles.js";
import { PorticoConfigError, PorticoElement } from "../shared/portico-element.js";
import { clearSession, getSession, onSessionChange, sessionKey } from "../shared/session-store.js";
import { perLocale } from "../shared/locale.js";
import { strings } from "../shared/strings.js";
import { tokens } from "../shared/styles.js";
import { styles } from "./developer-profile.styles.js";
import { loadFailedView, loadingView } from "../shared/states.js";

export interface DeveloperUpdatedDetail {
  /** The developer as saved (new `version`). */
  developer: Developer;
}
export type DeveloperUpdatedEvent = CustomEvent<DeveloperUpdatedDetail>;

export interface DeveloperDeletedDetail {
  id: string;
}
export type DeveloperDeletedEvent = CustomEvent<DeveloperDeletedDetail>;

/** `portico-logout` carries nothing: the session is gone from the server and the page. */
export type LogoutDetail = Record<string, never>;
export type LogoutEvent = CustomEvent<LogoutDetail>;

type Panel = "edit" | "password" | "delete";
type Busy = "save" | "password" | "delete" | "reset" | "logout";

/** A custom field being edited; `id` keeps a row's inputs when others are added or removed. */
interface FieldRow {
  id: number;
  key: string;
  value: string;
}

const PROFILE_FIELDS = ["email", "name", "telephone", "country", "inactive"] as const;
const PASSWORD_FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;

const t = strings.developerProfile;
const dateFormat = perLocale((locale) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }));

const rowKeyName = (row: FieldRow) => `field-key-${row.id}`;
const rowValueName = (row: FieldRow) => `field-value-${row.id}`;

function initials(developer: Developer): string {
  const words = developer.name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words.length ? [words[0]!] : [developer.email];
  return letters.map((word) => [...word][0]!.toLocaleUpperCase(strings.locale)).join("");
}

function sameFields(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

/** An unknown id, or one that is not even a UUID (the server's 400 names the `id`). */
function isNotFound(error: unknown): boolean {
  return error instanceof PorticoError && (error.status === 404 || (error.status === 400 && "id" in error.errors));
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof PorticoError && error.status === 401;
}

/**
 * @tag developer-profile
 * @summary A developer's profile: an overview, an edit form and account actions. An admin sees
 * any developer (`mode="admin"`); a logged-in developer sees their own (`mode="self"`).
 *
 * - `admin`: needs `developer-id` and an admin session (the `token` attribute, the session a
 *   `<login-form account-role="admin">` kept, or the admin's cookie). Edit every field including the
 *   custom ones, send a password reset email, delete.
 * - `self`: the developer's session (the `token` attribute, the session a `<login-form>` or
 *   `<signup-form>` kept, or the cookie). Edit email, name, telephone and country, change the
 *   password, log out.
 *
 * Edits send the version that was read: when someone else saved in between, the edit is refused
 * and the profile says so, with a Reload action.
 *
 * @attr api-base - The Portico server's URL; defaults to the origin this script came from.
 * @attr org - The organisation's slug.
 * @attr token - A session token (an admin's for `admin`, the developer's for `self`); without it the
 *   session kept by `<login-form>` / `<signup-form>`, else the session cookie (same-site pages).
 * @attr mode - `admin` (default) or `self`.
 * @attr developer-id - Whose profile to show (`admin` only).
 *
 * @slot usage - Under the overview: the developer's usage. Admin mode fills it with a `<usage-chart>`.
 * @slot subscriptions - Under the usage: the developer's keys. Admin mode fills it with a `<subscription-table>`;
 *   its Analytics button switches the chart to that key.
 * @attr no-panels - Admin mode without the usage and subscriptions panels.
 * @slot logged-out - Shown in `self` mode when nobody is logged in, e.g. a `<login-form>`.
 *
 * @event {DeveloperUpdatedEvent} portico-developer-updated - An edit was saved; `detail.developer` is the developer after it.
 * @event {DeveloperDeletedEvent} portico-developer-deleted - The developer was deleted (`admin`); `detail.id` is their id.
 * @event {LogoutEvent} portico-logout - The developer logged out (`self`); the kept session is gone too.
 *
 * @csspart overview - The overview panel (avatar, name, details).
 * @csspart avatar - The developer's picture, or initials when there is none.
 * @csspart name - The developer's name, the overview's heading.
 * @csspart details - The list of email, telephone, country, created date and status.
 * @csspart status-badge - The active / inactive badge.
 * @csspart custom-fields - The list of the developer's custom fields.
 * @csspart actions - The bar of buttons under the overview.
 * @csspart edit-button - Edit (or Edit profile).
 * @csspart reset-button - Send password reset email (`admin`).
 * @csspart delete-button - Delete (`admin`).
 * @csspart password-button - Change password (`self`).
 * @csspart logout-button - Log out (`self`).
 * @csspart notice - A message after an action (saved, reset email sent, password changed, failures).
 * @csspart edit-form - The edit form.
 * @csspart custom-fields-editor - The custom field rows of the edit form (`admin`).
 * @csspart password-form - The change password form (`self`).
 * @csspart field-error - A message beside the field it concerns.
 * @csspart form-error - A message about a whole form.
 * @csspart conflict - The box saying someone else changed the developer; holds the reload button.
 * @csspart reload - The reload button of that box.
 * @csspart delete-confirm - The delete confirmation box.
 * @csspart confirm-delete - The button that deletes for good.
 * @csspart usage - The box around the `usage` slot.
 * @csspart subscriptions - The box around the `subscriptions` slot.
 * @csspart deleted - The message after the developer was deleted.
 * @csspart logged-out - The box shown in `self` mode when nobody is logged in.
 * @csspart not-found - The message for an unknown developer.
 * @csspart loading - The loading message.
 * @csspart error - The load failure box; holds the retry button.
 * @csspart retry - The retry button.
 *
 * @cssprop --portico-color-text - Text colour.
 * @cssprop --portico-color-muted - Secondary text colour (labels, initials).
 * @cssprop --portico-color-background - Background colour.
 * @cssprop --portico-color-surface - Background of the forms and notices.
 * @cssprop --portico-color-border - Border colour.
 * @cssprop --portico-color-primary - Colour of the main buttons.
 * @cssprop --portico-color-on-primary - Text on primary and danger buttons.
 * @cssprop --portico-color-danger - Error colour and the delete button.
 * @cssprop --portico-color-success - Colour of the active badge.
 * @cssprop --portico-color-focus - Focus ring colour.
 * @cssprop --portico-font-family - Font.
 * @cssprop --portico-font-size - Base font size.
 * @cssprop --portico-radius - Corner radius.
 * @cssprop --portico-spacing - Base spacing unit.
 */
export class DeveloperProfile extends PorticoElement {
  static override styles = [tokens, accountFieldStyles, styles];

  @property({ reflect: true }) mode: "admin" | "self" = "admin";
  @property({ attribute: "developer-id" }) developerId?: string;
  /** Admin mode shows the usage chart and the subscriptions under the overview unless this is set. */
  @property({ type: Boolean, attribute: "no-panels" }) noPanels = false;

  /** The latest copy: as loaded, then as each save answered. */
  @state() private developer?: Developer;
  @state() private panel?: Panel;
  @state() private busy?: Busy;
  /** Messages by form name (`email`, `currentPassword`, `field-key-3`). */
  @state() private fieldErrors: Record<string, string> = {};
  @state() private formError?: string;
  /** The last save was refused because the developer changed since it was read (412). */
  @state() private conflict = false;
  @state() private notice?: { text: string; failed: boolean };
  @state() private rows: FieldRow[] = [];
  /** Email of the developer just deleted; the profile shows only that. */
  @state() private deleted?: string;
  @state() private loggedOut = false;
  @state() private avatarFailed = false;
  /** Slots the page put something in; empty ones take no room in the layout. */
  @state() private filledSlots: ReadonlySet<string> = new Set();

  #nextRowId = 1;
  /** Keeps the profile on screen while it reloads after a conflict (instead of the loading state). */
  #keepWhileLoading = false;
  #unsubscribe?: () => void;

  #profile = new Task(this, {
    args: () => [this.porticoClient, this.#isSelf, this.developerId] as const,
    task: async ([client, self, id], { signal }) => {
      const ready = this.requireClient(client);
      if (!self && !id) throw new PorticoConfigError(t.missingDeveloper);
      try {
        return self ? await ready.me.get({ signal }) : await ready.developers.get(id!, { signal });
      } catch (error) {
        if (isUnauthorized(error)) this.#forgetDeadSession(ready.options.token);
        throw error;
      }
    },
    onComplete: (developer) => {
      this.#keepWhileLoading = false;
      if (developer.id !== this.developer?.id) {
        this.#closePanel();
        this.notice = undefined;
      }
      if (developer.avatarUrl !== this.developer?.avatarUrl) this.avatarFailed = false;
      this.developer = developer;
    },
    onError: () => {
      this.#keepWhileLoading = false;
    },
  });

  get #isSelf(): boolean {
    return this.mode === "self";
  }

  protected override get sessionRole(): "developer" | "admin" {
    return this.#isSelf ? "developer" : "admin";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener("portico-key-analytics", this.#showKeyUsage);
    this.#unsubscribe = onSessionChange(({ apiBase, org, session }) => {
      const config = super.config;
      if (this.client || !config || sessionKey(apiBase, org) !== sessionKey(config.apiBase, config.org)) return;
      // A login on the page (a `<login-form>` in the logged-out slot) brings the profile back.
      if (session) this.loggedOut = false;
      this.requestUpdate();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener("portico-key-analytics", this.#showKeyUsage);
    this.#unsubscribe?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("developerId") || changed.has("mode")) {
      this.deleted = undefined;
      this.developer = undefined;
      this.notice = undefined;
      this.#closePanel();
    }
  }

  /** Loads the profile again (the error state's Retry does this). */
  reload(): void {
    void this.#profile.run();
  }

  /** The server no longer accepts the kept session (expired, ended elsewhere): forget it. */
  #forgetDeadSession(token: string | undefined): void {
    const config = super.config;
    if (!token || this.client || !config) return;
    if (getSession(config.apiBase, config.org)?.token === token) clearSession(config.apiBase, config.org);
  }

  override render(): TemplateResult {
    if (this.deleted !== undefined) {
      return html`<p part="deleted" class="notice" role="status" tabindex="-1">${t.deleted(this.deleted)}</p>`;
    }
    const task = this.#profile;
    if (this.#isSelf && (this.loggedOut || (task.status === TaskStatus.ERROR && isUnauthorized(task.error)))) {
      return this.#renderLoggedOut();
    }
    switch (task.status) {
      case TaskStatus.INITIAL:
      case TaskStatus.PENDING:
        return this.#keepWhileLoading && this.developer
          ? this.#renderProfile(this.developer, true)
          : loadingView(t.loading);
      case TaskStatus.ERROR:
        return this.#renderError(task.error);
      case TaskStatus.COMPLETE:
        return this.#renderProfile(this.developer ?? task.value!, false);
    }
  }

  #renderLoggedOut(): TemplateResult {
    return html`
      <div part="logged-out" class="logged-out">
        <p class="notice" role="status" tabindex="-1">${t.loggedOut}</p>
        <slot name="logged-out"></slot>
      </div>
    `;
  }

  #renderError(error: unknown): TemplateResult {
    const detail = errorDetail(error);
    if (!this.#isSelf && isNotFound(error)) {
      return html`
        <div part="not-found" class="error" role="alert">
          <p><strong>${t.notFound}</strong></p>
          <p>${detail}</p>
        </div>
      `;
    }
    return loadFailedView(t.loadFailed, detail, t.retry, () => this.reload());
  }

  #renderProfile(developer: Developer, busy: boolean): TemplateResult {
    return html`
      <div class="profile" aria-busy=${busy || this.busy ? "true" : "false"}>
        ${this.#renderOverview(developer)} ${this.#renderActions()}
        <div class="visually-hidden" role="status">${this.notice?.text ?? ""}</div>
        ${this.notice ? html`<p part="notice" class=${this.notice.failed ? "notice failed" : "notice"}>${this.notice.text}</p>` : nothing}
        ${this.panel === "edit" ? keyed(`${developer.id}:${developer.version}`, this.#renderEditForm(developer)) : nothing}
        ${this.panel === "password" ? this.#renderPasswordForm() : nothing}
        ${this.panel === "delete" ? this.#renderDeleteConfirm(developer) : nothing}
        ${this.#renderPanels(developer)}
      </div>
    `;
  }

  /**
   * The usage and subscriptions areas. In admin mode they hold a `<usage-chart>` and a
   * `<subscription-table>` for this developer unless the page slots its own or sets `no-panels`;
   * Analytics on a key switches the chart to that key.
   */
  #renderPanels(developer: Developer): TemplateResult {
    const panels = !this.#isSelf && !this.noPanels;
    const config = this.config;
    const shared = { apiBase: config?.apiBase, org: config?.org, token: config?.token };
    return html`
      <div part="usage" class="slot-area" ?hidden=${!panels && !this.filledSlots.has("usage")}>
        <slot name="usage" @slotchange=${this.#onSlotChange}>
          ${panels
            ? html`<usage-chart
                api-base=${shared.apiBase ?? nothing}
                org=${shared.org ?? nothing}
                .token=${shared.token}
                .client=${this.client}
                developer-id=${developer.id}
              ></usage-chart>`
            : nothing}
        </slot>
      </div>
      <div part="subscriptions" class="slot-area" ?hidden=${!panels && !this.filledSlots.has("subscriptions")}>
        <slot name="subscriptions" @slotchange=${this.#onSlotChange}>
          ${panels
            ? html`<subscription-table
                api-base=${shared.apiBase ?? nothing}
                org=${shared.org ?? nothing}
                .token=${shared.token}
                .client=${this.client}
                mode="admin"
                developer-id=${developer.id}
              ></subscription-table>`
            : nothing}
        </slot>
      </div>
    `;
  }

  /** Analytics on a key (from our table or one the page slotted) shows that key's usage. */
  readonly #showKeyUsage = (event: Event): void => {
    const keyId = (event as CustomEvent<{ keyId: string }>).detail?.keyId;
    const chart =
      this.renderRoot.querySelector<HTMLElement & { showKey(id?: string): void }>("usage-chart") ??
      this.querySelector<HTMLElement & { showKey(id?: string): void }>('usage-chart[slot="usage"]');
    if (!keyId || !chart) return;
    chart.showKey(keyId);
    chart.scrollIntoView?.({ block: "nearest" });
  };

  #renderOverview(developer: Developer): TemplateResult {
    const fields = Object.entries(developer.fields).sort(([a], [b]) => a.localeCompare(b, strings.locale));
    return html`
      <section part="overview" class="overview" aria-labelledby="profile-name">
        <div class="identity">
          <span part="avatar" class="avatar" aria-hidden="true">
            <span class="initials">${initials(developer)}</span>
            ${
              this.avatarFailed
                ? nothing
                : html`<img src=${developer.avatarUrl} alt="" referrerpolicy="no-referrer" @error=${() => (this.avatarFailed = true)} />`
            }
          </span>
          <h2 id="profile-name" part="name" class="name" dir="auto">${developer.name}</h2>
          <span part="status-badge" class=${developer.inactive ? "badge inactive" : "badge active"}>
            ${developer.inactive ? t.inactive : t.active}
          </span>
        </div>
        <dl part="details" class="details">
          <div>
            <dt>${t.labelEmail}</dt>
            <dd class="email"><span dir="ltr">${developer.email}</span></dd>
          </div>
          <div>
            <dt>${t.labelTelephone}</dt>
            <dd>${developer.telephone || t.notGiven}</dd>
          </div>
          <div>
            <dt>${t.labelCountry}</dt>
            <dd>${developer.country ? countryName(developer.country) : t.notGiven}</dd>
          </div>
          <div>
            <dt>${t.labelCreated}</dt>
            <dd><time datetime=${developer.createdAt}>${dateFormat().format(new Date(developer.createdAt))}</time></dd>
          </div>
          <div>
            <dt>${t.labelStatus}</dt>
            <dd>${developer.inactive ? t.inactive : t.active}</dd>
          </div>
        </dl>
        ${
          fields.length
            ? html`
                <h3 class="subheading">${t.customFields}</h3>
                <dl part="custom-fields" class="details">
                  ${fields.map(
                    ([key, value]) =>
                      html`<div>
                        <dt dir="auto">${key}</dt>
                        <dd dir="auto">${value}</dd>
                      </div>`,
                  )}
                </dl>
              `
            : nothing
        }
      </section>
    `;
  }

  #renderActions(): TemplateResult {
    const busy = this.busy !== undefined;
    const toggle = (panel: Panel, label: string, part: string) => html`
      <button
        part=${part}
        type="button"
        aria-expanded=${this.panel === panel ? "true" : "false"}
        aria-controls=${this.panel === panel ? `${panel}-panel` : nothing}
        ?disabled=${busy}
        @click=${() => this.#togglePanel(panel)}
      >
        ${label}
      </button>
    `;
    if (this.#isSelf) {
      return html`
        <div part="actions" class="actions">
          ${toggle("edit", t.editProfile, "edit-button")} ${toggle("password", t.changePassword, "password-button")}
          <button part="logout-button" type="button" ?disabled=${busy} @click=${this.#logout}>
            ${this.busy === "logout" ? t.loggingOut : t.logout}
          </button>
        </div>
      `;
    }
    return html`
      <div part="actions" class="actions">
        ${toggle("edit", t.edit, "edit-button")}
        <button part="reset-button" type="button" ?disabled=${busy} @click=${this.#sendReset}>
          ${this.busy === "reset" ? t.sendingReset : t.sendReset}
        </button>
        ${toggle("delete", t.delete, "delete-button")}
      </div>
    `;
  }

  #message(name: string, label: string): string | undefined {
    return this.fieldErrors[name] ? t.fieldError(label, this.fieldErrors[name]) : undefined;
  }

  #renderFormError(): TemplateResult | typeof nothing {
    return this.formError ? html`<p part="form-error" class="form-error" role="alert" tabindex="-1">${this.formError}</p>` : nothing;
  }

  #renderEditForm(developer: Developer): TemplateResult {
    const admin = !this.#isSelf;
    return html`
      <form
        id="edit-panel"
        part="edit-form"
        class="panel"
        novalidate
        aria-labelledby="edit-title"
        @submit=${this.#onSave}
        @input=${this.#onInput}
      >
        <h3 id="edit-title" class="subheading">${admin ? t.editTitle : t.editProfileTitle}</h3>
        <fieldset ?disabled=${this.busy === "save"}>
          <div class="grid">
            ${inputField({ name: "email", label: t.fieldEmail, type: "email", value: developer.email, required: true, error: this.#message("email", t.fieldEmail) })}
            ${inputField({ name: "name", label: t.fieldName, value: developer.name, required: true, error: this.#message("name", t.fieldName) })}
            ${inputField({ name: "telephone", label: t.fieldTelephone, type: "tel", value: developer.telephone, error: this.#message("telephone", t.fieldTelephone) })}
            ${countryField({ label: t.fieldCountry, noneLabel: t.fieldCountryNone, value: developer.country, error: this.#message("country", t.fieldCountry) })}
          </div>
          ${admin ? checkboxField({ name: "inactive", label: t.fieldInactive, checked: developer.inactive, error: this.#message("inactive", t.fieldInactive) }) : nothing}
          ${admin ? this.#renderFieldRows() : nothing}
        </fieldset>
        ${this.#renderFormError()} ${this.conflict ? this.#renderConflict() : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy === "save" || this.conflict}>
            ${this.busy === "save" ? t.saving : t.save}
          </button>
          <button type="button" @click=${() => this.#togglePanel("edit")}>${t.cancel}</button>
        </div>
      </form>
    `;
  }

  #renderFieldRows(): TemplateResult {
    return html`
      <fieldset part="custom-fields-editor" class="rows">
        <legend>${t.customFieldsLegend}</legend>
        ${
          this.rows.length
            ? html`<div class="row-head" aria-hidden="true"><span>${t.fieldKey}</span><span>${t.fieldValue}</span></div>`
            : html`<p class="hint">${t.customFieldsEmpty}</p>`
        }
        ${repeat(
          this.rows,
          (row) => row.id,
          (row, index) => {
            const error = this.fieldErrors[rowKeyName(row)];
            const errorId = `${fieldId(rowKeyName(row))}-error`;
            return html`
              <div class="row">
                <label class="visually-hidden" for=${fieldId(rowKeyName(row))}>${t.fieldKeyOf(index + 1)}</label>
                <input
                  id=${fieldId(rowKeyName(row))}
                  name=${rowKeyName(row)}
                  value=${row.key}
                  autocomplete="off"
                  spellcheck="false"
                  aria-invalid=${error ? "true" : nothing}
                  aria-describedby=${error ? errorId : nothing}
                />
                <label class="visually-hidden" for=${fieldId(rowValueName(row))}>${t.fieldValueOf(index + 1)}</label>
                <input
                  id=${fieldId(rowValueName(row))}
                  name=${rowValueName(row)}
                  value=${row.value}
                  autocomplete="off"
                  aria-invalid=${error ? "true" : nothing}
                  aria-describedby=${error ? errorId : nothing}
                />
                <button type="button" aria-label=${t.removeField(index + 1)} @click=${() => this.#removeRow(row)}>${t.remove}</button>
                ${error ? html`<p id=${errorId} part="field-error" class="field-error">${error}</p>` : nothing}
              </div>
            `;
          },
        )}
        ${this.fieldErrors.fields ? html`<p part="field-error" class="field-error">${t.fieldError(t.customFieldsLegend, this.fieldErrors.fields)}</p>` : nothing}
        <div><button type="button" class="add-field" @click=${this.#addRow}>${t.addField}</button></div>
      </fieldset>
    `;
  }

  #renderConflict(): TemplateResult {
    return html`
      <div part="conflict" class="conflict" role="alert" tabindex="-1">
        <p>${this.#isSelf ? t.conflictSelf : t.conflictAdmin}</p>
        <button part="reload" type="button" ?disabled=${this.#profile.status === TaskStatus.PENDING} @click=${this.#reloadAfterConflict}>
          ${t.reload}
        </button>
      </div>
    `;
  }

  #renderPasswordForm(): TemplateResult {
    return html`
      <form
        id="password-panel"
        part="password-form"
        class="panel"
        novalidate
        aria-labelledby="password-title"
        @submit=${this.#onChangePassword}
        @input=${this.#onInput}
      >
        <h3 id="password-title" class="subheading">${t.passwordTitle}</h3>
        <fieldset ?disabled=${this.busy === "password"}>
          ${inputField({
            name: "currentPassword",
            label: t.fieldCurrentPassword,
            type: "password",
            autocomplete: "current-password",
            required: true,
            error: this.#message("currentPassword", t.fieldCurrentPassword),
          })}
          ${inputField({
            name: "newPassword",
            label: t.fieldNewPassword,
            type: "password",
            autocomplete: "new-password",
            required: true,
            error: this.#message("newPassword", t.fieldNewPassword),
          })}
          ${inputField({
            name: "confirmPassword",
            label: t.fieldConfirmPassword,
            type: "password",
            autocomplete: "new-password",
            required: true,
            error: this.#message("confirmPassword", t.fieldConfirmPassword),
          })}
        </fieldset>
        ${this.#renderFormError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy === "password"}>
            ${this.busy === "password" ? t.passwordSaving : t.passwordSave}
          </button>
          <button type="button" @click=${() => this.#togglePanel("password")}>${t.cancel}</button>
        </div>
      </form>
    `;
  }

  #renderDeleteConfirm(developer: Developer): TemplateResult {
    return html`
      <div id="delete-panel" part="delete-confirm" class="panel confirm" role="group" aria-labelledby="delete-question">
        <p id="delete-question"><strong>${t.deleteQuestion(developer.name, developer.email)}</strong></p>
        <p>${t.deleteWarning}</p>
        ${this.#renderFormError()}
        <div class="actions">
          <button part="confirm-delete" class="danger" type="button" ?disabled=${this.busy === "delete"} @click=${this.#delete}>
            ${this.busy === "delete" ? t.deleting : t.deleteConfirm}
          </button>
          <button class="cancel" type="button" ?disabled=${this.busy === "delete"} @click=${() => this.#togglePanel("delete")}>
            ${t.cancel}
          </button>
        </div>
      </div>
    `;
  }

  #onSlotChange = (event: Event): void => {
    const slot = event.target as HTMLSlotElement;
    const filled = new Set(this.filledSlots);
    if (slot.assignedNodes({ flatten: true }).length) filled.add(slot.name);
    else filled.delete(slot.name);
    this.filledSlots = filled;
  };

  #closePanel(): void {
    this.panel = undefined;
    this.fieldErrors = {};
    this.formError = undefined;
    this.conflict = false;
  }

  async #togglePanel(panel: Panel): Promise<void> {
    const opening = this.panel !== panel;
    this.#closePanel();
    this.notice = undefined;
    if (!opening) {
      await this.updateComplete;
      this.#part(`${panel}-button`)?.focus();
      return;
    }
    this.panel = panel;
    if (panel === "edit") this.rows = this.#rowsOf(this.developer);
    await this.updateComplete;
    if (panel === "delete") this.renderRoot.querySelector<HTMLElement>("#delete-panel .cancel")?.focus();
    else this.renderRoot.querySelector<HTMLElement>(`#${panel}-panel input`)?.focus();
  }

  #part(name: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[part~="${name}"]`);
  }

  #rowsOf(developer: Developer | undefined): FieldRow[] {
    // In name order, as the overview lists them (the server keeps no order).
    return Object.entries(developer?.fields ?? {})
      .sort(([a], [b]) => a.localeCompare(b, strings.locale))
      .map(([key, value]) => ({ id: this.#nextRowId++, key, value }));
  }

  #addRow = async (): Promise<void> => {
    const row = { id: this.#nextRowId++, key: "", value: "" };
    this.rows = [...this.rows, row];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[name="${rowKeyName(row)}"]`)?.focus();
  };

  async #removeRow(row: FieldRow): Promise<void> {
    this.rows = this.rows.filter((other) => other !== row);
    const { [rowKeyName(row)]: _cleared, ...rest } = this.fieldErrors;
    this.fieldErrors = rest;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(".add-field")?.focus();
  }

  #onInput = (event: Event): void => {
    // Editing a field clears its message: it described the value that was sent.
    const name = (event.target as HTMLInputElement).name.replace(/^field-value-/, "field-key-");
    if (this.fieldErrors[name]) {
      const { [name]: _cleared, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  };

  /** The custom fields as typed, or the rows' own problems (a missing or repeated name). */
  #readRows(data: FormData): { fields: Record<string, string>; errors: Record<string, string> } {
    const fields: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const row of this.rows) {
      const key = String(data.get(rowKeyName(row)) ?? "").trim();
      const value = String(data.get(rowValueName(row)) ?? "");
      if (!key && !value.trim()) continue;
      if (!key) errors[rowKeyName(row)] = t.fieldError(t.fieldKey, t.fieldNameMissing);
      else if (Object.hasOwn(fields, key)) errors[rowKeyName(row)] = t.fieldError(key, t.fieldTwice);
      else fields[key] = value;
    }
    return { fields, errors };
  }

  /** The server names a custom field's problem `fields.<name>`: shown on the row with that name. */
  #rowErrorName(data: FormData, field: string): string | undefined {
    if (!field.startsWith("fields.")) return undefined;
    const key = field.slice("fields.".length);
    const row = this.rows.find((candidate) => String(data.get(rowKeyName(candidate)) ?? "").trim() === key);
    return row && rowKeyName(row);
  }

  #onSave = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const developer = this.developer;
    if (this.busy || !developer) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const patch: DeveloperUpdate & MeUpdate = {};
    if (text("email") !== developer.email) patch.email = text("email");
    if (text("name") !== developer.name) patch.name = text("name");
    if ((text("telephone") || null) !== developer.telephone) patch.telephone = text("telephone") || null;
    if ((text("country") || null) !== developer.country) patch.country = text("country") || null;
    this.fieldErrors = {};
    this.formError = undefined;
    if (!this.#isSelf) {
      if (data.has("inactive") !== developer.inactive) patch.inactive = data.has("inactive");
      const { fields, errors } = this.#readRows(data);
      if (Object.keys(errors).length) {
        this.fieldErrors = errors;
        await this.updateComplete;
        focusFirstField(this.renderRoot, Object.keys(errors), errors);
        return;
      }
      if (!sameFields(fields, developer.fields)) patch.fields = fields;
    }
    if (!Object.keys(patch).length) {
      // Nothing changed: nothing to send, and nothing that could conflict.
      await this.#togglePanel("edit");
      return;
    }

    this.busy = "save";
    let updated: Developer;
    try {
      const client = this.requireClient(this.porticoClient);
      updated = this.#isSelf
        ? await client.me.update(patch, { version: developer.version })
        : await client.developers.update(developer.id, patch, { version: developer.version });
    } catch (error) {
      this.busy = undefined;
      await this.#showSaveError(error, data);
      return;
    }
    this.busy = undefined;
    this.developer = updated;
    if (updated.avatarUrl !== developer.avatarUrl) this.avatarFailed = false;
    this.#closePanel();
    this.notice = { text: t.saved, failed: false };
    this.dispatchEvent(
      new CustomEvent<DeveloperUpdatedDetail>("portico-developer-updated", {
        detail: { developer: updated },
        bubbles: true,
        composed: true,
      }),
    );
    await this.updateComplete;
    this.#part("edit-button")?.focus();
  };

  async #showSaveError(error: unknown, data: FormData): Promise<void> {
    if (error instanceof PorticoError && error.status === 412) {
      this.conflict = true;
      await this.updateComplete;
      this.#part("conflict")?.focus();
      return;
    }
    const fieldNames: string[] = [...PROFILE_FIELDS];
    const { fields, others } = splitErrors(
      error,
      (name) => fieldNames.includes(name) || name === "fields" || this.#rowErrorName(data, name) !== undefined,
    );
    const errors: Record<string, string> = {};
    for (const [name, message] of Object.entries(fields)) {
      const row = this.#rowErrorName(data, name);
      if (row) errors[row] = t.fieldError(name.slice("fields.".length), message);
      else errors[name] = message;
    }
    this.fieldErrors = errors;
    if (others.length || !Object.keys(errors).length) this.formError = t.saveFailed(others.length ? others.join("; ") : errorDetail(error));
    // The fieldset must be enabled again before a field in it can take focus.
    await this.updateComplete;
    const order = [...fieldNames, ...this.rows.map(rowKeyName)];
    if (!focusFirstField(this.renderRoot, order, errors)) (this.#part("form-error") ?? this.#part("field-error"))?.focus();
  }

  #reloadAfterConflict = async (): Promise<void> => {
    this.#keepWhileLoading = true;
    await this.#profile.run();
    if (this.#profile.status !== TaskStatus.COMPLETE) return;
    // The edit form opens again on the fresh copy; what was typed is gone, as the message said.
    this.conflict = false;
    this.fieldErrors = {};
    this.formError = undefined;
    this.rows = this.#rowsOf(this.developer);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("#edit-panel input")?.focus();
  };

  #onChangePassword = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? "");
    this.fieldErrors = {};
    this.formError = undefined;
    if (value("newPassword") !== value("confirmPassword")) {
      // Checked here: the server only ever sees one copy of the new password.
      this.fieldErrors = { confirmPassword: t.mismatch };
      await this.updateComplete;
      focusFirstField(this.renderRoot, PASSWORD_FIELDS, this.fieldErrors);
      return;
    }
    this.busy = "password";
    try {
      await this.requireClient(this.porticoClient).me.changePassword({
        currentPassword: value("currentPassword"),
        newPassword: value("newPassword"),
      });
    } catch (error) {
      this.busy = undefined;
      const { fields, others } = splitErrors(error, (name) => (PASSWORD_FIELDS as readonly string[]).includes(name));
      this.fieldErrors = fields;
      if (others.length || !Object.keys(fields).length)
        this.formError = t.passwordFailed(others.length ? others.join("; ") : errorDetail(error));
      await this.updateComplete;
      if (!focusFirstField(this.renderRoot, PASSWORD_FIELDS, this.fieldErrors)) this.#part("form-error")?.focus();
      return;
    }
    this.busy = undefined;
    this.#closePanel();
    this.notice = { text: t.passwordChanged, failed: false };
    await this.updateComplete;
    this.#part("password-button")?.focus();
  };

  #sendReset = async (): Promise<void> => {
    const developer = this.developer;
    if (this.busy || !developer) return;
    this.busy = "reset";
    this.notice = undefined;
    try {
      await this.requireClient(this.porticoClient).passwordResets.sendFor(developer.id);
      this.notice = { text: t.resetSent(developer.email), failed: false };
    } catch (error) {
      this.notice = { text: t.resetFailed(errorDetail(error)), failed: true };
    }
    this.busy = undefined;
  };

  #delete = async (): Promise<void> => {
    const developer = this.developer;
    if (this.busy || !developer) return;
    this.busy = "delete";
    this.formError = undefined;
    try {
      await this.requireClient(this.porticoClient).developers.delete(developer.id);
    } catch (error) {
      this.busy = undefined;
      this.formError = t.deleteFailed(errorDetail(error));
      await this.updateComplete;
      this.#part("form-error")?.focus();
      return;
    }
    this.busy = undefined;
    this.#closePanel();
    this.deleted = developer.email;
    this.dispatchEvent(
      new CustomEvent<DeveloperDeletedDetail>("portico-developer-deleted", { detail: { id: developer.id }, bubbles: true, composed: true }),
    );
    await this.updateComplete;
    this.#part("deleted")?.focus();
  };

  #logout = async (): Promise<void> => {
    if (this.busy) return;
    this.busy = "logout";
    this.notice = undefined;
    let client;
    try {
      client = this.requireClient(this.porticoClient);
      await client.sessions.logout();
    } catch (error) {
      // A session the server already ended is as logged out as it gets.
      if (!isUnauthorized(error) || !client) {
        this.busy = undefined;
        this.notice = { text: t.logoutFailed(errorDetail(error)), failed: true };
        return;
      }
    }
    this.busy = undefined;
    this.#closePanel();
    this.loggedOut = true;
    this.developer = undefined;
    clearSession(client.options.baseUrl, client.org);
    this.dispatchEvent(new CustomEvent<LogoutDetail>("portico-logout", { detail: {}, bubbles: true, composed: true }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="logged-out"] .notice')?.focus();
  };
}
