import { html, nothing, type TemplateResult } from "lit";
import { property, query, state } from "lit/decorators.js";
import { PorticoError } from "../../sdk/errors.js";
import type { Login, Session } from "../../sdk/schemas/accounts.js";
import { errorDetail, focusFirstField, inputField, splitErrors } from "../shared/account-fields.js";
import { accountFieldStyles } from "../shared/account-fields.styles.js";
import { PorticoElement } from "../shared/portico-element.js";
import { onSessionChange, sessionKey, setSession } from "../shared/session-store.js";
import { strings } from "../shared/strings.js";
import { tokens } from "../shared/styles.js";
import { styles } from "./login-form.styles.js";

export interface LoginDetail {
  /** The new session, token included (also kept for the page's other tags). */
  session: Session;
}
export type LoginEvent = CustomEvent<LoginDetail>;

export interface PasswordResetOpenDetail {
  /** What the email field held when the reset form was asked for (may be empty). */
  email: string;
}
export type PasswordResetOpenEvent = CustomEvent<PasswordResetOpenDetail>;

const FIELDS = ["email", "password"] as const;
type Field = (typeof FIELDS)[number];

const t = strings.loginForm;

function isField(name: string): name is Field {
  return (FIELDS as readonly string[]).includes(name);
}

/**
 * @tag login-form
 * @summary Email and password login for a developer (or, with `account-role="admin"`, an org admin).
 *
 * On success the session is kept for the page's other tags (see `session-store.ts`): in memory
 * and, unless `session-storage="off"`, in this tab's `sessionStorage`. The server also sets its
 * session cookie, which same-site pages may rely on instead.
 *
 * @attr api-base - The Portico server's URL; defaults to the origin this script came from.
 * @attr org - The organisation's slug.
 * @attr account-role - `admin` logs in an org admin; anything else (the default) a developer.
 * @attr session-storage - `off` keeps the session in memory only (gone on reload).
 *
 * @slot reset-link - Replaces the "Forgot your password?" link. A `<button>` placed here still opens
 *   the reset form; a link (`<a href>`) goes where it points.
 *
 * @event {LoginEvent} portico-login - Logged in; `detail.session` is the session (token, role, expiry, profile).
 * @event {PasswordResetOpenEvent} portico-password-reset-open - The reset form replaced the login form; `detail.email` is what was typed.
 *
 * @csspart form - The login form.
 * @csspart field-error - A message beside the field it concerns.
 * @csspart form-error - A message about the whole form (wrong credentials, throttled, inactive, network).
 * @csspart submit - The login button.
 * @csspart reset-link - The "Forgot your password?" link.
 * @csspart reset - The box holding `<reset-password-form>` and the back button.
 * @csspart back - The "Back to login" button.
 * @csspart success - The "You are logged in" message that replaces the form.
 *
 * @cssprop --portico-color-text - Text colour.
 * @cssprop --portico-color-muted - Secondary text colour.
 * @cssprop --portico-color-background - Background colour.
 * @cssprop --portico-color-surface - Background of the success message.
 * @cssprop --portico-color-border - Border colour.
 * @cssprop --portico-color-primary - Colour of the login button and links.
 * @cssprop --portico-color-on-primary - Text on the login button.
 * @cssprop --portico-color-danger - Error colour.
 * @cssprop --portico-color-focus - Focus ring colour.
 * @cssprop --portico-font-family - Font.
 * @cssprop --portico-font-size - Base font size.
 * @cssprop --portico-radius - Corner radius.
 * @cssprop --portico-spacing - Base spacing unit.
 */
export class LoginForm extends PorticoElement {
  static override styles = [tokens, accountFieldStyles, styles];

  /** Not `role`: that is the element's ARIA role, and accessibility checkers read it as one. */
  @property({ attribute: "account-role" }) loginRole?: string;
  @property({ attribute: "session-storage" }) sessionStorageMode?: string;

  @state() private submitting = false;
  @state() private fieldErrors: Partial<Record<Field, string>> = {};
  @state() private formError?: string;
  @state() private resetOpen = false;
  /** The session this form logged in, shown until it is cleared (logout elsewhere on the page). */
  @state() private session?: Session;

  @query("form") private form?: HTMLFormElement;

  #unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = onSessionChange(({ apiBase, org, session }) => {
      // A logout elsewhere on the page brings the form back.
      const client = this.porticoClient;
      if (session || !this.session || !client) return;
      if (sessionKey(apiBase, org) === sessionKey(client.options.baseUrl, client.org)) this.session = undefined;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  override render(): TemplateResult {
    if (this.resetOpen) return this.#renderReset();
    if (this.session) {
      const who = this.session.developer?.email ?? this.session.admin?.email ?? "";
      return html`<p part="success" class="notice" role="status">${t.loggedIn(who)}</p>`;
    }
    const errors = this.fieldErrors;
    const message = (field: Field, label: string) => (errors[field] ? t.fieldError(label, errors[field]) : undefined);
    return html`
      <form part="form" aria-label=${t.formLabel} novalidate @submit=${this.#onSubmit} @input=${this.#onInput}>
        <fieldset ?disabled=${this.submitting}>
          ${inputField({ name: "email", label: t.fieldEmail, type: "email", autocomplete: "username", required: true, error: message("email", t.fieldEmail) })}
          ${inputField({
            name: "password",
            label: t.fieldPassword,
            type: "password",
            autocomplete: "current-password",
            required: true,
            error: message("password", t.fieldPassword),
          })}
        </fieldset>
        ${this.formError ? html`<p part="form-error" class="form-error" role="alert" tabindex="-1">${this.formError}</p>` : nothing}
        <div class="actions">
          <button part="submit" class="primary" type="submit" ?disabled=${this.submitting}>
            ${this.submitting ? t.submitting : t.submit}
          </button>
          <slot name="reset-link" @click=${this.#onResetLinkClick}>
            <button part="reset-link" class="link" type="button">${t.forgotPassword}</button>
          </slot>
        </div>
      </form>
    `;
  }

  #renderReset(): TemplateResult {
    const client = this.client;
    const config = this.config;
    // The reset form gets the same server and organisation (or the same ready client, in stories).
    return html`
      <section part="reset" class="reset" aria-label=${t.resetRegion} tabindex="-1">
        <reset-password-form
          org=${config?.org ?? client?.org ?? nothing}
          api-base=${config?.apiBase ?? client?.options.baseUrl ?? nothing}
          .client=${client}
        ></reset-password-form>
        <button part="back" class="link" type="button" @click=${this.#closeReset}>${t.backToLogin}</button>
      </section>
    `;
  }

  get #role(): "admin" | "developer" {
    return this.loginRole === "admin" ? "admin" : "developer";
  }

  #onResetLinkClick = (event: MouseEvent): void => {
    // A host's own link in the slot navigates as links do.
    const origin = event.composedPath()[0];
    if (origin instanceof Element && origin.closest("a[href]")) return;
    void this.#openReset();
  };

  async #openReset(): Promise<void> {
    const email = String(new FormData(this.form).get("email") ?? "").trim();
    this.resetOpen = true;
    this.dispatchEvent(
      new CustomEvent<PasswordResetOpenDetail>("portico-password-reset-open", { detail: { email }, bubbles: true, composed: true }),
    );
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="reset"]')?.focus();
  }

  #closeReset = async (): Promise<void> => {
    this.resetOpen = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="reset-link"]')?.focus();
  };

  #onInput = (event: Event): void => {
    // Editing a field clears its message: it described the value that was sent.
    const name = (event.target as HTMLInputElement).name;
    if (isField(name) && this.fieldErrors[name]) {
      const { [name]: _cleared, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  };

  #onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.submitting) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const input: Login = { email: String(data.get("email") ?? "").trim(), password: String(data.get("password") ?? ""), role: this.#role };
    this.submitting = true;
    this.fieldErrors = {};
    this.formError = undefined;
    let session: Session;
    const client = this.porticoClient;
    try {
      session = await this.requireClient(client).sessions.login(input);
    } catch (error) {
      this.submitting = false;
      this.#showError(error);
      // The fieldset must be enabled again before a field in it can take focus.
      await this.updateComplete;
      if (!focusFirstField(this.renderRoot, FIELDS, this.fieldErrors)) {
        this.renderRoot.querySelector<HTMLElement>('[part~="form-error"]')?.focus();
      }
      return;
    }
    this.submitting = false;
    setSession(client!.options.baseUrl, client!.org, session, { persist: this.sessionStorageMode !== "off" });
    this.session = session;
    this.dispatchEvent(new CustomEvent<LoginDetail>("portico-login", { detail: { session }, bubbles: true, composed: true }));
  };

  #showError(error: unknown): void {
    if (error instanceof PorticoError) {
      if (error.status === 401) return void (this.formError = t.badCredentials);
      if (error.status === 429) return void (this.formError = t.throttled(error.detail));
      if (error.status === 403 && error.type.endsWith(":inactive")) return void (this.formError = t.inactive);
    }
    const { fields, others } = splitErrors(error, isField);
    this.fieldErrors = fields;
    if (others.length || !Object.keys(fields).length) this.formError = t.failed(others.length ? others.join("; ") : errorDetail(error));
  }
}
