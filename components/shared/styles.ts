import { css } from "lit";

/** The dark preset's defaults, used by `theme="dark"` and by `theme="auto"` in a dark system theme. */
const darkDefaults = css`
  --_color-text: var(--portico-color-text, #e4e7eb);
  --_color-muted: var(--portico-color-muted, #9aa5b1);
  --_color-background: var(--portico-color-background, #111827);
  --_color-surface: var(--portico-color-surface, #1f2937);
  --_color-border: var(--portico-color-border, #374151);
  --_color-primary: var(--portico-color-primary, #7aa2f7);
  --_color-on-primary: var(--portico-color-on-primary, #0b1020);
  --_color-danger: var(--portico-color-danger, #f87171);
  --_color-success: var(--portico-color-success, #4ade80);
  --_color-focus: var(--portico-color-focus, #7aa2f7);
`;

/**
 * The theming ladder's middle rung: every tag reads these `--portico-*` custom properties, so a
 * host sets them once on any ancestor (`:root`, a container) to restyle every component.
 * Internal `--_*` names keep one fallback per token.
 */
export const tokens = css`
  :host {
    --_color-text: var(--portico-color-text, #1f2933);
    --_color-muted: var(--portico-color-muted, #616e7c);
    --_color-background: var(--portico-color-background, #ffffff);
    --_color-surface: var(--portico-color-surface, #f5f7fa);
    --_color-border: var(--portico-color-border, #d3d9e0);
    --_color-primary: var(--portico-color-primary, #2457c5);
    --_color-on-primary: var(--portico-color-on-primary, #ffffff);
    --_color-danger: var(--portico-color-danger, #b42318);
    --_color-success: var(--portico-color-success, #1f7a3d);
    --_color-focus: var(--portico-color-focus, #2457c5);
    --_font-family: var(--portico-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    --_font-size: var(--portico-font-size, 0.9375rem);
    --_radius: var(--portico-radius, 6px);
    --_spacing: var(--portico-spacing, 0.5rem);

    display: block;
    color: var(--_color-text);
    background: var(--_color-background);
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: 1.4;
  }

  :host([hidden]) {
    display: none;
  }

  /* Theme presets: the defaults change, a host's own --portico-* values still win. */
  :host([data-theme="dark"]) {
    ${darkDefaults}
  }

  @media (prefers-color-scheme: dark) {
    :host([data-theme="auto"]) {
      ${darkDefaults}
    }
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  /* The states every tag shows while loading, when empty and after a failure. */
  .loading,
  .empty {
    margin: 0;
    padding: calc(var(--_spacing) * 3) calc(var(--_spacing) * 2);
    color: var(--_color-muted);
    text-align: center;
    border: 1px dashed var(--_color-border);
    border-radius: var(--_radius);
  }

  .error {
    padding: calc(var(--_spacing) * 2);
    border: 1px solid var(--_color-danger);
    border-radius: var(--_radius);
    color: var(--_color-danger);
  }

  .error p {
    margin: 0 0 var(--_spacing);
  }

  :focus-visible {
    outline: 2px solid var(--_color-focus);
    outline-offset: 2px;
  }

  /*
   * Content kept on screen while its replacement loads: a bar along its top edge says so. Fading it
   * instead would take its text under the 4.5:1 contrast WCAG asks for (muted text to about 2.4:1).
   */
  [aria-busy="true"] {
    position: relative;
    cursor: progress;
  }

  [aria-busy="true"]::before {
    content: "";
    position: absolute;
    z-index: 1;
    inset-block-start: 0;
    inset-inline: 0;
    block-size: 3px;
    border-radius: var(--_radius);
    background: var(--_color-primary);
    pointer-events: none;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  button {
    font: inherit;
    padding: calc(var(--_spacing) * 0.75) calc(var(--_spacing) * 1.5);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
    color: var(--_color-text);
    cursor: pointer;
  }

  button.primary {
    background: var(--_color-primary);
    border-color: var(--_color-primary);
    color: var(--_color-on-primary);
  }

  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }

  input,
  select {
    font: inherit;
    color: inherit;
    padding: calc(var(--_spacing) * 0.75);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
  }

  [aria-invalid="true"] {
    border-color: var(--_color-danger);
  }
`;

/** A developer's picture over their initials, and the active/inactive badge (list and profile). */
export const personStyles = css`
  .avatar img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }

  .badge {
    display: inline-block;
    padding: 0 var(--_spacing);
    border-radius: 999px;
    font-size: 0.8125em;
    border: 1px solid currentColor;
    white-space: nowrap;
  }

  .badge.active {
    color: var(--_color-success);
  }

  .badge.inactive {
    color: var(--_color-muted);
  }
`;
