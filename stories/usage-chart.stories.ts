import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../components/index.js";
import type { UsageChart } from "../components/index.js";
import { FAKE_KEYS, fakeUsageClient, type FakeUsageOptions } from "./fake-usage.js";

interface Args {
  days: number;
  tz: string;
}

const DEVELOPER_ID = "00000000-0000-4000-8000-000000000001";

const renderWith =
  (options: FakeUsageOptions, extra: { keyId?: string; mode?: "self" } = {}) =>
  ({ days, tz }: Args) => html`
    <usage-chart
      .client=${fakeUsageClient(options)}
      developer-id=${extra.mode ? "" : DEVELOPER_ID}
      mode=${extra.mode ?? "admin"}
      key-id=${extra.keyId ?? ""}
      days=${days}
      tz=${tz}
    ></usage-chart>
  `;

const meta: Meta<Args> = {
  title: "Components/usage-chart",
  component: "usage-chart",
  args: { days: 7, tz: Intl.DateTimeFormat().resolvedOptions().timeZone },
  argTypes: {
    days: { control: { type: "number", min: 1, max: 90 } },
    tz: { control: "text" },
  },
  parameters: {
    docs: {
      description: {
        component:
          "A developer's API usage per day (per hour up to two days): stacked success / 4xx / 5xx bars with a totals line, " +
          "a table alternative and the split per key. chart.js loads on first render. Stories use canned answers.",
      },
    },
  },
};

export default meta;

type Story = StoryObj<Args>;

/** Waiting for the report (the fake server never answers). */
export const Loading: Story = { render: renderWith({ mode: "loading" }) };

/** A developer whose keys saw no calls in the period. */
export const Empty: Story = { render: renderWith({ mode: "quiet" }) };

/** The server answers 503 (after the client's retries); Retry asks again. */
export const ErrorState: Story = {
  name: "Error",
  render: renderWith({ mode: "error", latency: 50 }),
};

/** A week of traffic over three keys (one revoked), with the split per key below. */
export const Ready: Story = { render: renderWith({ incidentDaysAgo: 2 }) };

/** The table alternative, shown with the toggle (screen readers always have it). */
export const AsTable: Story = {
  render: renderWith({ incidentDaysAgo: 2 }),
  play: async ({ canvasElement }) => {
    const chart = canvasElement.querySelector<UsageChart>("usage-chart")!;
    const toggle = async (): Promise<HTMLButtonElement | null> => {
      for (let tries = 0; tries < 50; tries++) {
        await chart.updateComplete;
        const button = chart.shadowRoot!.querySelector<HTMLButtonElement>('[part~="view-toggle"]');
        if (button) return button;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return null;
    };
    (await toggle())?.click();
  },
};

/** Two days or less: one bar per hour. */
export const Hourly: Story = { args: { days: 1 }, render: renderWith({}) };

/** Thirty days with a bad day (one request in eight failed with a 5xx). */
export const Month: Story = {
  args: { days: 30 },
  render: renderWith({ incidentDaysAgo: 9, dailyRequests: 12_500 }),
};

/** One key only (`key-id`): no split per key. */
export const OneKey: Story = {
  render: renderWith({ incidentDaysAgo: 2 }, { keyId: FAKE_KEYS[1]!.keyId }),
};

/** The logged-in developer's own dashboard (`mode="self"`). */
export const Self: Story = {
  render: renderWith({ dailyRequests: 240 }, { mode: "self" }),
};

/** Dark colours through the `--portico-*` properties, which the chart reads for its canvas too. */
export const DarkTheme: Story = {
  render: (args) => html`
    <div
      style="
        padding: 1rem;
        background: #0f172a;
        --portico-color-background: #0f172a;
        --portico-color-surface: #1e293b;
        --portico-color-text: #e2e8f0;
        --portico-color-muted: #94a3b8;
        --portico-color-border: #334155;
        --portico-color-primary: #93c5fd;
        --portico-color-on-primary: #0f172a;
        --portico-color-focus: #93c5fd;
        --portico-color-success: #4ade80;
        --portico-color-warning: #fbbf24;
        --portico-color-danger: #f87171;
        --portico-chart-color-total: #e2e8f0;
      "
    >
      ${renderWith({ incidentDaysAgo: 3 })(args)}
    </div>
  `,
};

/** Right-to-left (the Direction toolbar does this for every story): the layout mirrors, text keeps its own direction. */
export const RightToLeft: Story = { ...Ready, name: "Right to left", globals: { dir: "rtl" } };
