/**
 * What `<usage-chart>` hands its drawing module: plain series, colours and words, so the module
 * knows chart.js and nothing of Portico. Types only (and one name), to keep chart.js out of the
 * element's own chunk.
 */

/** A `performance.mark()` set once chart.js has loaded: the lazy load can be measured and tested. */
export const CHART_LOADED_MARK = "portico:usage-chart:chart.js-loaded";

export interface UsageSeries {
  /** Short axis labels, one per bucket ("Mon, Dec 1" or "14:00"). */
  labels: string[];
  /** Tooltip titles, one per bucket (hourly buckets also name the day). */
  titles: string[];
  success: number[];
  errors4xx: number[];
  errors5xx: number[];
  requests: number[];
}

/** Colours read from the `--portico-*` custom properties as they resolve on the element. */
export interface UsageChartTheme {
  success: string;
  errors4xx: string;
  errors5xx: string;
  total: string;
  text: string;
  muted: string;
  grid: string;
  background: string;
  fontFamily: string;
}

export interface UsageChartText {
  locale: string;
  success: string;
  errors4xx: string;
  errors5xx: string;
  total: string;
}

export interface UsageChartOptions {
  series: UsageSeries;
  theme: UsageChartTheme;
  text: UsageChartText;
  /** Off when the user prefers reduced motion. */
  animate: boolean;
}

/** A drawn chart: redraw it with new figures or colours, or free it when its canvas goes. */
export interface UsageChartHandle {
  update(options: UsageChartOptions): void;
  destroy(): void;
}
