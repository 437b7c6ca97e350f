import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../components/index.js";
import { click, fill, inShadow, tag } from "./account-play.js";
import { fakeAccountsClient, type FakeAccountsOptions } from "./fake-accounts.js";

/** Each render gets its own fake server. The session stays in memory (stories share one tab). */
const renderWith =
  (options: FakeAccountsOptions = {}) =>
  () =>
    html`<signup-form .client=${fakeAccountsClient(options)} session-storage="off"></signup-form>`;

const COMPANY_FIELDS = [
  { name: "company", label: "Company", required: true },
  { name: "website", label: "Web site", required: false },
];

const meta: Meta = {
  title: "Components/signup-form",
  component: "signup-form",
  parameters: {
    docs: {
      description: {
        component:
          "A developer's sign-up form with the organisation's extra fields. Stories use canned answers: `taken@example.com` is already registered; passwords need 8 characters.",
      },
    },
  },
};

export default meta;

type Story = StoryObj;

/** Waiting for the organisation's settings (the fake server never answers). */
export const Loading: Story = { render: renderWith({ mode: "loading" }) };

/** The settings could not be loaded (503 after retries); Retry asks again. */
export const ErrorState: Story = { name: "Error", render: renderWith({ mode: "error", latency: 50 }) };

/** The organisation asks for a company (required) and a web site. */
export const Ready: Story = { render: renderWith({ signupFields: COMPANY_FIELDS }) };

/** An organisation without extra fields and with the default password minimum. */
export const NoExtraFields: Story = { render: renderWith({ passwordMinLength: 6 }) };

/** The server's messages beside each field, focus on the first. */
export const FieldErrors: Story = {
  render: renderWith({ signupFields: COMPANY_FIELDS }),
  play: async ({ canvasElement }) => {
    const form = tag(canvasElement, "signup-form");
    await fill(form, "email", "not an email");
    await fill(form, "password", "short");
    await click(form, '[part~="submit"]');
  },
};

/** 409: the email is already registered. */
export const EmailTaken: Story = {
  render: renderWith(),
  play: async ({ canvasElement }) => {
    const form = tag(canvasElement, "signup-form");
    await fill(form, "email", "taken@example.com");
    await fill(form, "password", "long-enough");
    await fill(form, "name", "Second Ada");
    await click(form, '[part~="submit"]');
  },
};

/** Signed up: the form gives way to a welcome (and `portico-signup` fired). */
export const SignedUp: Story = {
  render: renderWith({ signupFields: COMPANY_FIELDS }),
  play: async ({ canvasElement }) => {
    const form = tag(canvasElement, "signup-form");
    await inShadow(form, "form");
    await fill(form, "email", "grace@example.com");
    await fill(form, "password", "long-enough");
    await fill(form, "name", "Grace Hopper");
    await fill(form, "fields.company", "US Navy");
    await click(form, '[part~="submit"]');
  },
};

/** Many extra fields with long labels wrap in a narrow column. */
export const LongContent: Story = {
  render: () => html`
    <div style="max-width: 20rem">
      ${renderWith({
        passwordMinLength: 12,
        signupFields: [
          { name: "company", label: "Company or organisation, as it appears on your invoices", required: true },
          { name: "vat", label: "VAT identification number (EU businesses only)", required: false },
          { name: "useCase", label: "What will you build with our APIs? A sentence or two helps us approve you faster.", required: true },
          { name: "referrer", label: "How did you hear about us?", required: false },
        ],
      })()}
    </div>
  `,
};

/** The theming ladder's middle rung: a few `--portico-*` properties restyle the form. */
export const Themed: Story = {
  render: () => html`
    <div style="--portico-color-primary: #0f766e; --portico-color-danger: #be123c; --portico-radius: 2px; --portico-font-size: 1rem;">
      ${renderWith({ signupFields: COMPANY_FIELDS })()}
    </div>
  `,
};

/** Right-to-left (the Direction toolbar does this for every story): the layout mirrors, text keeps its own direction. */
export const RightToLeft: Story = { ...Ready, name: "Right to left", globals: { dir: "rtl" } };
