import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../components/index.js";
import type { SubscriptionTableMode } from "../components/index.js";
import {
  STORY_DEVELOPER_ID,
  buttonLabelled,
  fakeAccessClient,
  fakeEntry,
  fakePolicy,
  fakeSubscription,
  sampleAccess,
  until,
  type FakeAccessOptions,
} from "./fake-access.js";

interface Args {
  mode: SubscriptionTableMode;
}

/** Each render gets its own fake server, so a change in one story leaves the others alone. */
const renderWith =
  (options: () => FakeAccessOptions) =>
  ({ mode }: Args) =>
    html`<subscription-table mode=${mode} developer-id=${STORY_DEVELOPER_ID} .client=${fakeAccessClient(options())}></subscription-table>`;

const table = (canvas: HTMLElement) => canvas.querySelector("subscription-table")!;

const meta: Meta<Args> = {
  title: "Components/subscription-table",
  component: "subscription-table",
  args: { mode: "admin" },
  argTypes: { mode: { control: { type: "inline-radio" }, options: ["admin", "self"] } },
  parameters: {
    docs: {
      description: {
        component:
          "A developer's API keys with their catalogue entry, policy, limits, quota and status. Admins change a key's policy, revoke, approve or decline; developers (`mode=\"self\"`) subscribe and revoke their own. Stories use canned answers.",
      },
    },
  },
};

export default meta;

type Story = StoryObj<Args>;

/** Waiting for the keys (the fake server never answers). */
export const Loading: Story = { render: renderWith(() => ({ mode: "loading" })) };

/** A developer without keys. In self mode, "Subscribe to an API" is the way out. */
export const Empty: Story = { render: renderWith(() => ({ ...sampleAccess(), subscriptions: [] })) };

/** The server answers 503 (after the client's retries); Retry asks again. */
export const ErrorState: Story = { name: "Error", render: renderWith(() => ({ mode: "error", latency: 50 })) };

/**
 * An admin's view: a key near its quota, one on a minute-based policy, one moved to a policy no
 * catalogue entry publishes, and a revoked one. Try Change policy, Revoke and Analytics.
 */
export const AdminReady: Story = { name: "Admin, ready", render: renderWith(sampleAccess) };

/** The developer's own keys: Subscribe to an API lists the live catalogue; Revoke asks first. */
export const SelfReady: Story = { name: "Self, ready", args: { mode: "self" }, render: renderWith(sampleAccess) };

/** The Change policy dialog, opened on the first key: the current policy is marked and archived ones are left out. */
export const DialogOpen: Story = {
  name: "Change policy dialog open",
  render: renderWith(sampleAccess),
  play: async ({ canvasElement }) => {
    const root = table(canvasElement).shadowRoot!;
    const button = await until(() => buttonLabelled(root.querySelector('[part~="row"]'), "Change policy"));
    button.click();
  },
};

/** Revoke asks before the key stops working; Cancel has focus first. */
export const RevokeConfirmation: Story = {
  name: "Revoke confirmation",
  render: renderWith(sampleAccess),
  play: async ({ canvasElement }) => {
    const root = table(canvasElement).shadowRoot!;
    (await until(() => buttonLabelled(root.querySelector('[part~="row"]'), "Revoke"))).click();
  },
};

/** Self mode right after subscribing: the new key, once, with Copy. Done removes it for good. */
export const KeyRevealed: Story = {
  name: "Key revealed",
  args: { mode: "self" },
  render: renderWith(sampleAccess),
  play: async ({ canvasElement }) => {
    const root = table(canvasElement).shadowRoot!;
    (await until(() => buttonLabelled(root, "Subscribe to an API"))).click();
    const radio = await until(() => root.querySelector<HTMLInputElement>("#subscribe-dialog input[type=radio]"));
    radio.click();
    await table(canvasElement).updateComplete;
    (await until(() => buttonLabelled(root.querySelector("#subscribe-dialog"), "Subscribe")))!.click();
  },
};

/** Requests for an entry that needs approval: Approve or Decline them; an approved one waits for its key. */
export const Pending: Story = {
  render: renderWith(() => {
    const { policies, catalogue } = sampleAccess();
    const geocoding = catalogue.find((entry) => entry.requiresApproval)!;
    const gold = policies.find((policy) => policy.id === geocoding.policyId)!;
    return {
      policies,
      catalogue,
      subscriptions: [
        fakeSubscription(gold, geocoding, { status: "pending", daysAgo: 0 }),
        fakeSubscription(gold, geocoding, { status: "approved", daysAgo: 3 }),
        fakeSubscription(gold, geocoding, { status: "declined", daysAgo: 9 }),
      ],
    };
  }),
};

/** Long names wrap instead of widening the table; markup in a name shows as text. */
export const LongContent: Story = {
  render: renderWith(() => {
    const long = fakePolicy({
      name: "Enterprise partner agreement — unlimited burst for the northern European regional data centres (contract 2025-117)",
      rate: 2500,
      per: 1,
      quotaMax: 12_000_000,
      quotaRenewalSeconds: 30 * 86_400,
      apis: ["weather", "maps", "geocoding", "air-quality", "marine-forecasts", "historical-observations"],
    });
    const markup = fakePolicy({ name: "<img src=x onerror=alert(1)> shown as text", rate: 3, per: 90 });
    const entry = fakeEntry({ name: "Historical Observations and Climate Normals Archive API (1950 onwards)", policyId: long.id });
    const { policies, catalogue, subscriptions } = sampleAccess();
    return {
      policies: [...policies, long, markup],
      catalogue: [...catalogue, entry],
      subscriptions: [fakeSubscription(long, entry, { used: 11_950_000 }), fakeSubscription(markup, null, { used: 1 }), ...subscriptions],
    };
  }),
};

/** Right-to-left (the Direction toolbar does this for every story): the layout mirrors, text keeps its own direction. */
export const RightToLeft: Story = { ...AdminReady, name: "Right to left", globals: { dir: "rtl" } };
