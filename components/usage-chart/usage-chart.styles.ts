import { css } from "lit";

export const styles = css`
  /* The chart's own rung of the theming ladder; each falls back to a shared token. The element
     reads the resolved colours with getComputedStyle, since a canvas cannot use var(). */
  :host {
    --_color-warning: var(--portico-color-warning, #b45309);
    --_chart-success: var(--portico-chart-color-success, var(--_color-success));
    --_chart-4xx: var(--portico-chart-color-4xx, var(--_color-warning));
    --_chart-5xx: var(--portico-chart-color-5xx, var(--_color-danger));
    --_chart-total: var(--portico-chart-color-total, var(--_color-primary));
    --_chart-grid: var(--portico-chart-color-grid, var(--_color-border));
    --_chart-height: var(--portico-chart-height, 16rem);
  }

  /* The shared dark preset has no warning colour: a lighter amber that reads on dark grounds. */
  :host([data-theme="dark"]) {
    --_color-warning: var(--portico-color-warning, #fbbf24);
  }

  @media (prefers-color-scheme: dark) {
    :host([data-theme="auto"]) {
      --_color-warning: var(--portico-color-warning, #fbbf24);
    }
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_spacing);
    margin-block-end: var(--_spacing);
  }

  .summary {
    margin: 0;
    font-weight: 600;
  }

  /* chart.js sizes the canvas to this box (responsive, no fixed aspect ratio). */
  .chart {
    position: relative;
    height: var(--_chart-height);
  }

  .chart[hidden] {
    display: none;
  }

  .table-scroll {
    overflow-x: auto;
  }

  /* Hidden behind the chart it must not scroll: a 1px scrolling box is a tab stop nobody can see. */
  .table-scroll.visually-hidden {
    overflow: hidden;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }

  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: var(--_spacing);
  }

  th,
  td {
    padding: calc(var(--_spacing) * 0.75) var(--_spacing);
    text-align: end;
    border-block-end: 1px solid var(--_color-border);
    white-space: nowrap;
  }

  /* Figures line up on the end edge; words (the bucket, a key's policy and status) on the start. */
  th:first-child,
  td:first-child,
  .text {
    text-align: start;
  }

  thead th {
    font-size: 0.8125em;
    font-weight: 600;
    color: var(--_color-muted);
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }

  tbody th {
    font-weight: normal;
  }

  tfoot th,
  tfoot td {
    font-weight: 600;
    border-block-end: 0;
  }

  .keys {
    margin-block-start: calc(var(--_spacing) * 3);
  }

  .key-prefix {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }

  .muted {
    color: var(--_color-muted);
  }
`;
