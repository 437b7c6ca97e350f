import { css } from "lit";

/** The dialogs' look, shared with `<api-catalogue>`'s notices so both tags read alike. */
export const dialogStyles = css`
  dialog {
    width: min(34rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    padding: calc(var(--_spacing) * 2.5);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    color: var(--_color-text);
    background: var(--_color-background);
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    box-shadow: 0 12px 32px rgb(0 0 0 / 0.18);
  }

  dialog::backdrop {
    background: rgb(15 23 42 / 0.45);
  }

  dialog h2 {
    margin: 0 0 var(--_spacing);
    font-size: 1.15em;
  }

  dialog h2:focus {
    outline: none;
  }

  .subtitle,
  .hint {
    margin: 0 0 calc(var(--_spacing) * 1.5);
    color: var(--_color-muted);
    overflow-wrap: anywhere;
  }

  fieldset {
    display: grid;
    gap: var(--_spacing);
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }

  legend {
    margin-block-end: var(--_spacing);
    font-weight: 600;
  }

  .choice {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: var(--_spacing);
    align-items: baseline;
    padding: var(--_spacing) calc(var(--_spacing) * 1.25);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }

  .choice:has(input:checked) {
    border-color: var(--_color-primary);
    background: color-mix(in srgb, var(--_color-primary) 7%, transparent);
  }

  .choice label {
    cursor: pointer;
    overflow-wrap: anywhere;
  }

  .choice-name {
    font-weight: 600;
  }

  .choice-detail {
    grid-column: 2;
    margin: calc(var(--_spacing) * 0.25) 0 0;
    color: var(--_color-muted);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }

  .current,
  .tag {
    margin-inline-start: calc(var(--_spacing) * 0.5);
    color: var(--_color-muted);
    font-size: 0.875em;
    font-weight: normal;
  }

  .tag {
    padding: 0 calc(var(--_spacing) * 0.75);
    border: 1px solid currentColor;
    border-radius: 999px;
    white-space: nowrap;
  }

  .dialog-error {
    margin: calc(var(--_spacing) * 1.5) 0 0;
    color: var(--_color-danger);
  }

  .dialog-error p {
    margin: 0 0 var(--_spacing);
  }

  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_spacing);
    margin-block-start: calc(var(--_spacing) * 2);
  }

  button.danger {
    background: var(--_color-danger);
    border-color: var(--_color-danger);
    color: var(--_color-on-primary);
  }

  button.danger-outline {
    color: var(--_color-danger);
  }

  .loading-inline {
    color: var(--_color-muted);
  }
`;

export const stateStyles = css`
  .notice {
    margin: 0 0 calc(var(--_spacing) * 2);
    padding: var(--_spacing) calc(var(--_spacing) * 1.5);
    border-inline-start: 4px solid var(--_color-primary);
    background: var(--_color-surface);
    border-radius: var(--_radius);
  }

  .action-error {
    margin: 0 0 calc(var(--_spacing) * 2);
    color: var(--_color-danger);
  }

  portico-key-reveal {
    margin-block-end: calc(var(--_spacing) * 2);
  }
`;

export const styles = [
  dialogStyles,
  stateStyles,
  css`
    .toolbar {
      display: flex;
      justify-content: flex-end;
      margin-block-end: calc(var(--_spacing) * 2);
    }

    .results {
      overflow-x: auto;
    }

    table {
      width: 100%;
      border-collapse: collapse;
    }

    th,
    td {
      padding: var(--_spacing);
      text-align: start;
      vertical-align: top;
      border-block-end: 1px solid var(--_color-border);
    }

    thead th {
      font-size: 0.8125em;
      font-weight: 600;
      color: var(--_color-muted);
      text-transform: uppercase;
      letter-spacing: 0.03em;
      white-space: nowrap;
    }

    tbody th {
      font-weight: 600;
    }

    tbody th:focus-visible {
      outline-offset: -2px;
    }

    tbody tr:hover {
      background: var(--_color-surface);
    }

    tr[data-status="revoked"] td,
    tr[data-status="declined"] td,
    tr[data-status="revoked"] th,
    tr[data-status="declined"] th {
      color: var(--_color-muted);
    }

    /* Names are the host's data and may be long: they wrap, the short columns keep their words whole. */
    .api,
    .policy {
      min-width: 8rem;
      overflow-wrap: anywhere;
    }

    .no-entry {
      font-weight: normal;
      font-style: italic;
      color: var(--_color-muted);
    }

    .rate,
    td:has(> time),
    td:has(> code) {
      white-space: nowrap;
    }

    .quota {
      min-width: 10rem;
    }

    .quota-usage {
      display: flex;
      align-items: center;
      gap: var(--_spacing);
      white-space: nowrap;
    }

    meter {
      width: 5rem;
      height: 0.75rem;
    }

    .renews {
      display: block;
      color: var(--_color-muted);
      font-size: 0.8125em;
    }

    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.875em;
    }

    .badge {
      display: inline-block;
      padding: 0 var(--_spacing);
      border-radius: 999px;
      font-size: 0.8125em;
      border: 1px solid currentColor;
      white-space: nowrap;
    }

    .badge.active,
    .badge.approved {
      color: var(--_color-success);
    }

    .badge.pending {
      color: var(--_color-primary);
    }

    .badge.declined,
    .badge.revoked {
      color: var(--_color-danger);
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_spacing) * 0.5);
      min-width: 12rem;
    }

    .actions button {
      padding: calc(var(--_spacing) * 0.4) var(--_spacing);
      font-size: 0.875em;
    }
  `,
];
