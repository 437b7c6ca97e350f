import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../components/index.js";
import { buttonLabelled, fakeAccessClient, fakeEntry, fakePolicy, sampleAccess, until, type FakeAccessOptions } from "./fake-access.js";

interface Args {
  loginUrl: string;
}

/** Each render gets its own fake server. */
const renderWith =
  (options: () => FakeAccessOptions) =>
  ({ loginUrl }: Args) =>
    html`<api-catalogue login-url=${loginUrl} .client=${fakeAccessClient(options())}></api-catalogue>`;

const catalogue = (canvas: HTMLElement) => canvas.querySelector("api-catalogue")!;

const meta: Meta<Args> = {
  title: "Components/api-catalogue",
  component: "api-catalogue",
  args: { loginUrl: "#login" },
  parameters: {
    docs: {
      description: {
        component:
          "The organisation's live API catalogue as cards. With a developer's session each card has Subscribe, which shows the new key once; without one, a Log in to subscribe link (or the `login` slot). Stories use canned answers.",
      },
    },
  },
};

export default meta;

type Story = StoryObj<Args>;

/** Waiting for the catalogue (the fake server never answers). */
export const Loading: Story = { render: renderWith(() => ({ mode: "loading" })) };

/** Nothing published yet. */
export const Empty: Story = { render: renderWith(() => ({ catalogue: [] })) };

/** The server answers 503 (after the client's retries); Retry asks again. */
export const ErrorState: Story = { name: "Error", render: renderWith(() => ({ mode: "error", latency: 50 })) };

/** A developer's view: Subscribe on each live API (the unpublished one is not shown); Geocoding Pro needs approval. */
export const Ready: Story = { render: renderWith(sampleAccess) };

/** No session: the catalogue is read-only, with a link to log in. */
export const LoggedOut: Story = { name: "Logged out", render: renderWith(() => ({ ...sampleAccess(), token: null })) };

/** The `login` slot replaces the default link, here with the host's own button. */
export const LoginSlot: Story = {
  name: "Logged out, login slot",
  render: () =>
    html`<api-catalogue .client=${fakeAccessClient({ ...sampleAccess(), token: null })}>
      <button slot="login" type="button">Sign in with your company account</button>
    </api-catalogue>`,
};

/** Right after subscribing to the Weather API: the key, once, with Copy. */
export const KeyRevealed: Story = {
  name: "Key revealed",
  render: renderWith(sampleAccess),
  play: async ({ canvasElement }) => {
    const root = catalogue(canvasElement).shadowRoot!;
    (await until(() => buttonLabelled(root.querySelector('[part~="card"]'), "Subscribe"))).click();
  },
};

/** Subscribing to an entry that needs approval: the request waits for an admin. */
export const Requested: Story = {
  render: renderWith(sampleAccess),
  play: async ({ canvasElement }) => {
    const root = catalogue(canvasElement).shadowRoot!;
    const card = await until(() => [...root.querySelectorAll('[part~="card"]')].find((c) => c.querySelector('[part~="approval-tag"]')));
    buttonLabelled(card, "Subscribe")!.click();
  },
};

/** Long names and descriptions wrap inside their cards; markup shows as text. */
export const LongContent: Story = {
  render: renderWith(() => {
    const policy = fakePolicy({ name: "Any" });
    const { catalogue: entries, policies } = sampleAccess();
    return {
      policies: [...policies, policy],
      catalogue: [
        fakeEntry({
          name: "Historical Observations and Climate Normals Archive API for Researchers (1950 onwards, all stations)",
          policyId: policy.id,
          shortDescription:
            "Every observation from every station since 1950, with homogenised series, climate normals for 1961–1990 and 1991–2020, and quality flags for each value. Bulk exports as CSV or Parquet.",
          longDescription:
            "Paragraph one.\n\nParagraph two, after a blank line.\nhttps://example.com/a/very/long/link/that/must/wrap/inside/the/card/without/overflowing",
        }),
        fakeEntry({ name: "<img src=x onerror=alert(1)> shown as text", policyId: policy.id, shortDescription: "<b>not bold</b>" }),
        fakeEntry({ name: "محرك البحث الجغرافي", policyId: policy.id, shortDescription: "واجهة برمجة للعناوين والإحداثيات." }),
        ...entries,
      ],
    };
  }),
};

/** Right-to-left (the Direction toolbar does this for every story): the layout mirrors, text keeps its own direction. */
export const RightToLeft: Story = { ...Ready, name: "Right to left", globals: { dir: "rtl" } };
