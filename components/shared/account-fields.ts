import { html, nothing, type TemplateResult } from "lit";
import { COUNTRY_CODES } from "../../sdk/countries.js";
import { PorticoError } from "../../sdk/errors.js";
import { perLocale } from "./locale.js";

// The labelled controls of the account forms (login, signup, profile): one markup for a field, its
// hint and its server message, so every form names its errors the same way for screen readers.

const regionNames = perLocale((locale) => new Intl.DisplayNames([locale], { type: "region", fallback: "code" }));

/** A country's name in the UI's locale; the code itself when the browser does not know it. */
export function countryName(code: string): string {
  return regionNames().of(code) ?? code;
}

/** Every assigned country, by name in the UI's locale (built on first use). */
export const countries: () => { code: string; name: string }[] = perLocale((locale) =>
  COUNTRY_CODES.map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name, locale)),
);

/** The id of a field's control; names such as `fields.company` are valid ids too. */
export function fieldId(name: string): string {
  return `field-${name}`;
}

export interface FieldSpec {
  /** The form name, which is also the key of the server's `errors` map (`email`, `fields.company`). */
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "tel";
  autocomplete?: string;
  required?: boolean;
  /** The starting value (an edit form); the control keeps what the user types after that. */
  value?: string | null;
  hint?: string;
  /** The message to show, already including the label ("Email is already registered"). */
  error?: string;
  minlength?: number;
}

function describedBy(id: string, hint: boolean, error: boolean): string | typeof nothing {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(" ") : nothing;
}

function label(id: string, text: string, required: boolean | undefined): TemplateResult {
  return html`<label class="label" for=${id}
    >${text}${required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}</label
  >`;
}

function below(id: string, hint: string | undefined, error: string | undefined): TemplateResult {
  return html`
    ${hint ? html`<p id="${id}-hint" part="hint" class="hint">${hint}</p>` : nothing}
    ${error ? html`<p id="${id}-error" part="field-error" class="field-error">${error}</p>` : nothing}
  `;
}

/** A labelled input with its hint and message, tied together with `aria-describedby`. */
export function inputField(spec: FieldSpec): TemplateResult {
  const id = fieldId(spec.name);
  return html`
    <div class="field">
      ${label(id, spec.label, spec.required)}
      <input
        id=${id}
        name=${spec.name}
        type=${spec.type ?? "text"}
        autocomplete=${spec.autocomplete ?? "off"}
        spellcheck="false"
        ?required=${spec.required}
        minlength=${spec.minlength ?? nothing}
        value=${spec.value ?? nothing}
        aria-invalid=${spec.error ? "true" : nothing}
        aria-describedby=${describedBy(id, !!spec.hint, !!spec.error)}
      />
      ${below(id, spec.hint, spec.error)}
    </div>
  `;
}

/** A labelled select of every country by name; the first option means "not given". */
export function countryField(spec: {
  label: string;
  noneLabel: string;
  value?: string | null;
  error?: string;
  autocomplete?: string;
}): TemplateResult {
  const id = fieldId("country");
  return html`
    <div class="field">
      ${label(id, spec.label, false)}
      <select
        id=${id}
        name="country"
        autocomplete=${spec.autocomplete ?? "off"}
        aria-invalid=${spec.error ? "true" : nothing}
        aria-describedby=${describedBy(id, false, !!spec.error)}
      >
        <option value="" ?selected=${!spec.value}>${spec.noneLabel}</option>
        ${countries().map(({ code, name }) => html`<option value=${code} ?selected=${code === spec.value}>${name}</option>`)}
      </select>
      ${below(id, undefined, spec.error)}
    </div>
  `;
}

/** A labelled checkbox with its message. */
export function checkboxField(spec: { name: string; label: string; checked?: boolean; error?: string }): TemplateResult {
  const id = fieldId(spec.name);
  return html`
    <div class="field checkbox">
      <input
        id=${id}
        name=${spec.name}
        type="checkbox"
        ?checked=${spec.checked}
        aria-invalid=${spec.error ? "true" : nothing}
        aria-describedby=${describedBy(id, false, !!spec.error)}
      />
      <label for=${id}>${spec.label}</label>
      ${below(id, undefined, spec.error)}
    </div>
  `;
}

/** A failed call's field messages split into those a form shows beside a field and the rest. */
export function splitErrors(error: unknown, isField: (name: string) => boolean): { fields: Record<string, string>; others: string[] } {
  const fields: Record<string, string> = {};
  const others: string[] = [];
  if (error instanceof PorticoError) {
    for (const [field, message] of Object.entries(error.errors)) {
      if (isField(field)) fields[field] = message;
      else others.push(`${field} ${message}`);
    }
  }
  return { fields, others };
}

/** What went wrong, for a form-level message: the server's detail or the network's. */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Focuses the first of `names` (in form order) that has a message; `true` when one was found. */
export function focusFirstField(root: ParentNode, names: readonly string[], errors: Readonly<Record<string, string>>): boolean {
  for (const name of names) {
    if (!errors[name]) continue;
    const control = root.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
    if (control) {
      control.focus();
      return true;
    }
  }
  return false;
}
