import { css } from "lit";

/** The look of the account forms' fields and messages (login, signup, profile). */
export const accountFieldStyles = css`
  form {
    display: grid;
    gap: calc(var(--_spacing) * 1.5);
  }

  fieldset {
    display: grid;
    gap: calc(var(--_spacing) * 1.5);
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }

  legend {
    padding: 0;
    margin-block-end: var(--_spacing);
    font-weight: 600;
  }

  .field {
    display: grid;
    align-content: start;
    gap: calc(var(--_spacing) * 0.5);
    min-width: 0;
  }

  .field input:not([type="checkbox"]),
  .field select {
    width: 100%;
    min-width: 0;
  }

  .field.checkbox {
    grid-template-columns: auto 1fr;
    align-items: center;
  }

  .field.checkbox .field-error {
    grid-column: 1 / -1;
  }

  .label {
    font-weight: 600;
    font-size: 0.875em;
  }

  .required {
    color: var(--_color-danger);
  }

  .hint {
    margin: 0;
    color: var(--_color-muted);
    font-size: 0.875em;
  }

  .field-error,
  .form-error {
    margin: 0;
    color: var(--_color-danger);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }

  .form-error {
    padding: var(--_spacing);
    border: 1px solid var(--_color-danger);
    border-radius: var(--_radius);
    font-size: 0.9375em;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_spacing);
  }

  /* An action that reads like a link (it stays on the page, so it is a button). */
  button.link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_color-primary);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  button.danger {
    background: var(--_color-danger);
    border-color: var(--_color-danger);
    color: var(--_color-on-primary);
  }

  .error {
    padding: calc(var(--_spacing) * 2);
    border: 1px solid var(--_color-danger);
    border-radius: var(--_radius);
    color: var(--_color-danger);
    overflow-wrap: anywhere;
  }

  .error p {
    margin: 0 0 var(--_spacing);
  }

  .notice {
    margin: 0;
    padding: var(--_spacing) calc(var(--_spacing) * 1.5);
    border: 1px solid var(--_color-border);
    border-inline-start: 4px solid var(--_color-primary);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    overflow-wrap: anywhere;
  }

  .notice:focus {
    outline: none;
  }

  .notice:focus-visible,
  .form-error:focus-visible {
    outline: 2px solid var(--_color-focus);
    outline-offset: 2px;
  }
`;
