/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { executeServerCommand } from "@web/test-runner-commands";
import "../../components/index.js";
import type { UsageChart } from "../../components/index.js";
import { CHART_LOADED_MARK } from "../../components/usage-chart/chart-data.js";
import { PorticoClient } from "../../sdk/client.js";
import type { UsageBatchResult, UsageRecord } from "../../sdk/schemas/usage.js";

interface TestOrg {
  apiBase: string;
  org: string;
  /** An admin's session token. */
  token: string;
}

/** A developer with two keys and traffic recorded over the last days, as a gateway reports it. */
interface Scenario extends TestOrg {
  developerId: string;
  developerToken: string;
  keys: { id: string; prefix: string }[];
  records: UsageRecord[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function client(org: TestOrg, fetch?: typeof globalThis.fetch): PorticoClient {
  return new PorticoClient({ baseUrl: org.apiBase, org: org.org, token: org.token, fetch });
}

/** Records usage with the org's API key, which stays in the test runner (the page never holds it). */
async function recordUsage(org: string, records: UsageRecord[]): Promise<void> {
  const result = await executeServerCommand<UsageBatchResult, { org: string; records: UsageRecord[] }>("portico-record-usage", {
    org,
    records,
  });
  expect(result.rejected, "every record is accepted").to.deep.equal([]);
  expect(result.accepted).to.equal(records.length);
}

/** `count` calls on `keyId` answered `status`, `daysAgo` days before `now`, a minute apart. */
function calls(keyId: string, daysAgo: number, status: number, count: number, now: number): UsageRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    keyId,
    api: "weather",
    timestamp: new Date(now - daysAgo * DAY - (i + 1) * MINUTE).toISOString(),
    status,
    latencyMs: 40,
  }));
}

async function signUp(org: TestOrg, email: string): Promise<{ developerId: string; developer: PorticoClient; token: string }> {
  const anonymous = new PorticoClient({ baseUrl: org.apiBase, org: org.org });
  const session = await anonymous.sessions.signup({
    email,
    password: "secret-password",
    name: "Dana Metered",
  });
  return {
    developerId: session.developer!.id,
    developer: anonymous.withToken(session.token),
    token: session.token,
  };
}

async function scenario(): Promise<Scenario> {
  const org = await executeServerCommand<TestOrg, { origin: string }>("portico-create-org", { origin: location.origin });
  const admin = client(org);
  const policy = await admin.policies.create({
    name: "Gold",
    rate: 100,
    per: 1,
    quotaMax: -1,
    quotaRenewalSeconds: 86_400,
  });
  const entry = await admin.catalogue.create({
    name: "Weather API",
    policyId: policy.id,
    live: true,
  });
  const { developerId, developer, token } = await signUp(org, "dana@example.test");
  const keys = [];
  for (let i = 0; i < 2; i++) {
    const { subscription } = await developer.me.subscribe(entry.id);
    keys.push({ id: subscription.id, prefix: subscription.keyPrefix! });
  }
  const [a, b] = keys.map((key) => key.id) as [string, string];
  const now = Date.now();
  const records = [
    ...calls(a, 0, 200, 3, now),
    ...calls(a, 0, 404, 1, now),
    ...calls(a, 1, 200, 5, now),
    ...calls(a, 1, 500, 1, now),
    ...calls(a, 3, 200, 2, now),
    ...calls(a, 3, 429, 2, now),
    ...calls(a, 3, 503, 1, now),
    ...calls(b, 0, 201, 2, now),
    ...calls(b, 2, 200, 4, now),
    ...calls(b, 2, 502, 1, now),
  ];
  await recordUsage(org.org, records);
  return { ...org, developerId, developerToken: token, keys, records };
}

interface Counts {
  requests: number;
  success: number;
  errors4xx: number;
  errors5xx: number;
}

/** The bucket label the server gives a time: its wall-clock day (or hour) in `timeZone`. */
function bucketLabel(timestamp: string, hourly: boolean): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(timestamp))
      .map((part) => [part.type, part.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return hourly ? `${day}T${parts.hour}:00` : day;
}

/** What the table should show per bucket, computed from the records sent. */
function expectedBuckets(records: UsageRecord[], hourly = false): Map<string, Counts> {
  const buckets = new Map<string, Counts>();
  for (const record of records) {
    const label = bucketLabel(record.timestamp, hourly);
    const counts = buckets.get(label) ?? {
      requests: 0,
      success: 0,
      errors4xx: 0,
      errors5xx: 0,
    };
    counts.requests++;
    if (record.status >= 500) counts.errors5xx++;
    else if (record.status >= 400) counts.errors4xx++;
    else counts.success++;
    buckets.set(label, counts);
  }
  return buckets;
}

// Assertions compare text, numbers and booleans, never elements: a failing comparison of a Lit
// element makes the runner hang while it serialises the element for the report.
function part<T extends Element = HTMLElement>(chart: UsageChart, name: string): T | null {
  return chart.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

function text(element: Element | null | undefined): string {
  return (element?.textContent ?? "").replace(/\s+/g, " ").trim();
}

const number = (cell: string) => Number(cell.replace(/[^\d.]/g, ""));

/** The per-bucket table as `label → counts`, read from the cells a screen reader would read. */
function shownBuckets(chart: UsageChart): Map<string, Counts> {
  const rows = [...part<HTMLTableElement>(chart, "table")!.tBodies[0]!.rows];
  return new Map(
    rows.map((row) => {
      const [requests, success, errors4xx, errors5xx] = [...row.cells].slice(1, 5).map((cell) => number(text(cell)));
      return [
        row.querySelector("time")!.getAttribute("datetime")!,
        {
          requests: requests!,
          success: success!,
          errors4xx: errors4xx!,
          errors5xx: errors5xx!,
        },
      ];
    }),
  );
}

/** Only the buckets with traffic, as a plain object for a readable deep-equal. */
function withTraffic(buckets: Map<string, Counts>): Record<string, Counts> {
  return Object.fromEntries([...buckets].filter(([, counts]) => counts.requests > 0).sort(([a], [b]) => a.localeCompare(b)));
}

function summary(chart: UsageChart): string {
  return text(part(chart, "summary"));
}

async function ready(chart: UsageChart, message = "the report should show"): Promise<void> {
  await waitUntil(() => part(chart, "summary") !== null || part(chart, "empty") !== null, message, { timeout: 10_000 });
}

function chartLoaded(): boolean {
  return performance.getEntriesByName(CHART_LOADED_MARK).length > 0;
}

/** The chart.js chart drawn on the element's canvas (chart.js keeps one registry per page). */
async function drawnChart(chart: UsageChart) {
  const canvas = part<HTMLCanvasElement>(chart, "canvas")!;
  const { Chart } = await import("chart.js");
  await waitUntil(() => Chart.getChart(canvas) !== undefined, "chart.js should draw on the canvas", { timeout: 10_000 });
  return Chart.getChart(canvas)!;
}

function render(s: Scenario, attributes: { keyId?: string; days?: number } = {}): Promise<UsageChart> {
  return fixture<UsageChart>(html`
    <usage-chart
      api-base=${s.apiBase}
      org=${s.org}
      token=${s.token}
      developer-id=${s.developerId}
      key-id=${attributes.keyId ?? ""}
      days=${attributes.days ?? 7}
    ></usage-chart>
  `);
}

describe("<usage-chart>", () => {
  let s: Scenario;

  before(async () => {
    s = await scenario();
  });

  // First: nothing before it may have rendered a chart in this page.
  it("loads chart.js only once a chart renders, then draws the stacked report with it", async () => {
    expect(customElements.get("usage-chart"), "the tag is defined").not.to.equal(undefined);
    expect(chartLoaded(), "chart.js is not loaded with the components").to.equal(false);
    const loadedScripts = () => performance.getEntriesByType("resource").map((entry) => entry.name);
    expect(loadedScripts().filter((url) => url.includes("/node_modules/chart.js/"))).to.deep.equal([]);

    const chart = await render(s);
    await ready(chart);
    await waitUntil(chartLoaded, "rendering should load chart.js", {
      timeout: 10_000,
    });

    const canvas = part<HTMLCanvasElement>(chart, "canvas")!;
    expect(canvas.getAttribute("role")).to.equal("img");
    expect(canvas.getAttribute("aria-label")).to.contain("22 requests, 27.3% errors over 7 days");
    expect(summary(chart)).to.equal("22 requests, 27.3% errors over 7 days");

    const drawn = await drawnChart(chart);
    expect(drawn.data.labels, "one bar per day").to.have.length(7);
    const series = Object.fromEntries(
      drawn.data.datasets.map((dataset) => [dataset.label, [(dataset as { type?: string }).type, dataset.data]]),
    );
    const buckets = [...shownBuckets(chart).values()];
    expect(series).to.deep.equal({
      "All requests": ["line", buckets.map((b) => b.requests)],
      Success: ["bar", buckets.map((b) => b.success)],
      "Client errors (4xx)": ["bar", buckets.map((b) => b.errors4xx)],
      "Server errors (5xx)": ["bar", buckets.map((b) => b.errors5xx)],
    });
    expect((drawn.options.scales!.y as { stacked?: unknown }).stacked, "the bars are stacked").to.equal(true);
  });

  it("offers the per-day figures as a table, always there for screen readers and shown on demand", async () => {
    const chart = await render(s);
    await ready(chart);

    expect(withTraffic(shownBuckets(chart))).to.deep.equal(withTraffic(expectedBuckets(s.records)));
    expect(shownBuckets(chart).size, "seven days, today included").to.equal(7);
    const table = part<HTMLTableElement>(chart, "table")!;
    expect(text(table.caption)).to.equal("Requests per day: 22 requests, 27.3% errors over 7 days");
    expect([...table.tHead!.rows[0]!.cells].map(text)).to.deep.equal(["Day", "Requests", "Success", "4xx", "5xx", "Avg latency"]);
    expect([...table.tFoot!.rows[0]!.cells].map(text)).to.deep.equal(["Total", "22", "16", "3", "3", "40 ms"]);
    // The label a reader sees, for the locale: weekday, day and month of the bucket.
    const today = bucketLabel(new Date().toISOString(), false);
    const todayRow = [...table.tBodies[0]!.rows].find((row) => row.querySelector("time")!.getAttribute("datetime") === today)!;
    const expectedLabel = new Intl.DateTimeFormat("en", {
      weekday: "short",
      day: "numeric",
      month: "short",
      timeZone: "UTC",
    }).format(new Date(`${today}T00:00:00Z`));
    expect(text(todayRow.cells[0])).to.equal(expectedLabel);

    // While the chart shows, the table is visually hidden but still in the page.
    const toggle = part<HTMLButtonElement>(chart, "view-toggle")!;
    expect(text(toggle)).to.equal("Show as table");
    // Clipped to a pixel, yet rendered (not display: none, not aria-hidden): screen readers read it.
    expect(table.parentElement!.getBoundingClientRect().width, "a visually hidden table").to.be.at.most(1);
    expect(table.checkVisibility(), "the table is rendered").to.equal(true);
    expect(table.closest("[aria-hidden]") === null, "not hidden from assistive technology").to.equal(true);
    expect(part(chart, "chart")!.hidden).to.equal(false);

    toggle.click();
    await chart.updateComplete;
    expect(text(toggle)).to.equal("Show as chart");
    expect(table.parentElement!.getBoundingClientRect().width, "the table shows").to.be.greaterThan(100);
    expect(part(chart, "chart")!.hidden, "the chart is hidden").to.equal(true);

    toggle.click();
    await chart.updateComplete;
    expect(text(toggle)).to.equal("Show as table");
    expect(part(chart, "chart")!.hidden).to.equal(false);
  });

  it("splits the requests per key below the chart", async () => {
    const chart = await render(s);
    await ready(chart);
    const keysTable = part<HTMLTableElement>(chart, "keys-table")!;
    expect(text(keysTable.caption)).to.equal("Requests per key");
    const rows = [...keysTable.tBodies[0]!.rows].map((row) => [...row.cells].map(text));
    expect(rows).to.deep.equal([
      [`${s.keys[0]!.prefix}…`, "Gold", "Active", "15", "3", "2", "33.3%"],
      [`${s.keys[1]!.prefix}…`, "Gold", "Active", "7", "0", "1", "14.3%"],
    ]);
  });

  it("narrows to one key with key-id, and switches key through keyId and showKey()", async () => {
    const [a, b] = [s.keys[0]!, s.keys[1]!];
    const chart = await render(s, { keyId: b.id });
    await ready(chart);
    expect(summary(chart)).to.equal("7 requests, 14.3% errors over 7 days");
    expect(part(chart, "keys-table") === null, "no split for a single key").to.equal(true);
    expect(withTraffic(shownBuckets(chart))).to.deep.equal(withTraffic(expectedBuckets(s.records.filter((r) => r.keyId === b.id))));

    chart.keyId = a.id;
    await waitUntil(() => summary(chart).startsWith("15 requests"), `key A's report; shown: ${summary(chart)}`);
    expect(chart.getAttribute("key-id")).to.equal(a.id);
    expect(withTraffic(shownBuckets(chart))).to.deep.equal(withTraffic(expectedBuckets(s.records.filter((r) => r.keyId === a.id))));
    expect((await drawnChart(chart)).data.datasets[0]!.data, "the chart is redrawn for the key").to.deep.equal(
      [...shownBuckets(chart).values()].map((b) => b.requests),
    );

    chart.showKey(undefined);
    await waitUntil(() => summary(chart).startsWith("22 requests"), `every key again; shown: ${summary(chart)}`);
    expect(part(chart, "keys-table") !== null, "the split per key is back").to.equal(true);
  });

  it('shows hourly buckets for days="1"', async () => {
    const chart = await render(s, { days: 1 });
    await ready(chart);
    const table = part<HTMLTableElement>(chart, "table")!;
    expect(text(table.tHead!.rows[0]!.cells[0])).to.equal("Hour");
    const shown = shownBuckets(chart);
    expect(shown.size, "24 hours").to.equal(24);
    expect(
      [...shown.keys()].every((label) => /^\d{4}-\d{2}-\d{2}T\d{2}:00$/.test(label)),
      "hour labels",
    ).to.equal(true);

    // The records of the last day, hour by hour; older ones fall outside the 24 buckets.
    const expected = expectedBuckets(s.records, true);
    const inRange = new Map([...expected].filter(([label]) => shown.has(label)));
    expect(withTraffic(shown)).to.deep.equal(withTraffic(inRange));
    const total = [...inRange.values()].reduce((sum, counts) => sum + counts.requests, 0);
    // Today's six calls are minutes old; yesterday's fall just outside (unless clocks went back).
    expect(total, "today's six calls are within the last 24 hours").to.be.at.least(6);
    expect(summary(chart)).to.match(new RegExp(`^${total} requests, .* errors over 1 day$`));
    // An hour reads as a 24-hour time after the day, e.g. "Mon, Dec 1, 14:00".
    expect(text(table.tBodies[0]!.rows[0]!.cells[0])).to.match(/\b\d{2}:00$/);
    expect(
      (await drawnChart(chart)).data.labels!.every((label) => /^\d{2}:00$/.test(String(label))),
      "axis labels are hours",
    ).to.equal(true);
  });

  it("says when a developer had no traffic in the period", async () => {
    const { developerId } = await signUp(s, `quiet-${Date.now()}@example.test`);
    const chart = await fixture<UsageChart>(
      html`<usage-chart api-base=${s.apiBase} org=${s.org} token=${s.token} developer-id=${developerId}></usage-chart>`,
    );
    await ready(chart);
    expect(text(part(chart, "empty"))).to.equal("No traffic in this period");
    expect(part(chart, "canvas") === null, "nothing to draw").to.equal(true);
    expect(part(chart, "table") === null, "no table of zeros").to.equal(true);
  });

  it("shows an error with Retry when the server cannot be reached, and recovers", async () => {
    let offline = true;
    const flakyFetch: typeof fetch = (input, init) => (offline ? Promise.reject(new TypeError("Failed to fetch")) : fetch(input, init));
    const chart = await fixture<UsageChart>(
      html`<usage-chart .client=${client(s, flakyFetch)} developer-id=${s.developerId}></usage-chart>`,
    );
    expect(text(part(chart, "loading"))).to.equal("Loading usage…");

    await waitUntil(() => part(chart, "error") !== null, "the error state should show", { timeout: 10_000 });
    expect(part(chart, "error")!.getAttribute("role")).to.equal("alert");
    expect(text(part(chart, "error"))).to.contain("The usage could not be loaded.");
    expect(part(chart, "canvas") === null, "no chart").to.equal(true);

    offline = false;
    part<HTMLButtonElement>(chart, "retry")!.click();
    await ready(chart, "Retry loads the report");
    expect(summary(chart)).to.equal("22 requests, 27.3% errors over 7 days");
    expect(part(chart, "error") === null, "the error is gone").to.equal(true);
    await drawnChart(chart);
  });

  it('shows the logged-in developer their own usage with mode="self"', async () => {
    const chart = await fixture<UsageChart>(
      html`<usage-chart api-base=${s.apiBase} org=${s.org} token=${s.developerToken} mode="self"></usage-chart>`,
    );
    await ready(chart);
    expect(summary(chart)).to.equal("22 requests, 27.3% errors over 7 days");
    expect(withTraffic(shownBuckets(chart))).to.deep.equal(withTraffic(expectedBuckets(s.records)));
    expect(part<HTMLTableElement>(chart, "keys-table")!.tBodies[0]!.rows.length).to.equal(2);
  });

  it("splits days at the browser's midnight, or at the midnight of the zone in tz", async () => {
    const zones: (string | null)[] = [];
    const recording: typeof fetch = (input, init) => {
      zones.push(new URL(input instanceof Request ? input.url : String(input)).searchParams.get("tz"));
      return fetch(input, init);
    };
    const chart = await fixture<UsageChart>(
      html`<usage-chart .client=${client(s, recording)} developer-id=${s.developerId}></usage-chart>`,
    );
    await ready(chart);
    expect(zones).to.deep.equal([timeZone]);

    const zone = "Pacific/Kiritimati"; // UTC+14: most days start at another instant than in UTC
    chart.tz = zone;
    await waitUntil(() => zones.length === 2 && chart.shadowRoot!.querySelector('[aria-busy="true"]') === null, "a report for the zone");
    expect(zones[1]).to.equal(zone);
    const expected: Record<string, number> = {};
    for (const record of s.records) {
      const day = new Intl.DateTimeFormat("en-CA", {
        timeZone: zone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      }).format(new Date(record.timestamp));
      expected[day] = (expected[day] ?? 0) + 1;
    }
    const shown = Object.fromEntries(Object.entries(withTraffic(shownBuckets(chart))).map(([day, counts]) => [day, counts.requests]));
    expect(shown).to.deep.equal(expected);
  });

  it("colours the chart from the --portico-* custom properties", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`
      <div style="--portico-chart-color-5xx: rgb(1, 2, 3); --portico-color-success: rgb(4, 5, 6); --portico-color-primary: rgb(7, 8, 9)">
        <usage-chart api-base=${s.apiBase} org=${s.org} token=${s.token} developer-id=${s.developerId}></usage-chart>
      </div>
    `);
    const chart = wrapper.querySelector("usage-chart")!;
    await ready(chart);
    const drawn = await drawnChart(chart);
    const colours = Object.fromEntries(drawn.data.datasets.map((dataset) => [dataset.label, String(dataset.borderColor)]));
    expect(colours).to.deep.equal({
      "All requests": "rgb(7, 8, 9)",
      Success: "rgb(4, 5, 6)",
      "Client errors (4xx)": "#b45309",
      "Server errors (5xx)": "rgb(1, 2, 3)",
    });

    // A host restyling at run time asks for an update; the canvas follows without a reload.
    wrapper.style.setProperty("--portico-color-warning", "rgb(10, 11, 12)");
    chart.requestUpdate();
    const fourXx = () => String(drawn.data.datasets.find((d) => d.label === "Client errors (4xx)")!.backgroundColor);
    await waitUntil(() => fourXx() === "rgb(10, 11, 12)", `the new colour is drawn; drawn: ${fourXx()}`);
  });

  it("says what is missing without a developer-id in the admin mode", async () => {
    const chart = await fixture<UsageChart>(html`<usage-chart api-base=${s.apiBase} org=${s.org} token=${s.token}></usage-chart>`);
    await waitUntil(() => part(chart, "error") !== null, "the error state should show");
    expect(text(part(chart, "error"))).to.contain("needs a developer-id attribute");
  });
});
