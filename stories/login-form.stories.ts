import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../components/index.js";
import { click, fill, inShadow, tag } from "./account-play.js";
import { fakeAccountsClient, STORY_PASSWORD, type FakeAccountsOptions } from "./fake-accounts.js";

interface Args {
  /** The `loginRole` property (`account-role` attribute), so the manifest documents this control. */
  loginRole: "developer" | "admin";
}

/** Each render gets its own fake server. The session stays in memory (stories share one tab). */
const renderWith =
  (options: FakeAccountsOptions = {}) =>
  ({ loginRole }: Args) =>
    html`<login-form .client=${fakeAccountsClient(options)} account-role=${loginRole} session-storage="off"></login-form>`;

/** Types an email and a password and presses Log in. */
async function submit(canvasElement: HTMLElement, password: string): Promise<void> {
  const form = tag(canvasElement, "login-form");
  await fill(form, "email", "ada@example.com");
  await fill(form, "password", password);
  await click(form, '[part~="submit"]');
}

const meta: Meta<Args> = {
  title: "Components/login-form",
  component: "login-form",
  args: { loginRole: "developer" },
  argTypes: { loginRole: { control: "inline-radio", options: ["developer", "admin"] } },
  parameters: {
    docs: {
      description: {
        component: `Email and password login. Stories use canned answers: any email with the password \`${STORY_PASSWORD}\` logs in, anything else is refused.`,
      },
    },
  },
};

export default meta;

type Story = StoryObj<Args>;

/** The empty form. Try a wrong password, then the right one. */
export const Ready: Story = { render: renderWith() };

/** `account-role="admin"`: the same form logs an org admin in. */
export const Admin: Story = { args: { loginRole: "admin" }, render: renderWith() };

/** While the server answers (slowly here), the fields and button are disabled. */
export const Submitting: Story = {
  render: renderWith({ latency: 60_000 }),
  play: async ({ canvasElement }) => submit(canvasElement, STORY_PASSWORD),
};

/** 401: one message for a wrong email or password, at form level, with focus on it. */
export const WrongPassword: Story = {
  render: renderWith(),
  play: async ({ canvasElement }) => {
    await submit(canvasElement, "not-the-password");
    await inShadow(tag(canvasElement, "login-form"), '[part~="form-error"]');
  },
};

/** 429: the server's detail says to wait. */
export const Throttled: Story = {
  render: renderWith({ login: "throttled" }),
  play: async ({ canvasElement }) => submit(canvasElement, STORY_PASSWORD),
};

/** 403: the account is inactive (said only after the right password). */
export const Inactive: Story = {
  render: renderWith({ login: "inactive" }),
  play: async ({ canvasElement }) => submit(canvasElement, STORY_PASSWORD),
};

/** The server cannot be reached (503 after retries). */
export const ServerError: Story = {
  name: "Error",
  render: renderWith({ mode: "error", latency: 50 }),
  play: async ({ canvasElement }) => submit(canvasElement, STORY_PASSWORD),
};

/** Logged in: the form gives way to a short message (and `portico-login` fired). */
export const LoggedIn: Story = {
  render: renderWith(),
  play: async ({ canvasElement }) => submit(canvasElement, STORY_PASSWORD),
};

/** "Forgot your password?" shows `<reset-password-form>` in place of the form, with a way back. */
export const ResetOpen: Story = {
  render: renderWith(),
  play: async ({ canvasElement }) => click(tag(canvasElement, "login-form"), '[part~="reset-link"]'),
};

/** The `reset-link` slot replaces the link, here with a link to the host's own page. */
export const CustomResetLink: Story = {
  render: (args) => html`
    <login-form .client=${fakeAccountsClient()} account-role=${args.loginRole} session-storage="off">
      <a slot="reset-link" href="#reset">Lost your password? Reset it on our help pages</a>
    </login-form>
  `,
};

/** A long address and message wrap inside a narrow column. */
export const LongContent: Story = {
  render: (args) => html`<div style="max-width: 18rem">${renderWith({ login: "inactive" })(args)}</div>`,
  play: async ({ canvasElement }) => {
    const form = tag(canvasElement, "login-form");
    await fill(form, "email", "anna.sophia.eleonora.wilhelmina@extremely-long-subdomain.corporate-identity.example");
    await fill(form, "password", STORY_PASSWORD);
    await click(form, '[part~="submit"]');
  },
};

/** The theming ladder's middle rung: a few `--portico-*` properties restyle the form. */
export const Themed: Story = {
  render: (args) => html`
    <div
      style="--portico-color-primary: #7c3aed; --portico-radius: 12px; --portico-font-family: Georgia, serif; --portico-spacing: 0.6rem;"
    >
      ${renderWith()(args)}
    </div>
  `,
};

/** Right-to-left (the Direction toolbar does this for every story): the layout mirrors, text keeps its own direction. */
export const RightToLeft: Story = { ...Ready, name: "Right to left", globals: { dir: "rtl" } };
