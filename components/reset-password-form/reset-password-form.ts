import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { PorticoError } from "../../sdk/errors.js";
import type { PublicOrg } from "../../sdk/schemas/orgs.js";
import { PorticoElement, type PorticoConfig } from "../shared/portico-element.js";
import { strings } from "../shared/strings.js";
import { tokens } from "../shared/styles.js";
import { passwordStrength } from "./password-strength.js";
import { styles } from "./reset-password-form.styles.js";

/** `portico-password-reset` carries nothing: the page only needs to know it happened. */
export type PasswordResetDetail = Record<string, never>;
export type PasswordResetEvent = CustomEvent<PasswordResetDetail>;

export interface PasswordResetRequestedDetail {
  /** The address typed, trimmed; whether it has an account is not known here. */
  email: string;
}
export type PasswordResetRequestedEvent = CustomEvent<PasswordResetRequestedDetail>;

/** The design's floor (sdk/schemas/common.ts, not imported: it would bring zod into the bundle). */
const DEFAULT_PASSWORD_MIN_LENGTH = 6;

const FIELDS = ["email", "newPassword", "confirmPassword"] as const;
type Field = (typeof FIELDS)[number];

type Phase = "form" | "busy" | "done";

const t = strings.resetPasswordForm;

function isField(name: string): name is Field {
  return (FIELDS as readonly string[]).includes(name);
}

/** This page without its query or fragment: the mailed link comes back here with `?token=`. */
function currentPageUrl(): string {
  const url = new URL(location.href);
  url.search = "";
  url.hash = "";
  return url.toString();
}

/**
 * @tag reset-password-form
 * @summary The forgotten-password flow: asks for the email to mail a reset link to, and on the page
 * that link opens, sets the new password.
 *
 * Without a reset token it shows the request form; with one (the `token` attribute, or `?token=` in
 * the page's URL, as the mailed link has it) it shows the new-password form. Needs no login: only
 * `api-base` and `org`.
 *
 * @attr api-base - The Portico server's URL; defaults to the origin this script came from.
 * @attr org - The organisation's slug.
 * @attr token - The reset token from the mailed link; read from `?token=` in the page's URL when not
 *   given. Here it is never sent as a credential.
 * @attr reset-url - The page the mailed link opens (its origin must be allowed for the organisation);
 *   defaults to this page without its query.
 * @attr login-url - Where the "Log in" link of the success message goes; no link without it.
 *
 * @event {PasswordResetRequestedEvent} portico-password-reset-requested - A reset email was requested; `detail.email` is the address typed.
 * @event {PasswordResetEvent} portico-password-reset - The new password was saved; `detail` is `{}`.
 *
 * @csspart title - The form's heading.
 * @csspart form - Either form (also `request-form` or `confirm-form`).
 * @csspart hint - The minimum length under the new password.
 * @csspart strength - The strength hint (its `data-level` is `too-short`, `weak`, `fair` or `strong`).
 * @csspart strength-meter - The three-segment bar of the strength hint.
 * @csspart field-error - A message beside the field it concerns.
 * @csspart form-error - A message about the whole form (throttled, network failure).
 * @csspart token-error - The box saying the reset link is not valid, used or expired.
 * @csspart request-link - The "Request a new link" button in that box.
 * @csspart submit - The form's submit button.
 * @csspart confirmation - The "if an account exists…" message after a request.
 * @csspart another-email - The button that goes back to the request form.
 * @csspart success - The message after the new password was saved.
 * @csspart login-link - The "Log in" link in the success message.
 * @csspart loading - The loading message.
 * @csspart error - The load failure box; holds the retry button.
 * @csspart retry - The retry button.
 *
 * @cssprop --portico-color-text - Text colour.
 * @cssprop --portico-color-muted - Secondary text colour.
 * @cssprop --portico-color-background - Background colour.
 * @cssprop --portico-color-surface - Background of the messages.
 * @cssprop --portico-color-border - Border colour.
 * @cssprop --portico-color-primary - Colour of the main buttons and links.
 * @cssprop --portico-color-on-primary - Text on primary buttons.
 * @cssprop --portico-color-danger - Error colour, and a weak password's.
 * @cssprop --portico-color-success - Colour of the success message and a strong password's.
 * @cssprop --portico-color-focus - Focus ring colour.
 * @cssprop --portico-font-family - Font.
 * @cssprop --portico-font-size - Base font size.
 * @cssprop --portico-radius - Corner radius.
 * @cssprop --portico-spacing - Base spacing unit.
 */
export class ResetPasswordForm extends PorticoElement {
  static override styles = [tokens, styles];

  @property({ attribute: "reset-url" }) resetUrl?: string;
  @property({ attribute: "login-url" }) loginUrl?: string;

  @state() private phase: Phase = "form";
  /** "Request a new link" sets this: the token at hand is spent, whatever the page says. */
  @state() private tokenSetAside = false;
  @state() private requestedEmail = "";
  @state() private newPassword = "";
  @state() private fieldErrors: Partial<Record<Field, string>> = {};
  @state() private tokenError?: string;
  @state() private formError?: string;

  /** `?token=` of the page's URL when this tag was first connected (a mailed link's). */
  #pageToken?: string;
  #pageTokenRead = false;

  #org = new Task(this, {
    args: () => [this.porticoClient, this.#resetToken !== undefined] as const,
    // Only the new-password form needs the org (its minimum length); the request form loads nothing.
    task: async ([client, confirming], { signal }): Promise<PublicOrg | undefined> => {
      const ready = this.requireClient(client);
      return confirming ? ready.orgs.get({ signal }) : undefined;
    },
  });

  /** The `token` attribute is the reset token here, not a session: every call is anonymous. */
  protected override get config(): PorticoConfig | undefined {
    const config = super.config;
    return config && { apiBase: config.apiBase, org: config.org };
  }

  /** The reset token in use, or `undefined` when the request form shows. */
  get #resetToken(): string | undefined {
    if (this.tokenSetAside) return undefined;
    return this.token || this.#pageToken || undefined;
  }

  get #minLength(): number {
    return this.#org.value?.passwordMinLength ?? DEFAULT_PASSWORD_MIN_LENGTH;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#pageTokenRead) {
      this.#pageTokenRead = true;
      this.#pageToken = new URLSearchParams(location.search).get("token") || undefined;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new token from the host starts the flow over.
    if (changed.has("token") && this.hasUpdated) this.#startOver();
  }

  override render(): TemplateResult {
    if (this.#org.status === TaskStatus.ERROR) return this.#renderLoadError(this.#org.error);
    return this.#resetToken === undefined ? this.#renderRequest() : this.#renderConfirm();
  }

  #renderLoadError(error: unknown): TemplateResult {
    const detail = error instanceof Error ? error.message : String(error);
    return html`
      <div part="error" class="error" role="alert">
        ${this.#resetToken !== undefined ? html`<p><strong>${t.loadFailed}</strong></p>` : nothing}
        <p>${detail}</p>
        <button part="retry" type="button" @click=${() => void this.#org.run()}>${t.retry}</button>
      </div>
    `;
  }

  #renderRequest(): TemplateResult {
    if (this.phase === "done") {
      return html`
        <div class="done">
          <h2 part="title" class="title">${t.requestTitle}</h2>
          <p part="confirmation" class="confirmation" role="status" tabindex="-1">${t.requested(this.requestedEmail)}</p>
          <button part="another-email" type="button" @click=${this.#useAnotherEmail}>${t.useAnotherEmail}</button>
        </div>
      `;
    }
    const busy = this.phase === "busy";
    return html`
      <form part="form request-form" novalidate aria-labelledby="title" @submit=${this.#onRequest} @input=${this.#onInput}>
        <h2 id="title" part="title" class="title">${t.requestTitle}</h2>
        <p class="intro">${t.requestIntro}</p>
        <div class="field">
          <label class="label" for="email">${t.fieldEmail}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            spellcheck="false"
            required
            .value=${this.requestedEmail}
            aria-invalid=${this.fieldErrors.email ? "true" : nothing}
            aria-describedby="email-error"
          />
          ${this.#fieldError("email")}
        </div>
        ${this.#renderFormError()}
        <div class="actions">
          <button part="submit" class="primary" type="submit" ?disabled=${busy}>${busy ? t.sending : t.send}</button>
        </div>
      </form>
    `;
  }

  #renderConfirm(): TemplateResult {
    if (this.phase === "done") {
      return html`
        <div part="success" class="done success" role="status">
          <h2 part="title" class="title" tabindex="-1">${t.success}</h2>
          <p>${t.successDetail}</p>
          ${this.loginUrl ? html`<a part="login-link" class="login-link" href=${this.loginUrl}>${t.logIn}</a>` : nothing}
        </div>
      `;
    }
    // The minimum comes from the org; until it is known the form would state a wrong rule.
    if (this.#org.value === undefined) return html`<p part="loading" class="loading" role="status">${t.loading}</p>`;
    const busy = this.phase === "busy";
    const min = this.#minLength;
    const strength = passwordStrength(this.newPassword, min);
    return html`
      <form part="form confirm-form" novalidate aria-labelledby="title" @submit=${this.#onConfirm} @input=${this.#onInput}>
        <h2 id="title" part="title" class="title">${t.confirmTitle}</h2>
        ${
          this.tokenError
            ? html`
                <div part="token-error" class="token-error" role="alert" tabindex="-1">
                  <p>${this.tokenError}</p>
                  <button part="request-link" type="button" @click=${this.#requestNewLink}>${t.requestNewLink}</button>
                </div>
              `
            : nothing
        }
        <div class="field">
          <label class="label" for="newPassword">${t.fieldNewPassword}</label>
          <input
            id="newPassword"
            name="newPassword"
            type="password"
            autocomplete="new-password"
            required
            minlength=${min}
            .value=${this.newPassword}
            aria-invalid=${this.fieldErrors.newPassword ? "true" : nothing}
            aria-describedby="newPassword-hint newPassword-strength newPassword-error"
          />
          <p id="newPassword-hint" part="hint" class="hint">${t.minLength(min)}</p>
          ${
            this.newPassword
              ? html`
                  <p id="newPassword-strength" part="strength" class="strength" data-level=${strength}>
                    <span part="strength-meter" class="meter" aria-hidden="true"><span></span><span></span><span></span></span>
                    <span>${t.strengthLabel} ${t.strength[strength]}</span>
                  </p>
                `
              : nothing
          }
          ${this.#fieldError("newPassword")}
        </div>
        <div class="field">
          <label class="label" for="confirmPassword">${t.fieldConfirmPassword}</label>
          <input
            id="confirmPassword"
            name="confirmPassword"
            type="password"
            autocomplete="new-password"
            required
            aria-invalid=${this.fieldErrors.confirmPassword ? "true" : nothing}
            aria-describedby="confirmPassword-error"
          />
          ${this.#fieldError("confirmPassword")}
        </div>
        ${this.#renderFormError()}
        <div class="actions">
          <button part="submit" class="primary" type="submit" ?disabled=${busy}>${busy ? t.updating : t.update}</button>
        </div>
      </form>
    `;
  }

  /**
   * Always in the page, empty when the field is fine: a live region that exists before its text
   * arrives is announced reliably, one inserted with its text often is not.
   */
  #fieldError(field: Field): TemplateResult {
    const message = this.fieldErrors[field];
    return html`<p id="${field}-error" part=${message ? "field-error" : nothing} class="field-error" aria-live="assertive">${message ?? ""}</p>`;
  }

  #renderFormError(): TemplateResult | typeof nothing {
    return this.formError ? html`<p part="form-error" class="form-error" role="alert" tabindex="-1">${this.formError}</p>` : nothing;
  }

  #onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (input.name === "newPassword") this.newPassword = input.value;
    // Editing clears the messages about the value that was checked; the two passwords go together.
    const cleared: Field[] = input.name === "newPassword" || input.name === "confirmPassword" ? ["newPassword", "confirmPassword"] : [];
    if (isField(input.name)) cleared.push(input.name);
    if (cleared.some((field) => this.fieldErrors[field])) {
      const rest = { ...this.fieldErrors };
      for (const field of cleared) delete rest[field];
      this.fieldErrors = rest;
    }
  };

  #onRequest = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.phase === "busy") return;
    const email = String(new FormData(event.currentTarget as HTMLFormElement).get("email") ?? "").trim();
    this.requestedEmail = email;
    this.#clearErrors();
    this.phase = "busy";
    try {
      await this.requireClient(this.porticoClient).passwordResets.request({ email, resetUrl: this.resetUrl || currentPageUrl() });
    } catch (error) {
      this.phase = "form";
      this.#showError(error, t.requestFailed);
      return this.#focusFirstError();
    }
    this.phase = "done";
    this.dispatchEvent(
      new CustomEvent<PasswordResetRequestedDetail>("portico-password-reset-requested", { detail: { email }, bubbles: true, composed: true }),
    );
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="confirmation"]')?.focus();
  };

  #onConfirm = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const token = this.#resetToken;
    if (this.phase === "busy" || token === undefined) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const newPassword = String(data.get("newPassword") ?? "");
    const confirmation = String(data.get("confirmPassword") ?? "");
    this.#clearErrors();
    // Checked here first so a slip costs no request; the server checks the length again.
    const min = this.#minLength;
    const errors: Partial<Record<Field, string>> = {};
    if (newPassword.length < min) errors.newPassword = t.fieldError(t.fieldNewPassword, t.tooShort(min));
    else if (confirmation !== newPassword) errors.confirmPassword = t.mismatch;
    if (Object.keys(errors).length) {
      this.fieldErrors = errors;
      return this.#focusFirstError();
    }
    this.phase = "busy";
    try {
      await this.requireClient(this.porticoClient).passwordResets.confirm({ token, newPassword });
    } catch (error) {
      this.phase = "form";
      this.#showError(error, t.confirmFailed);
      return this.#focusFirstError();
    }
    this.phase = "done";
    this.newPassword = "";
    this.dispatchEvent(new CustomEvent<PasswordResetDetail>("portico-password-reset", { detail: {}, bubbles: true, composed: true }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="success"] [part~="title"]')?.focus();
  };

  /** Puts each of the server's field messages beside its field; the rest go to the form's message. */
  #showError(error: unknown, failed: string): void {
    const fieldErrors: Partial<Record<Field, string>> = {};
    const others: string[] = [];
    if (error instanceof PorticoError) {
      for (const [field, message] of Object.entries(error.errors)) {
        if (field === "token") this.tokenError = t.tokenError(message);
        else if (field === "email") fieldErrors.email = t.fieldError(t.fieldEmail, message);
        else if (field === "newPassword") fieldErrors.newPassword = t.fieldError(t.fieldNewPassword, message);
        else others.push(`${field} ${message}`);
      }
    }
    this.fieldErrors = fieldErrors;
    if (others.length || (!Object.keys(fieldErrors).length && !this.tokenError)) {
      // A 429's detail says to wait; a network failure says the server was not reached.
      const detail = others.length ? others.join("; ") : error instanceof Error ? error.message : String(error);
      this.formError = `${failed} ${detail}`;
    }
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    const root = this.renderRoot;
    const field = FIELDS.find((name) => this.fieldErrors[name]);
    const target = this.tokenError
      ? root.querySelector<HTMLElement>('[part~="token-error"]')
      : field
        ? root.querySelector<HTMLElement>(`[name="${field}"]`)
        : root.querySelector<HTMLElement>('[part~="form-error"]');
    target?.focus();
  }

  #clearErrors(): void {
    this.fieldErrors = {};
    this.tokenError = undefined;
    this.formError = undefined;
  }

  #startOver(): void {
    this.#clearErrors();
    this.phase = "form";
    this.tokenSetAside = false;
    this.newPassword = "";
  }

  #requestNewLink = async (): Promise<void> => {
    this.#startOver();
    this.tokenSetAside = true;
    await this.#focusEmail();
  };

  #useAnotherEmail = async (): Promise<void> => {
    this.phase = "form";
    await this.#focusEmail();
  };

  async #focusEmail(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('[name="email"]')?.focus();
  }
}
