import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type TemplateResult } from "lit";
import { property, query, state } from "lit/decorators.js";
import { COUNTRY_CODES } from "../../sdk/countries.js";
import { PorticoError } from "../../sdk/errors.js";
import type { Developer, DeveloperCreate, DeveloperPage } from "../../sdk/schemas/developers.js";
import { perLocale } from "../shared/locale.js";
import { PorticoElement } from "../shared/portico-element.js";
import { strings } from "../shared/strings.js";
import { tokens } from "../shared/styles.js";
import { styles } from "./developer-list.styles.js";
import { loadFailedView, loadingView } from "../shared/states.js";

export interface DeveloperSelectDetail {
  developer: Developer;
}

export type DeveloperSelectEvent = CustomEvent<DeveloperSelectDetail>;

/** Long enough to skip the requests of a word being typed, short enough to feel live. */
export const SEARCH_DEBOUNCE_MS = 250;

const FORM_FIELDS = ["email", "name", "telephone", "country", "inactive"] as const;
type FormField = (typeof FORM_FIELDS)[number];

const t = strings.developerList;
const regionNames = perLocale((locale) => new Intl.DisplayNames([locale], { type: "region", fallback: "code" }));
const dateFormat = perLocale((locale) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }));

/** Every assigned country, by name in the UI's locale (built on first use). */
const countries = perLocale((locale) =>
  COUNTRY_CODES.map((code) => ({ code, name: regionNames().of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, locale)),
);

function initials(developer: Developer): string {
  const words = developer.name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words.length ? [words[0]!] : [developer.email];
  return letters.map((word) => [...word][0]!.toLocaleUpperCase(strings.locale)).join("");
}

function isFormField(name: string): name is FormField {
  return (FORM_FIELDS as readonly string[]).includes(name);
}

/**
 * @tag developer-list
 * @summary A searchable, paged table of an organisation's developers, with a form to add one.
 *
 * @attr api-base - The Portico server's URL; defaults to the origin this script came from.
 * @attr org - The organisation's slug.
 * @attr token - An admin session token; without it, the admin's session cookie (same-site pages). An org
 *   API key belongs on servers, not in public pages.
 * @attr page-size - Developers per page, 1 to 100 (default 25).
 *
 * @event {DeveloperSelectEvent} portico-developer-select - A row was chosen by click, Enter or Space; `detail.developer` is the developer.
 *
 * @csspart toolbar - The bar holding the search field and the add button.
 * @csspart search - The email search field.
 * @csspart add-button - The button that opens the add form.
 * @csspart add-form - The form that adds a developer.
 * @csspart field-error - A field's message from the server.
 * @csspart form-error - A message about the whole form (network failure, unknown field).
 * @csspart loading - The loading message.
 * @csspart empty - The message shown when no developer matches.
 * @csspart error - The load failure box; holds the retry button.
 * @csspart retry - The retry button.
 * @csspart table - The developers table.
 * @csspart row - A developer's row (also `row-selected` on the chosen one).
 * @csspart avatar - A developer's picture, or initials when there is none.
 * @csspart status-badge - The active / inactive badge.
 * @csspart pagination - The Previous / Next bar.
 * @csspart previous - The Previous button.
 * @csspart next - The Next button.
 *
 * @cssprop --portico-color-text - Text colour.
 * @cssprop --portico-color-muted - Secondary text colour.
 * @cssprop --portico-color-background - Background colour.
 * @cssprop --portico-color-surface - Background of rows on hover and of the form.
 * @cssprop --portico-color-border - Border colour.
 * @cssprop --portico-color-primary - Colour of the main buttons and the selected row.
 * @cssprop --portico-color-on-primary - Text on primary buttons.
 * @cssprop --portico-color-danger - Error colour.
 * @cssprop --portico-color-success - Colour of the active badge.
 * @cssprop --portico-color-focus - Focus ring colour.
 * @cssprop --portico-font-family - Font.
 * @cssprop --portico-font-size - Base font size.
 * @cssprop --portico-radius - Corner radius.
 * @cssprop --portico-spacing - Base spacing unit.
 */
export class DeveloperList extends PorticoElement {
  protected override get sessionRole(): "admin" {
    return "admin";
  }

  static override styles = [tokens, styles];

  @property({ type: Number, attribute: "page-size" }) pageSize = 25;

  /** The email prefix searched for, once typing pauses. */
  @state() private query = "";
  /** The cursor of every page walked through so far; the last is the page shown (`undefined`: the first). */
  @state() private cursors: (string | undefined)[] = [undefined];
  @state() private formOpen = false;
  @state() private saving = false;
  @state() private fieldErrors: Partial<Record<FormField, string>> = {};
  @state() private formError?: string;
  @state() private announcement = "";
  @state() private selectedId?: string;

  @query("form") private form?: HTMLFormElement;
  @query('[part~="add-button"]') private addButton?: HTMLButtonElement;

  #searchTimer?: ReturnType<typeof setTimeout>;
  /** Avatar URLs that failed (Gravatar answers 404 when there is no picture): show initials. */
  #failedAvatars = new Set<string>();

  #developers = new Task(this, {
    args: () => [this.porticoClient, this.query, this.cursors.at(-1), this.#limit] as const,
    // A new run aborts the previous one's signal, so stale searches stop at the network.
    task: ([client, email, cursor, limit], { signal }) =>
      this.requireClient(client).developers.list({ email: email || undefined, cursor, limit }, { signal }),
  });

  get #limit(): number {
    const size = Math.trunc(this.pageSize);
    return Number.isFinite(size) ? Math.min(100, Math.max(1, size)) : 25;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
  }

  /** Loads the shown page again (the error state's Retry does this). */
  reload(): void {
    void this.#developers.run();
  }

  override render(): TemplateResult {
    return html`
      <div class="toolbar" part="toolbar">
        <label class="search">
          <span class="label">${t.searchLabel}</span>
          <input
            part="search"
            type="search"
            name="search"
            autocomplete="off"
            spellcheck="false"
            placeholder=${t.searchPlaceholder}
            @input=${this.#onSearchInput}
            @keydown=${this.#onSearchKeydown}
          />
        </label>
        <button
          part="add-button"
          class="primary"
          type="button"
          aria-expanded=${this.formOpen ? "true" : "false"}
          aria-controls=${this.formOpen ? "add-form" : nothing}
          @click=${this.#toggleForm}
        >
          ${t.addDeveloper}
        </button>
      </div>
      ${this.formOpen ? this.#renderForm() : nothing}
      <div class="visually-hidden" role="status">${this.announcement}</div>
      ${this.#renderDevelopers()}
    `;
  }

  #renderDevelopers(): TemplateResult {
    const task = this.#developers;
    switch (task.status) {
      case TaskStatus.INITIAL:
      case TaskStatus.PENDING:
        // Keep the last page on screen while the next one loads, so the table does not flash.
        return task.value ? this.#renderPage(task.value, true) : loadingView(t.loading);
      case TaskStatus.ERROR:
        return this.#renderError(task.error);
      case TaskStatus.COMPLETE:
        return this.#renderPage(task.value!, false);
    }
  }

  #renderError(error: unknown): TemplateResult {
    const detail = error instanceof Error ? error.message : String(error);
    return loadFailedView(t.loadFailed, detail, t.retry, () => this.reload());
  }

  #renderPage(page: DeveloperPage, busy: boolean): TemplateResult {
    const body = page.items.length
      ? html`
          <table part="table">
            <caption class="visually-hidden">
              ${t.caption}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t.columnName}</th>
                <th scope="col">${t.columnEmail}</th>
                <th scope="col">${t.columnCountry}</th>
                <th scope="col">${t.columnCreated}</th>
                <th scope="col">${t.columnStatus}</th>
              </tr>
            </thead>
            <tbody>
              ${page.items.map((developer) => this.#renderRow(developer))}
            </tbody>
          </table>
        `
      : html`<p part="empty" class="empty">${this.query ? t.emptySearch(this.query) : t.empty}</p>`;
    return html`
      <div class="results" aria-busy=${busy ? "true" : "false"}>${body}</div>
      ${this.#renderPagination(page)}
    `;
  }

  #renderRow(developer: Developer): TemplateResult {
    const selected = developer.id === this.selectedId;
    const created = new Date(developer.createdAt);
    return html`
      <tr
        part=${selected ? "row row-selected" : "row"}
        tabindex="0"
        data-id=${developer.id}
        aria-current=${selected ? "true" : nothing}
        @click=${() => this.#select(developer)}
        @keydown=${(event: KeyboardEvent) => this.#onRowKeydown(event, developer)}
      >
        <td>
          <span class="who">
            <span part="avatar" class="avatar" aria-hidden="true">
              <span class="initials">${initials(developer)}</span>
              ${
                this.#failedAvatars.has(developer.avatarUrl)
                  ? nothing
                  : html`<img
                      src=${developer.avatarUrl}
                      alt=""
                      loading="lazy"
                      referrerpolicy="no-referrer"
                      @error=${() => this.#avatarFailed(developer.avatarUrl)}
                    />`
              }
            </span>
            <span class="name" dir="auto">${developer.name}</span>
          </span>
        </td>
        <td class="email"><span dir="ltr">${developer.email}</span></td>
        <td>${developer.country ? regionNames().of(developer.country) : t.noCountry}</td>
        <td><time datetime=${developer.createdAt}>${dateFormat().format(created)}</time></td>
        <td>
          <span part="status-badge" class=${developer.inactive ? "badge inactive" : "badge active"}>
            ${developer.inactive ? t.inactive : t.active}
          </span>
        </td>
      </tr>
    `;
  }

  #renderPagination(page: DeveloperPage): TemplateResult | typeof nothing {
    const hasPrevious = this.cursors.length > 1;
    if (!hasPrevious && !page.nextCursor) return nothing;
    return html`
      <nav part="pagination" aria-label=${t.pagination}>
        <button part="previous" type="button" ?disabled=${!hasPrevious} @click=${this.#previousPage}>${t.previous}</button>
        <span class="page">${t.page(this.cursors.length)}</span>
        <button part="next" type="button" ?disabled=${!page.nextCursor} @click=${() => this.#nextPage(page)}>${t.next}</button>
      </nav>
    `;
  }

  #renderForm(): TemplateResult {
    const errors = this.fieldErrors;
    const invalid = (field: FormField) => (errors[field] ? "true" : nothing);
    const describedBy = (field: FormField) => (errors[field] ? `${field}-error` : nothing);
    const error = (field: FormField, label: string) =>
      errors[field]
        ? html`<p id="${field}-error" part="field-error" class="field-error">${t.fieldError(label, errors[field])}</p>`
        : nothing;
    return html`
      <form id="add-form" part="add-form" novalidate @submit=${this.#onSubmit} @input=${this.#onFormInput}>
        <fieldset ?disabled=${this.saving}>
          <legend>${t.addFormTitle}</legend>
          <div class="field">
            <label class="label" for="email">${t.fieldEmail}</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="off"
              required
              aria-invalid=${invalid("email")}
              aria-describedby=${describedBy("email")}
            />
            ${error("email", t.fieldEmail)}
          </div>
          <div class="field">
            <label class="label" for="name">${t.fieldName}</label>
            <input
              id="name"
              name="name"
              type="text"
              autocomplete="off"
              required
              aria-invalid=${invalid("name")}
              aria-describedby=${describedBy("name")}
            />
            ${error("name", t.fieldName)}
          </div>
          <div class="field">
            <label class="label" for="telephone">${t.fieldTelephone}</label>
            <input
              id="telephone"
              name="telephone"
              type="tel"
              autocomplete="off"
              aria-invalid=${invalid("telephone")}
              aria-describedby=${describedBy("telephone")}
            />
            ${error("telephone", t.fieldTelephone)}
          </div>
          <div class="field">
            <label class="label" for="country">${t.fieldCountry}</label>
            <select id="country" name="country" aria-invalid=${invalid("country")} aria-describedby=${describedBy("country")}>
              <option value="">${t.fieldCountryNone}</option>
              ${countries().map(({ code, name }) => html`<option value=${code}>${name}</option>`)}
            </select>
            ${error("country", t.fieldCountry)}
          </div>
          <div class="field checkbox">
            <input
              id="inactive"
              name="inactive"
              type="checkbox"
              aria-invalid=${invalid("inactive")}
              aria-describedby=${describedBy("inactive")}
            />
            <label for="inactive">${t.fieldInactive}</label>
            ${error("inactive", t.fieldInactive)}
          </div>
        </fieldset>
        ${this.formError ? html`<p part="form-error" class="form-error" role="alert" tabindex="-1">${this.formError}</p>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.saving}>${this.saving ? t.saving : t.save}</button>
          <button type="button" @click=${this.#closeForm}>${t.cancel}</button>
        </div>
      </form>
    `;
  }

  #onSearchInput = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#search(value), SEARCH_DEBOUNCE_MS);
  };

  #onSearchKeydown = (event: KeyboardEvent): void => {
    if (event.key !== "Enter") return;
    clearTimeout(this.#searchTimer);
    this.#search((event.target as HTMLInputElement).value.trim());
  };

  #search(value: string): void {
    if (value === this.query) return;
    this.query = value;
    this.cursors = [undefined];
  }

  #nextPage(page: DeveloperPage): void {
    // While a page loads the old one stays on screen: its cursor must not be pushed twice.
    if (this.#developers.status === TaskStatus.PENDING || !page.nextCursor) return;
    this.cursors = [...this.cursors, page.nextCursor];
  }

  #previousPage = (): void => {
    if (this.#developers.status === TaskStatus.PENDING || this.cursors.length <= 1) return;
    this.cursors = this.cursors.slice(0, -1);
  };

  #select(developer: Developer): void {
    this.selectedId = developer.id;
    this.dispatchEvent(
      new CustomEvent<DeveloperSelectDetail>("portico-developer-select", { detail: { developer }, bubbles: true, composed: true }),
    );
  }

  #onRowKeydown(event: KeyboardEvent, developer: Developer): void {
    const row = event.currentTarget as HTMLTableRowElement;
    if (event.target !== row) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      this.#select(developer);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = event.key === "ArrowDown" ? row.nextElementSibling : row.previousElementSibling;
      (next as HTMLElement | null)?.focus();
    }
  }

  #avatarFailed(url: string): void {
    this.#failedAvatars.add(url);
    this.requestUpdate();
  }

  #toggleForm = async (): Promise<void> => {
    if (this.formOpen) return this.#closeForm();
    this.formOpen = true;
    await this.updateComplete;
    this.form?.querySelector<HTMLInputElement>("[name=email]")?.focus();
  };

  #closeForm = async (): Promise<void> => {
    this.formOpen = false;
    this.fieldErrors = {};
    this.formError = undefined;
    await this.updateComplete;
    this.addButton?.focus();
  };

  #onFormInput = (event: Event): void => {
    // Editing a field clears its message: it described the value that was sent.
    const name = (event.target as HTMLInputElement).name;
    if (isFormField(name) && this.fieldErrors[name]) {
      const { [name]: _cleared, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  };

  #onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.saving) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: FormField) => String(data.get(name) ?? "").trim();
    const input: DeveloperCreate = {
      email: text("email"),
      name: text("name"),
      telephone: text("telephone") || undefined,
      country: text("country") || undefined,
      inactive: data.has("inactive"),
    };
    this.saving = true;
    this.fieldErrors = {};
    this.formError = undefined;
    let developer: Developer;
    try {
      developer = await this.requireClient(this.porticoClient).developers.create(input);
    } catch (error) {
      this.saving = false;
      this.#showFormError(error);
      // The fieldset must be enabled again before a field in it can take focus.
      await this.updateComplete;
      this.#focusFirstError();
      return;
    }
    this.saving = false;
    form.reset();
    this.announcement = t.added(developer.email);
    // Back to the first page of the current search, where the new developer sorts in.
    this.cursors = [undefined];
    this.reload();
    await this.#closeForm();
  };

  #showFormError(error: unknown): void {
    const fieldErrors: Partial<Record<FormField, string>> = {};
    const others: string[] = [];
    if (error instanceof PorticoError) {
      for (const [field, message] of Object.entries(error.errors)) {
        if (isFormField(field)) fieldErrors[field] = message;
        else others.push(`${field} ${message}`);
      }
    }
    this.fieldErrors = fieldErrors;
    if (others.length || !Object.keys(fieldErrors).length) {
      const detail = others.length ? others.join("; ") : error instanceof Error ? error.message : String(error);
      this.formError = `${t.formFailed} ${detail}`;
    }
  }

  #focusFirstError(): void {
    const field = FORM_FIELDS.find((name) => this.fieldErrors[name]);
    const target = field
      ? this.form?.querySelector<HTMLElement>(`[name="${field}"]`)
      : this.renderRoot.querySelector<HTMLElement>('[part~="form-error"]');
    target?.focus();
  }
}
