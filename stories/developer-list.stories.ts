import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../components/index.js";
import { fakeClient, fakeDeveloper, sampleDevelopers, type FakeOptions } from "./fake-portico.js";

interface Args {
  pageSize: number;
}

/** Each render gets its own fake server, so adding a developer in one story leaves the others alone. */
const renderWith =
  (options: FakeOptions) =>
  ({ pageSize }: Args) =>
    html`<developer-list .client=${fakeClient(options)} page-size=${pageSize}></developer-list>`;

const meta: Meta<Args> = {
  title: "Components/developer-list",
  component: "developer-list",
  args: { pageSize: 5 },
  argTypes: { pageSize: { control: { type: "number", min: 1, max: 100 } } },
  parameters: {
    docs: {
      description: {
        component: "A searchable, paged table of an organisation's developers, with a form to add one. Stories use canned answers.",
      },
    },
  },
};

export default meta;

type Story = StoryObj<Args>;

/** Waiting for the first page (the fake server never answers). */
export const Loading: Story = { render: renderWith({ mode: "loading" }) };

/** An organisation without developers yet. */
export const Empty: Story = { render: renderWith({ developers: [] }) };

/** The server answers 503 (after the client's retries); Retry asks again. */
export const ErrorState: Story = { name: "Error", render: renderWith({ mode: "error", latency: 50 }) };

/**
 * Twelve developers, five a page: search by email prefix (try `a`), walk the pages, add one
 * (an email already listed shows the 409 message beside the field), choose a row.
 */
export const Ready: Story = {
  render: renderWith({ developers: sampleDevelopers(12) }),
};

/** Long names and addresses wrap instead of widening the table; many pages. */
export const LongContent: Story = {
  args: { pageSize: 25 },
  render: renderWith({
    developers: [
      fakeDeveloper({
        name: "Maria Anna Sophia Eleonora Wilhelmina von Hohenzollern-Sigmaringen und Thurn und Taxis",
        email: "anna.sophia.eleonora.wilhelmina.von.hohenzollern-sigmaringen@extremely-long-subdomain.corporate-identity.example",
        country: "DE",
      }),
      fakeDeveloper({
        name: "Name with markup <img src=x onerror=alert(1)> shown as text",
        email: "a.markup@example.test",
        country: "CD",
        inactive: true,
      }),
      fakeDeveloper({ name: "Nguyễn Thị Minh Khai", email: "anh.khai@example.vn", country: "VN" }),
      fakeDeveloper({ name: "محمد بن موسى الخوارزمي", email: "al-khwarizmi@example.iq", country: "IQ" }),
      ...sampleDevelopers(60),
    ],
  }),
};

/** The theming ladder's middle rung: a few `--portico-*` properties restyle the whole table. */
export const Themed: Story = {
  render: (args) => html`
    <div
      style="--portico-color-primary: #7c3aed; --portico-color-surface: #f5f3ff; --portico-radius: 12px; --portico-font-family: Georgia, serif;"
    >
      ${renderWith({ developers: sampleDevelopers(8) })(args)}
    </div>
  `,
};

/** Right-to-left (the Direction toolbar does this for every story): the layout mirrors, text keeps its own direction. */
export const RightToLeft: Story = { ...Ready, name: "Right to left", globals: { dir: "rtl" } };
