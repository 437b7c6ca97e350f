import { css } from "lit";

export const styles = css`
  :host {
    background: transparent;
  }

  .panel {
    display: grid;
    gap: var(--_spacing);
    padding: calc(var(--_spacing) * 2);
    border: 2px solid var(--_color-success);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_color-success) 6%, var(--_color-background));
  }

  h3 {
    margin: 0;
    font-size: 1.05em;
    overflow-wrap: anywhere;
  }

  p {
    margin: 0;
  }

  .warning {
    color: var(--_color-danger);
  }

  .key-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_spacing);
  }

  .key {
    flex: 1 1 16rem;
    min-width: 0;
    padding: calc(var(--_spacing) * 0.75);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
    /* One click selects the whole key, and a long key wraps rather than scrolling. */
    user-select: all;
    overflow-wrap: anywhere;
    word-break: break-all;
  }

  .copy-status {
    min-height: 1.4em;
    color: var(--_color-muted);
    font-size: 0.875em;
  }

  button[part~="done"] {
    justify-self: start;
  }
`;
