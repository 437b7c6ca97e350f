import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../components/index.js";
import { click, fill, inShadow, tag } from "./account-play.js";
import { fakeAccountsClient, STORY_PASSWORD, type FakeAccountsOptions } from "./fake-accounts.js";
import { fakeDeveloper } from "./fake-portico.js";

interface Args {
  mode: "admin" | "self";
}

const ID = "00000000-0000-4000-8000-000000000001";

/** Each render gets its own fake server, so an edit in one story leaves the others alone. */
const renderWith =
  (options: FakeAccountsOptions = {}) =>
  ({ mode }: Args) =>
    html`<developer-profile .client=${fakeAccountsClient(options)} mode=${mode} developer-id=${ID}></developer-profile>`;

const profile = (canvas: HTMLElement) => tag(canvas, "developer-profile");

/** Waits for the profile, then presses one of its buttons. */
async function press(canvas: HTMLElement, part: string): Promise<void> {
  await inShadow(profile(canvas), '[part~="overview"]');
  await click(profile(canvas), `[part~="${part}"]`);
}

const meta: Meta<Args> = {
  title: "Components/developer-profile",
  component: "developer-profile",
  args: { mode: "admin" },
  argTypes: { mode: { control: "inline-radio", options: ["admin", "self"] } },
  parameters: {
    docs: {
      description: {
        component: `A developer's profile, for an admin (\`mode="admin"\`) or the developer (\`mode="self"\`). Stories use canned answers; the current password is \`${STORY_PASSWORD}\`.`,
      },
    },
  },
};

export default meta;

type Story = StoryObj<Args>;

/** Waiting for the profile (the fake server never answers). */
export const Loading: Story = { render: renderWith({ mode: "loading" }) };

/** The server answers 503 (after the client's retries); Retry asks again. */
export const ErrorState: Story = { name: "Error", render: renderWith({ mode: "error", latency: 50 }) };

/** No developer has this id. */
export const NotFound: Story = { render: renderWith({ notFound: true }) };

/** An admin's view: overview, Edit, Send password reset email, Delete. */
export const Admin: Story = { render: renderWith() };

/** The developer's own view: Edit profile, Change password, Log out. */
export const Self: Story = { args: { mode: "self" }, render: renderWith() };

/** `mode="self"` with nobody logged in; the `logged-out` slot holds a login form. */
export const LoggedOut: Story = {
  args: { mode: "self" },
  render: () => html`
    <developer-profile .client=${fakeAccountsClient({ loggedOut: true })} mode="self">
      <login-form slot="logged-out" .client=${fakeAccountsClient()} session-storage="off"></login-form>
    </developer-profile>
  `,
};

/** Inactive, with many custom fields, long values and no picture: everything wraps. */
export const LongContent: Story = {
  render: renderWith({
    developer: fakeDeveloper({
      name: "Maria Anna Sophia Eleonora Wilhelmina von Hohenzollern-Sigmaringen und Thurn und Taxis",
      email: "anna.sophia.eleonora.wilhelmina.von.hohenzollern-sigmaringen@extremely-long-subdomain.corporate-identity.example",
      telephone: "+49 (0) 30 1234 5678 / 90",
      country: "DE",
      inactive: true,
      picture: false,
      fields: {
        company: "Hohenzollern-Sigmaringen Vermögensverwaltungsgesellschaft mit beschränkter Haftung & Co. KG",
        useCase: "A very long explanation of what the integration does: ".repeat(6).trim(),
        markup: "<img src=x onerror=alert(1)> is shown as text",
        team: "Payments",
        vat: "DE123456789",
      },
    }),
  }),
};

/** The edit form, with every field and the custom fields as rows. */
export const Editing: Story = {
  render: renderWith(),
  play: async ({ canvasElement }) => press(canvasElement, "edit-button"),
};

/** The server's messages beside the fields (an invalid email, an invalid custom field name). */
export const EditErrors: Story = {
  render: renderWith(),
  play: async ({ canvasElement }) => {
    await press(canvasElement, "edit-button");
    const host = profile(canvasElement);
    await fill(host, "email", "not an email");
    await click(host, ".add-field");
    // The new row: its name field starts empty.
    const key = await inShadow<HTMLInputElement>(host, 'input[name^="field-key-"][value=""]');
    await fill(host, key.name, "9 lives");
    await click(host, '[part~="edit-form"] button[type="submit"]');
  },
};

/** Someone else saved first (412): the edit is refused, with a Reload action. */
export const Conflict: Story = {
  render: renderWith({ conflict: true }),
  play: async ({ canvasElement }) => {
    await press(canvasElement, "edit-button");
    const host = profile(canvasElement);
    await fill(host, "name", "Ada King, Countess of Lovelace");
    await click(host, '[part~="edit-form"] button[type="submit"]');
  },
};

/** Delete asks first. */
export const DeleteConfirmation: Story = {
  render: renderWith(),
  play: async ({ canvasElement }) => press(canvasElement, "delete-button"),
};

/** After "Send password reset email": a neutral confirmation. */
export const ResetSent: Story = {
  render: renderWith(),
  play: async ({ canvasElement }) => press(canvasElement, "reset-button"),
};

/** The change password form; a wrong current password is named beside its field. */
export const ChangePassword: Story = {
  args: { mode: "self" },
  render: renderWith(),
  play: async ({ canvasElement }) => {
    await press(canvasElement, "password-button");
    const host = profile(canvasElement);
    await fill(host, "currentPassword", "not-the-password");
    await fill(host, "newPassword", "a-new-password");
    await fill(host, "confirmPassword", "a-new-password");
    await click(host, '[part~="password-form"] button[type="submit"]');
  },
};

/** The `usage` and `subscriptions` slots under the overview, filled by the page. */
export const WithSlots: Story = {
  render: ({ mode }) => html`
    <developer-profile .client=${fakeAccountsClient()} mode=${mode} developer-id=${ID}>
      <div slot="usage" style="padding: 1rem; border: 1px dashed #9aa5b1; border-radius: 6px">Usage panel (a later issue)</div>
      <div slot="subscriptions" style="padding: 1rem; border: 1px dashed #9aa5b1; border-radius: 6px">
        Subscriptions panel (a later issue)
      </div>
    </developer-profile>
  `,
};

/** The theming ladder's middle rung: a few `--portico-*` properties restyle the profile. */
export const Themed: Story = {
  render: (args) => html`
    <div
      style="--portico-color-primary: #7c3aed; --portico-color-surface: #f5f3ff; --portico-radius: 12px; --portico-font-family: Georgia, serif;"
    >
      ${renderWith()(args)}
    </div>
  `,
};

/** Right-to-left (the Direction toolbar does this for every story): the layout mirrors, text keeps its own direction. */
export const RightToLeft: Story = { ...Admin, name: "Right to left", globals: { dir: "rtl" } };
