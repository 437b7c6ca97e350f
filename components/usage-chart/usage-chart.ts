import { Task, TaskStatus } from "@lit/task";
import { html, nothing, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import type { UsageCounts, UsageReport } from "../../sdk/schemas/usage.js";
import { PorticoConfigError, PorticoElement } from "../shared/portico-element.js";
import { perLocale } from "../shared/locale.js";
import { strings } from "../shared/strings.js";
import { tokens } from "../shared/styles.js";
import type { UsageChartHandle, UsageChartOptions, UsageChartTheme, UsageSeries } from "./chart-data.js";
import { styles } from "./usage-chart.styles.js";
import { loadFailedView, loadingView } from "../shared/states.js";

const t = strings.usageChart;
const count = perLocale((locale) => new Intl.NumberFormat(locale));
const share = perLocale((locale) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }));
const milliseconds = perLocale((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));
// Bucket labels are wall-clock times in the report's zone: formatted in UTC so nothing shifts them again.
const dayFormat = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }),
);
const hourFormat = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" }),
);
const dayHourFormat = perLocale(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: "UTC",
    }),
);

const darkScheme = matchMedia("(prefers-color-scheme: dark)");

type DrawModule = typeof import("./draw-chart.js");
let drawModule: Promise<DrawModule> | undefined;
/** chart.js and the drawing code, fetched once per page and only when a chart first renders. */
function loadDrawModule(): Promise<DrawModule> {
  drawModule ??= import("./draw-chart.js").catch((error: unknown) => {
    drawModule = undefined; // a later render may try again (the network may be back)
    throw error;
  });
  return drawModule;
}

/** The browser's IANA time zone, so days start at the viewer's midnight. */
function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** A bucket label ("2025-12-01" or "2025-12-01T14:00") as the instant of that wall-clock time in UTC. */
function wallClock(label: string): Date {
  return new Date(label.length === 10 ? `${label}T00:00:00Z` : `${label}:00Z`);
}

function errorShare(counts: UsageCounts): number {
  return counts.requests ? (counts.errors4xx + counts.errors5xx) / counts.requests : 0;
}

/** How many days a report covers (its requested `days`): hourly reports have 24 buckets a day. */
function reportDays(report: UsageReport): number {
  return report.resolution === "hour" ? Math.max(1, Math.round(report.buckets.length / 24)) : report.buckets.length;
}

/** "1,234 requests, 2.1% errors over 7 days". */
export function usageSummary(report: UsageReport): string {
  const { totals } = report;
  return t.summary(
    { count: totals.requests, text: count().format(totals.requests) },
    share().format(errorShare(totals)),
    reportDays(report),
  );
}

function series(report: UsageReport): UsageSeries {
  const hourly = report.resolution === "hour";
  const starts = report.buckets.map((bucket) => wallClock(bucket.label));
  return {
    labels: starts.map((start) => (hourly ? hourFormat() : dayFormat()).format(start)),
    titles: starts.map((start) => (hourly ? dayHourFormat() : dayFormat()).format(start)),
    success: report.buckets.map((bucket) => bucket.success),
    errors4xx: report.buckets.map((bucket) => bucket.errors4xx),
    errors5xx: report.buckets.map((bucket) => bucket.errors5xx),
    requests: report.buckets.map((bucket) => bucket.requests),
  };
}

/**
 * @tag usage-chart
 * @summary A developer's API usage per day (or hour): stacked success / 4xx / 5xx bars with a totals
 *   line, a table alternative, and the split per key.
 *
 * chart.js loads on first render, as a chunk of its own; until a report has traffic nothing is drawn.
 * The table is always in the accessibility tree (visually hidden while the chart shows). The canvas
 * takes its colours from the `--portico-*` properties when it draws: a host that changes them at run
 * time calls `requestUpdate()` (theme presets and the system's light/dark switch are followed).
 *
 * @attr api-base - The Portico server's URL; defaults to the origin this script came from.
 * @attr org - The organisation's slug.
 * @attr token - An admin session token (or, with `mode="self"`, the developer's); without it, the
 *   login's session cookie (same-site pages).
 * @attr developer-id - Whose usage to show (admin view).
 * @attr mode - `admin` (default: the developer named by `developer-id`) or `self` (the logged-in developer).
 * @attr key-id - Only this key's usage; without it, every key and a table of the split per key.
 * @attr days - The period, 1 to 90 days ending today (default 7); 2 or less gives hourly buckets.
 * @attr api - Only calls to this API name.
 * @attr tz - The IANA time zone whose midnights split the days (default: the browser's).
 *
 * @prop {string | undefined} keyId - The key shown; set it (or call `showKey()`) to switch key.
 *
 * @csspart loading - The loading message.
 * @csspart empty - The message shown when the period has no traffic.
 * @csspart error - The load failure box; holds the retry button.
 * @csspart retry - The retry button.
 * @csspart header - The bar holding the totals line and the view toggle.
 * @csspart summary - The totals line ("1,234 requests, 2.1% errors over 7 days").
 * @csspart view-toggle - The "Show as table" / "Show as chart" button.
 * @csspart chart - The box the chart's canvas fills (its height: `--portico-chart-height`).
 * @csspart canvas - The chart's canvas.
 * @csspart table - The per-bucket table (visually hidden while the chart shows).
 * @csspart keys-table - The table of requests per key.
 *
 * @cssprop --portico-chart-color-success - Bars of successful requests (default `--portico-color-success`).
 * @cssprop --portico-chart-color-4xx - Bars of client errors (default `--portico-color-warning`).
 * @cssprop --portico-chart-color-5xx - Bars of server errors (default `--portico-color-danger`).
 * @cssprop --portico-chart-color-total - The totals line (default `--portico-color-primary`).
 * @cssprop --portico-chart-color-grid - Grid lines and the axis (default `--portico-color-border`).
 * @cssprop --portico-chart-height - The chart's height (default 16rem).
 * @cssprop --portico-color-warning - Warning colour, used for client errors (default #b45309).
 * @cssprop --portico-color-text - Text colour, also the legend's.
 * @cssprop --portico-color-muted - Secondary text colour, also the axis labels'.
 * @cssprop --portico-color-background - Background colour, also inside the line's points.
 * @cssprop --portico-color-border - Border colour.
 * @cssprop --portico-color-primary - Main colour.
 * @cssprop --portico-color-danger - Error colour.
 * @cssprop --portico-color-success - Success colour.
 * @cssprop --portico-color-focus - Focus ring colour.
 * @cssprop --portico-font-family - Font, also the chart's.
 * @cssprop --portico-font-size - Base font size.
 * @cssprop --portico-radius - Corner radius.
 * @cssprop --portico-spacing - Base spacing unit.
 */
export class UsageChart extends PorticoElement {
  static override styles = [tokens, styles];

  @property({ attribute: "developer-id" }) developerId?: string;
  @property() mode: "admin" | "self" = "admin";

  protected override get sessionRole(): "admin" | "developer" {
    return this.mode === "self" ? "developer" : "admin";
  }
  /** Reflected: `showKey()` and hosts switching key leave the attribute in step. */
  @property({ attribute: "key-id", reflect: true }) keyId?: string;
  @property({ type: Number }) days = 7;
  @property() api?: string;
  @property() tz?: string;

  @state() private view: "chart" | "table" = "chart";
  /** chart.js could not be fetched: the table stands in for the chart. */
  @state() private chartUnavailable = false;

  /** The chart on screen, with what it was drawn from (the theme as JSON, to compare). */
  #chart?: {
    canvas: HTMLCanvasElement;
    report: UsageReport;
    theme: string;
    handle: UsageChartHandle;
  };
  /** Counts draw requests, so a draw that waited for chart.js is dropped when a newer one came. */
  #drawRequest = 0;

  #report = new Task(this, {
    args: () =>
      [
        this.porticoClient,
        this.mode,
        this.developerId || undefined,
        this.keyId || undefined,
        this.#days,
        this.api || undefined,
        this.tz || browserTimeZone(),
      ] as const,
    task: ([client, mode, developerId, keyId, days, api, tz], { signal }) => {
      const usage = this.requireClient(client).usage;
      const query = { days, keyId, api, tz };
      if (mode === "self") return usage.mine(query, { signal });
      if (!developerId) throw new PorticoConfigError(t.missingDeveloper);
      return usage.forDeveloper(developerId, query, { signal });
    },
  });

  get #days(): number {
    const days = Math.trunc(this.days);
    return Number.isFinite(days) ? Math.min(90, Math.max(1, days)) : 7;
  }

  /** Shows one key's usage, or every key's with `undefined` (same as setting `keyId`). */
  showKey(keyId: string | undefined): void {
    this.keyId = keyId || undefined;
  }

  /** Loads the report again (the error state's Retry does this). */
  reload(): void {
    void this.#report.run();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    darkScheme.addEventListener("change", this.#onSchemeChange);
    // Back in a document after a move: the chart was freed on the way out, draw it again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    darkScheme.removeEventListener("change", this.#onSchemeChange);
    this.#destroyChart();
  }

  /** The system switched light/dark: `theme="auto"` colours changed, and the canvas must follow. */
  #onSchemeChange = (): void => this.requestUpdate();

  protected override firstUpdated(): void {
    // Fetched alongside the first report rather than after it, so the chart is not a second wait.
    loadDrawModule().catch(() => {});
  }

  protected override updated(): void {
    void this.#syncChart();
  }

  /** The report on screen: the latest one, also while the next loads. */
  get #shownReport(): UsageReport | undefined {
    const { status, value } = this.#report;
    return status === TaskStatus.COMPLETE || status === TaskStatus.PENDING ? value : undefined;
  }

  override render(): TemplateResult {
    const task = this.#report;
    switch (task.status) {
      case TaskStatus.INITIAL:
      case TaskStatus.PENDING:
        return task.value ? this.#renderReport(task.value, true) : loadingView(t.loading);
      case TaskStatus.ERROR:
        return this.#renderError(task.error);
      case TaskStatus.COMPLETE:
        return this.#renderReport(task.value!, false);
    }
  }

  #renderError(error: unknown): TemplateResult {
    const detail = error instanceof Error ? error.message : String(error);
    return loadFailedView(t.loadFailed, detail, t.retry, () => this.reload());
  }

  #renderReport(report: UsageReport, busy: boolean): TemplateResult {
    if (!report.totals.requests) {
      return html`<p part="empty" class="empty" aria-busy=${busy ? "true" : "false"}>${t.empty}</p>`;
    }
    const summary = usageSummary(report);
    const tableShown = this.view === "table" || this.chartUnavailable;
    return html`
      <div class="report" aria-busy=${busy ? "true" : "false"}>
        <div part="header" class="header">
          <p part="summary" class="summary">${summary}</p>
          ${
            this.chartUnavailable
              ? nothing
              : html`<button part="view-toggle" type="button" aria-controls="buckets" @click=${this.#toggleView}>
                  ${tableShown ? t.showChart : t.showTable}
                </button>`
          }
        </div>
        ${
          this.chartUnavailable
            ? nothing
            : html`<div part="chart" class="chart" ?hidden=${tableShown}>
                <canvas part="canvas" role="img" aria-label=${t.chartLabel(report.resolution, summary)}></canvas>
              </div>`
        }
        <div class=${tableShown ? "table-scroll" : "table-scroll visually-hidden"}>${this.#renderBuckets(report, summary)}</div>
        ${this.keyId || !report.keys.length ? nothing : this.#renderKeys(report)}
      </div>
    `;
  }

  #renderBuckets(report: UsageReport, summary: string): TemplateResult {
    const hourly = report.resolution === "hour";
    const latency = (ms: number | null) => (ms === null ? t.none : t.latency(milliseconds().format(ms)));
    const figures = (counts: UsageCounts) => html`
      <td>${count().format(counts.requests)}</td>
      <td>${count().format(counts.success)}</td>
      <td>${count().format(counts.errors4xx)}</td>
      <td>${count().format(counts.errors5xx)}</td>
      <td>${latency(counts.avgLatencyMs)}</td>
    `;
    return html`
      <table id="buckets" part="table">
        <caption class="visually-hidden">
          ${t.tableCaption(report.resolution, summary)}
        </caption>
        <thead>
          <tr>
            <th scope="col">${hourly ? t.columnHour : t.columnDay}</th>
            <th scope="col">${t.columnRequests}</th>
            <th scope="col">${t.columnSuccess}</th>
            <th scope="col">${t.column4xx}</th>
            <th scope="col">${t.column5xx}</th>
            <th scope="col">${t.columnLatency}</th>
          </tr>
        </thead>
        <tbody>
          ${report.buckets.map(
            (bucket) => html`
              <tr>
                <th scope="row">
                  <time datetime=${bucket.label}>${(hourly ? dayHourFormat() : dayFormat()).format(wallClock(bucket.label))}</time>
                </th>
                ${figures(bucket)}
              </tr>
            `,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${t.total}</th>
            ${figures(report.totals)}
          </tr>
        </tfoot>
      </table>
    `;
  }

  #renderKeys(report: UsageReport): TemplateResult {
    return html`
      <div class="keys table-scroll">
        <table part="keys-table">
          <caption>
            ${t.keysCaption}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t.columnKey}</th>
              <th scope="col" class="text">${t.columnPolicy}</th>
              <th scope="col" class="text">${t.columnStatus}</th>
              <th scope="col">${t.columnRequests}</th>
              <th scope="col">${t.column4xx}</th>
              <th scope="col">${t.column5xx}</th>
              <th scope="col">${t.columnErrors}</th>
            </tr>
          </thead>
          <tbody>
            ${report.keys.map(
              (key) => html`
                <tr data-key-id=${key.keyId}>
                  <th scope="row">
                    ${key.keyPrefix ? html`<span class="key-prefix" dir="ltr">${key.keyPrefix}…</span>` : html`<span class="muted">${t.keyNotIssued}</span>`}
                  </th>
                  <td class="text">${key.policyName}</td>
                  <td class="text">${t.keyStatus[key.status] ?? key.status}</td>
                  <td>${count().format(key.requests)}</td>
                  <td>${count().format(key.errors4xx)}</td>
                  <td>${count().format(key.errors5xx)}</td>
                  <td>${key.requests ? share().format(errorShare(key)) : t.none}</td>
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  #toggleView = (): void => {
    this.view = this.view === "chart" ? "table" : "chart";
  };

  /** Draws, redraws or frees the chart to match what is rendered. */
  async #syncChart(): Promise<void> {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>("canvas");
    const report = canvas ? this.#shownReport : undefined;
    if (!canvas || !report) return this.#destroyChart();
    // Colours and text are compared too: a theme or language switch restyles the page but not a canvas.
    const theme = JSON.stringify([this.#theme(), this.#chartText()]);
    const drawn = this.#chart;
    if (drawn?.canvas === canvas && drawn.report === report && drawn.theme === theme) return;

    const request = ++this.#drawRequest;
    let module: DrawModule;
    try {
      module = await loadDrawModule();
    } catch {
      this.chartUnavailable = true;
      return;
    }
    if (request !== this.#drawRequest || !canvas.isConnected) return;
    const options = this.#chartOptions(report);
    if (this.#chart?.canvas === canvas) {
      this.#chart.handle.update(options);
      Object.assign(this.#chart, { report, theme });
    } else {
      this.#destroyChart();
      this.#chart = {
        canvas,
        report,
        theme,
        handle: module.drawUsageChart(canvas, options),
      };
    }
  }

  #destroyChart(): void {
    this.#drawRequest++;
    this.#chart?.handle.destroy();
    this.#chart = undefined;
  }

  #chartOptions(report: UsageReport): UsageChartOptions {
    return {
      series: series(report),
      theme: this.#theme(),
      text: this.#chartText(),
      animate: !matchMedia("(prefers-reduced-motion: reduce)").matches,
    };
  }

  #chartText(): UsageChartOptions["text"] {
    return { locale: strings.locale, success: t.seriesSuccess, errors4xx: t.series4xx, errors5xx: t.series5xx, total: t.seriesTotal };
  }

  /** The chart's colours as the `--portico-*` properties resolve here (a canvas cannot read var()). */
  #theme(): UsageChartTheme {
    const style = getComputedStyle(this);
    const read = (name: string) => style.getPropertyValue(name).trim();
    return {
      success: read("--_chart-success"),
      errors4xx: read("--_chart-4xx"),
      errors5xx: read("--_chart-5xx"),
      total: read("--_chart-total"),
      text: read("--_color-text"),
      muted: read("--_color-muted"),
      grid: read("--_chart-grid"),
      background: read("--_color-background"),
      fontFamily: read("--_font-family"),
    };
  }
}
