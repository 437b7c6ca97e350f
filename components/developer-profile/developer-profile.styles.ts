import { css } from "lit";
import { personStyles } from "../shared/styles.js";

export const styles = [
  personStyles,
  css`
    .profile {
      display: grid;
      gap: calc(var(--_spacing) * 2);
    }

    .overview {
      display: grid;
      gap: calc(var(--_spacing) * 1.5);
      padding: calc(var(--_spacing) * 2);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
    }

    .identity {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_spacing) * 1.5);
    }

    .name {
      flex: 1 1 12rem;
      min-width: 0;
      margin: 0;
      font-size: 1.35em;
      line-height: 1.25;
      overflow-wrap: anywhere;
    }

    .subheading {
      margin: 0;
      font-size: 1em;
    }

    .avatar {
      position: relative;
      flex: none;
      display: inline-grid;
      place-items: center;
      width: 4rem;
      height: 4rem;
      border-radius: 50%;
      overflow: hidden;
      background: var(--_color-surface);
      border: 1px solid var(--_color-border);
      color: var(--_color-muted);
      font-size: 1.25em;
      font-weight: 600;
    }

    .details {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
      gap: var(--_spacing) calc(var(--_spacing) * 2);
      margin: 0;
    }

    .details dt {
      color: var(--_color-muted);
      font-size: 0.8125em;
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.03em;
    }

    .details dd {
      margin: 0;
      overflow-wrap: anywhere;
    }

    .panel {
      padding: calc(var(--_spacing) * 2);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
    }

    .panel .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      gap: calc(var(--_spacing) * 1.5);
    }

    .confirm {
      border-color: var(--_color-danger);
    }

    .confirm p {
      margin: 0 0 var(--_spacing);
    }

    .rows {
      gap: var(--_spacing);
    }

    .row-head,
    .row {
      display: grid;
      grid-template-columns: minmax(6rem, 1fr) minmax(8rem, 2fr) auto;
      gap: var(--_spacing);
      align-items: center;
    }

    .row-head {
      color: var(--_color-muted);
      font-size: 0.8125em;
      font-weight: 600;
    }

    .row input {
      min-width: 0;
    }

    .row .field-error {
      grid-column: 1 / -1;
    }

    .conflict {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_spacing);
      padding: calc(var(--_spacing) * 1.5);
      border: 1px solid var(--_color-danger);
      border-inline-start-width: 4px;
      border-radius: var(--_radius);
      background: var(--_color-background);
    }

    .conflict p {
      flex: 1 1 16rem;
      margin: 0;
    }

    .notice.failed {
      border-inline-start-color: var(--_color-danger);
      color: var(--_color-danger);
    }

    .logged-out {
      display: grid;
      gap: calc(var(--_spacing) * 2);
    }

    .slot-area[hidden] {
      display: none;
    }
  `,
];
