import { css } from "lit";
import { personStyles } from "../shared/styles.js";

export const styles = [
  personStyles,
  css`
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      justify-content: space-between;
      gap: var(--_spacing);
      margin-block-end: calc(var(--_spacing) * 2);
    }

    .search {
      display: grid;
      gap: calc(var(--_spacing) * 0.5);
      flex: 1 1 16rem;
      max-width: 28rem;
    }

    .label {
      font-weight: 600;
      font-size: 0.875em;
    }

    form {
      margin-block-end: calc(var(--_spacing) * 2);
      padding: calc(var(--_spacing) * 2);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
    }

    fieldset {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      gap: calc(var(--_spacing) * 1.5);
      margin: 0;
      padding: 0;
      border: 0;
    }

    legend {
      font-weight: 600;
      margin-block-end: var(--_spacing);
    }

    .field {
      display: grid;
      align-content: start;
      gap: calc(var(--_spacing) * 0.5);
    }

    .field input:not([type="checkbox"]),
    .field select {
      width: 100%;
      min-width: 0;
    }

    .field.checkbox {
      grid-template-columns: auto 1fr;
      align-items: center;
      align-self: end;
    }

    .field-error,
    .form-error {
      margin: 0;
      color: var(--_color-danger);
      font-size: 0.875em;
    }

    .form-error {
      margin-block-start: calc(var(--_spacing) * 1.5);
    }

    .actions {
      display: flex;
      gap: var(--_spacing);
      margin-block-start: calc(var(--_spacing) * 1.5);
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
      vertical-align: middle;
      border-block-end: 1px solid var(--_color-border);
      white-space: nowrap;
    }

    /* Only names and emails may wrap, anywhere: the short columns keep their words whole. */
    .name,
    td.email {
      white-space: normal;
      overflow-wrap: anywhere;
    }

    th {
      font-size: 0.8125em;
      font-weight: 600;
      color: var(--_color-muted);
      text-transform: uppercase;
      letter-spacing: 0.03em;
    }

    tbody tr {
      cursor: pointer;
    }

    tbody tr:hover {
      background: var(--_color-surface);
    }

    tbody tr[aria-current="true"] {
      background: color-mix(in srgb, var(--_color-primary) 10%, transparent);
    }

    tbody tr:focus-visible {
      outline-offset: -2px;
    }

    .who {
      display: flex;
      align-items: center;
      gap: var(--_spacing);
    }

    .avatar {
      position: relative;
      flex: none;
      display: inline-grid;
      place-items: center;
      width: 2rem;
      height: 2rem;
      border-radius: 50%;
      overflow: hidden;
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      color: var(--_color-muted);
      font-size: 0.75em;
      font-weight: 600;
    }

    nav {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: var(--_spacing);
      margin-block-start: var(--_spacing);
    }

    .page {
      color: var(--_color-muted);
    }
  `,
];
