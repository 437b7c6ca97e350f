import { css } from "lit";
import { stateStyles } from "../subscription-table/subscription-table.styles.js";

export const styles = [
  stateStyles,
  css`
    .login {
      margin-block-end: calc(var(--_spacing) * 2);
      padding: var(--_spacing) calc(var(--_spacing) * 1.5);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
    }

    .login a {
      color: var(--_color-primary);
      font-weight: 600;
    }

    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(18rem, 100%), 1fr));
      gap: calc(var(--_spacing) * 2);
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .card {
      min-width: 0;
    }

    article {
      display: flex;
      flex-direction: column;
      gap: var(--_spacing);
      height: 100%;
      padding: calc(var(--_spacing) * 2);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
    }

    h3 {
      margin: 0;
      font-size: 1.1em;
      overflow-wrap: anywhere;
    }

    p {
      margin: 0;
    }

    .description,
    .long {
      overflow-wrap: anywhere;
    }

    .long {
      margin-block-start: var(--_spacing);
      white-space: pre-line;
    }

    summary {
      cursor: pointer;
      color: var(--_color-primary);
    }

    .tag {
      align-self: flex-start;
      padding: 0 calc(var(--_spacing) * 0.75);
      border: 1px solid currentColor;
      border-radius: 999px;
      color: var(--_color-muted);
      font-size: 0.8125em;
      white-space: nowrap;
    }

    /* The button sits at the bottom, so the cards of a row line their buttons up. */
    .subscribe {
      display: grid;
      gap: var(--_spacing);
      margin-block-start: auto;
      padding-block-start: var(--_spacing);
    }

    .subscribe button[part~="subscribe"] {
      justify-self: start;
    }

    .card-error {
      color: var(--_color-danger);
    }

    .subscribe .notice,
    portico-key-reveal {
      margin: 0;
    }
  `,
];
