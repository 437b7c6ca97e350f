import { css } from "lit";

export const styles = css`
  :host {
    max-width: 28rem;
  }

  form,
  .done {
    display: grid;
    gap: calc(var(--_spacing) * 1.5);
  }

  .title {
    margin: 0;
    font-size: 1.25em;
    font-weight: 600;
  }

  .intro,
  .hint {
    margin: 0;
    color: var(--_color-muted);
  }

  .hint {
    font-size: 0.875em;
  }

  .field {
    display: grid;
    gap: calc(var(--_spacing) * 0.5);
  }

  .label {
    font-weight: 600;
    font-size: 0.875em;
  }

  .field input {
    width: 100%;
    min-width: 0;
  }

  /* Empty until there is something to say; kept in the page so it is announced when it fills. */
  .field-error {
    margin: 0;
    color: var(--_color-danger);
    font-size: 0.875em;
  }

  .form-error {
    margin: 0;
    color: var(--_color-danger);
  }

  .token-error,
  .error {
    display: grid;
    justify-items: start;
    gap: var(--_spacing);
    padding: calc(var(--_spacing) * 1.5);
    border: 1px solid var(--_color-danger);
    border-radius: var(--_radius);
    color: var(--_color-danger);
  }

  .token-error p,
  .error p {
    margin: 0;
  }

  .strength {
    display: flex;
    align-items: center;
    gap: var(--_spacing);
    margin: 0;
    font-size: 0.875em;
    color: var(--_color-muted);
  }

  .meter {
    flex: none;
    display: inline-grid;
    grid-template-columns: repeat(3, 1.5rem);
    gap: 2px;
  }

  .meter span {
    height: 0.375rem;
    border-radius: 999px;
    background: var(--_color-border);
  }

  .strength[data-level="too-short"] .meter span:nth-child(-n + 1),
  .strength[data-level="weak"] .meter span:nth-child(-n + 1) {
    background: var(--_color-danger);
  }

  .strength[data-level="fair"] .meter span:nth-child(-n + 2) {
    background: color-mix(in srgb, var(--_color-danger) 45%, var(--_color-success));
  }

  .strength[data-level="strong"] .meter span {
    background: var(--_color-success);
  }

  .actions {
    display: flex;
    gap: var(--_spacing);
  }

  .confirmation,
  .success p {
    margin: 0;
  }

  .confirmation,
  .success {
    padding: calc(var(--_spacing) * 1.5);
    border-radius: var(--_radius);
    background: var(--_color-surface);
  }

  .success {
    border-inline-start: 4px solid var(--_color-success);
  }

  .done > button {
    justify-self: start;
  }

  .login-link {
    justify-self: start;
    color: var(--_color-primary);
    font-weight: 600;
  }

`;
