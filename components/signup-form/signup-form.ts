import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import type { Session, Signup } from "../../sdk/schemas/accounts.js";
import type { PublicOrg } from "../../sdk/schemas/orgs.js";
import { countryField, errorDetail, focusFirstField, inputField, splitErrors } from "../shared/account-fields.js";
import { accountFieldStyles } from "../shared/account-fields.styles.js";
import { PorticoElement } from "../shared/portico-element.js";
import { setSession } from "../shared/session-store.js";
import { strings } from "../shared/strings.js";
import { tokens } from "../shared/styles.js";
import { styles } from "./signup-form.styles.js";
import { loadFailedView, loadingView } from "../shared/states.js";

export interface SignupDetail {
  /** The new developer's session, token included (also kept for the page's other tags). */
  session: Session;
}
export type SignupEvent = CustomEvent<SignupDetail>;

const BASE_FIELDS = ["email", "password", "name", "telephone", "country"] as const;

const t = strings.signupForm;

/** The form name of an organisation's extra field, which is also the key of its server message. */
const extraName = (name: string) => `fields.${name}`;

/**
 * @tag signup-form
 * @summary A developer's sign-up form: email, password, name, telephone, country and the
 * organisation's own extra fields. Signing up also logs the developer in.
 *
 * The password's minimum length and the extra fields come from the organisation's public settings
 * (`signupFields`: name, label, required), which the form loads first. On success the session is
 * kept for the page's other tags, as `<login-form>` does.
 *
 * @attr api-base - The Portico server's URL; defaults to the origin this script came from.
 * @attr org - The organisation's slug.
 * @attr session-storage - `off` keeps the session in memory only (gone on reload).
 *
 * @event {SignupEvent} portico-signup - Signed up and logged in; `detail.session` is the session (token, role, expiry, profile).
 *
 * @csspart form - The sign-up form.
 * @csspart hint - A hint under a field (the password's minimum length).
 * @csspart field-error - A message beside the field it concerns.
 * @csspart form-error - A message about the whole form (network failure, unknown field).
 * @csspart submit - The sign-up button.
 * @csspart success - The welcome message that replaces the form.
 * @csspart loading - The loading message.
 * @csspart error - The load failure box; holds the retry button.
 * @csspart retry - The retry button.
 *
 * @cssprop --portico-color-text - Text colour.
 * @cssprop --portico-color-muted - Secondary text colour (hints).
 * @cssprop --portico-color-background - Background colour.
 * @cssprop --portico-color-surface - Background of the welcome message.
 * @cssprop --portico-color-border - Border colour.
 * @cssprop --portico-color-primary - Colour of the sign-up button.
 * @cssprop --portico-color-on-primary - Text on the sign-up button.
 * @cssprop --portico-color-danger - Error colour and the required marks.
 * @cssprop --portico-color-focus - Focus ring colour.
 * @cssprop --portico-font-family - Font.
 * @cssprop --portico-font-size - Base font size.
 * @cssprop --portico-radius - Corner radius.
 * @cssprop --portico-spacing - Base spacing unit.
 */
export class SignupForm extends PorticoElement {
  static override styles = [tokens, accountFieldStyles, styles];

  @property({ attribute: "session-storage" }) sessionStorageMode?: string;

  @state() private submitting = false;
  /** Messages by form name (`email`, `fields.company`), as the server keys them. */
  @state() private fieldErrors: Record<string, string> = {};
  @state() private formError?: string;
  @state() private session?: Session;

  #org = new Task(this, {
    args: () => [this.porticoClient] as const,
    task: ([client], { signal }) => this.requireClient(client).orgs.get({ signal }),
  });

  /** Loads the organisation's settings again (the error state's Retry does this). */
  reload(): void {
    void this.#org.run();
  }

  override render(): TemplateResult {
    if (this.session) {
      return html`<p part="success" class="notice" role="status">${t.signedUp(this.session.developer?.name ?? "")}</p>`;
    }
    switch (this.#org.status) {
      case TaskStatus.INITIAL:
      case TaskStatus.PENDING:
        return loadingView(t.loading);
      case TaskStatus.ERROR:
        return loadFailedView(t.loadFailed, errorDetail(this.#org.error), t.retry, () => this.reload());
      case TaskStatus.COMPLETE:
        return this.#renderForm(this.#org.value!);
    }
  }

  #renderForm(org: PublicOrg): TemplateResult {
    const message = (name: string, label: string) => (this.fieldErrors[name] ? t.fieldError(label, this.fieldErrors[name]) : undefined);
    return html`
      <form
        part="form"
        aria-label=${t.formLabel}
        novalidate
        @submit=${(event: SubmitEvent) => this.#onSubmit(event, org)}
        @input=${this.#onInput}
      >
        <p class="hint">${t.requiredNote}</p>
        <fieldset ?disabled=${this.submitting}>
          ${inputField({ name: "email", label: t.fieldEmail, type: "email", autocomplete: "email", required: true, error: message("email", t.fieldEmail) })}
          ${inputField({
            name: "password",
            label: t.fieldPassword,
            type: "password",
            autocomplete: "new-password",
            required: true,
            minlength: org.passwordMinLength,
            hint: t.passwordHint(org.passwordMinLength),
            error: message("password", t.fieldPassword),
          })}
          ${inputField({ name: "name", label: t.fieldName, autocomplete: "name", required: true, error: message("name", t.fieldName) })}
          ${inputField({ name: "telephone", label: t.fieldTelephone, type: "tel", autocomplete: "tel", error: message("telephone", t.fieldTelephone) })}
          ${countryField({ label: t.fieldCountry, noneLabel: t.fieldCountryNone, autocomplete: "country", error: message("country", t.fieldCountry) })}
          ${org.signupFields.map((field) =>
            inputField({
              name: extraName(field.name),
              label: field.label,
              required: field.required,
              error: message(extraName(field.name), field.label),
            }),
          )}
        </fieldset>
        ${this.formError ? html`<p part="form-error" class="form-error" role="alert" tabindex="-1">${this.formError}</p>` : nothing}
        <div class="actions">
          <button part="submit" class="primary" type="submit" ?disabled=${this.submitting}>
            ${this.submitting ? t.submitting : t.submit}
          </button>
        </div>
      </form>
    `;
  }

  #fieldNames(org: PublicOrg): string[] {
    return [...BASE_FIELDS, ...org.signupFields.map((field) => extraName(field.name))];
  }

  #onInput = (event: Event): void => {
    // Editing a field clears its message: it described the value that was sent.
    const name = (event.target as HTMLInputElement).name;
    if (this.fieldErrors[name]) {
      const { [name]: _cleared, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  };

  async #onSubmit(event: SubmitEvent, org: PublicOrg): Promise<void> {
    event.preventDefault();
    if (this.submitting) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const fields: Record<string, string> = {};
    for (const field of org.signupFields) {
      const value = text(extraName(field.name));
      if (value) fields[field.name] = value;
    }
    const input: Signup = {
      email: text("email"),
      // Passwords are sent as typed: spaces may be part of them.
      password: String(data.get("password") ?? ""),
      name: text("name"),
      telephone: text("telephone") || undefined,
      country: text("country") || undefined,
      ...(org.signupFields.length > 0 && { fields }),
    };
    this.submitting = true;
    this.fieldErrors = {};
    this.formError = undefined;
    const client = this.porticoClient;
    let session: Session;
    try {
      session = await this.requireClient(client).sessions.signup(input);
    } catch (error) {
      this.submitting = false;
      const names = this.#fieldNames(org);
      const { fields: fieldErrors, others } = splitErrors(error, (name) => names.includes(name));
      this.fieldErrors = fieldErrors;
      if (others.length || !Object.keys(fieldErrors).length)
        this.formError = t.failed(others.length ? others.join("; ") : errorDetail(error));
      // The fieldset must be enabled again before a field in it can take focus.
      await this.updateComplete;
      if (!focusFirstField(this.renderRoot, names, this.fieldErrors)) {
        this.renderRoot.querySelector<HTMLElement>('[part~="form-error"]')?.focus();
      }
      return;
    }
    this.submitting = false;
    setSession(client!.options.baseUrl, client!.org, session, { persist: this.sessionStorageMode !== "off" });
    this.session = session;
    this.dispatchEvent(new CustomEvent<SignupDetail>("portico-signup", { detail: { session }, bubbles: true, composed: true }));
  }
}
