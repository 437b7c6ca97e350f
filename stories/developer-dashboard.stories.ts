import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../components/index.js";
import { PorticoClient } from "../sdk/client.js";
import { fakeAccessClient, sampleAccess } from "./fake-access.js";
import { fakeAccountsClient } from "./fake-accounts.js";
import { fakeUsageClient } from "./fake-usage.js";

/** One client for the three parts: each request goes to the fake that knows its route. */
function dashboardClient(mode: "ready" | "error" | "quiet" = "ready"): PorticoClient {
  const usage = fakeUsageClient({ mode });
  const access = fakeAccessClient({ ...sampleAccess(), mode: mode === "quiet" ? "ready" : mode, token: "story-token" });
  const accounts = fakeAccountsClient({ mode: mode === "quiet" ? "ready" : mode });
  const route = (url: string) => (url.includes("/usage") ? usage : /subscriptions|catalogue|policies/.test(url) ? access : accounts);
  return new PorticoClient({
    baseUrl: usage.options.baseUrl,
    org: usage.options.org,
    fetch: (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      return route(url).options.fetch!(input, init);
    },
  });
}

const meta: Meta = {
  title: "Components/developer-dashboard",
  component: "developer-dashboard",
  tags: ["autodocs"],
};
export default meta;

type Story = StoryObj;

export const Ready: Story = { render: () => html`<developer-dashboard .client=${dashboardClient()}></developer-dashboard>` };

/** A developer whose keys had no traffic this week. */
export const NoTraffic: Story = { render: () => html`<developer-dashboard .client=${dashboardClient("quiet")}></developer-dashboard>` };

export const LoadFailed: Story = { render: () => html`<developer-dashboard .client=${dashboardClient("error")}></developer-dashboard>` };

/** Nobody is logged in: the page's own login form goes in the `logged-out` slot. */
export const LoggedOut: Story = {
  render: () => html`
    <developer-dashboard api-base="https://portal.example" org="acme">
      <p slot="logged-out">Please log in with the form above.</p>
    </developer-dashboard>
  `,
};

export const Dark: Story = {
  render: () => html`
    <div style="background:#111827;padding:1rem">
      <developer-dashboard theme="dark" .client=${dashboardClient()}></developer-dashboard>
    </div>
  `,
};

/** Right-to-left (the Direction toolbar does this for every story): the layout mirrors, text keeps its own direction. */
export const RightToLeft: Story = { ...Ready, name: "Right to left", globals: { dir: "rtl" } };
