import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../components/index.js";
import { fakeResetClient, type FakeResetOptions } from "./fake-password-resets.js";

interface Args {
  loginUrl: string;
}

/** The token a mailed link would carry; the fake server accepts or refuses it as the story says. */
const STORY_TOKEN = "prt_story-token";

/** Each render gets its own fake server. `token` set: the page a mailed link opened. */
const renderWith =
  (options: FakeResetOptions, token?: string) =>
  ({ loginUrl }: Args) =>
    html`<reset-password-form .client=${fakeResetClient(options)} token=${token ?? ""} login-url=${loginUrl}></reset-password-form>`;

/** Fills the form's fields as a person would (an input event each) and optionally submits it. */
async function fill(canvasElement: HTMLElement, values: Record<string, string>, submit: boolean): Promise<void> {
  const tag = canvasElement.querySelector("reset-password-form")!;
  const first = Object.keys(values)[0]!;
  // The new-password form shows once the org's minimum length has loaded.
  for (let waited = 0; !tag.shadowRoot?.querySelector(`input[name="${first}"]`) && waited < 5000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const [name, value] of Object.entries(values)) {
    const input = tag.shadowRoot!.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
  }
  if (submit) tag.shadowRoot!.querySelector("form")!.requestSubmit();
}

const meta: Meta<Args> = {
  title: "Components/reset-password-form",
  component: "reset-password-form",
  args: { loginUrl: "#login" },
  parameters: {
    docs: {
      description: {
        component:
          "The forgotten-password flow. Without a token it asks for the email to mail a reset link to; on the page the link opens " +
          "(`?token=`) it sets the new password. Stories use canned answers.",
      },
    },
  },
};

export default meta;

type Story = StoryObj<Args>;

/** Asking for a reset link. */
export const RequestForm: Story = { name: "Request", render: renderWith({}) };

/** After asking: the same words whether or not the address has an account. */
export const Requested: Story = {
  render: renderWith({}),
  play: ({ canvasElement }) => fill(canvasElement, { email: "ada@analytical.example" }, true),
};

/** Too many requests for one address: the server's message. */
export const Throttled: Story = {
  render: renderWith({ request: "throttled" }),
  play: ({ canvasElement }) => fill(canvasElement, { email: "ada@analytical.example" }, true),
};

/** The page a mailed link opens: the org asks for at least 8 characters. */
export const Confirm: Story = { render: renderWith({ passwordMinLength: 8 }, STORY_TOKEN) };

/** The strength hint for a long enough but plain password. */
export const WeakHint: Story = {
  render: renderWith({ passwordMinLength: 8 }, STORY_TOKEN),
  play: ({ canvasElement }) => fill(canvasElement, { newPassword: "password" }, false),
};

/** The strength hint for a long, varied password. */
export const StrongHint: Story = {
  render: renderWith({ passwordMinLength: 8 }, STORY_TOKEN),
  play: ({ canvasElement }) => fill(canvasElement, { newPassword: "Tr0ub4dor&3-horse" }, false),
};

/** The confirmation differs from the new password: refused before anything is sent. */
export const Mismatch: Story = {
  render: renderWith({ passwordMinLength: 8 }, STORY_TOKEN),
  play: ({ canvasElement }) => fill(canvasElement, { newPassword: "Tr0ub4dor&3-horse", confirmPassword: "Tr0ub4dor&3-hose" }, true),
};

/** The link has expired: the message beside the form, and a way to request a new link. */
export const ExpiredToken: Story = {
  name: "Error (expired token)",
  render: renderWith({ passwordMinLength: 8, confirm: "expired" }, STORY_TOKEN),
  play: ({ canvasElement }) => fill(canvasElement, { newPassword: "Tr0ub4dor&3-horse", confirmPassword: "Tr0ub4dor&3-horse" }, true),
};

/** The new password is saved: a Log in link to the `login-url`. */
export const Success: Story = {
  render: renderWith({ passwordMinLength: 8 }, STORY_TOKEN),
  play: ({ canvasElement }) => fill(canvasElement, { newPassword: "Tr0ub4dor&3-horse", confirmPassword: "Tr0ub4dor&3-horse" }, true),
};

/** The theming ladder's middle rung: a few `--portico-*` properties restyle the form. */
export const Themed: Story = {
  render: (args) => html`
    <div
      style="--portico-color-primary: #7c3aed; --portico-color-surface: #f5f3ff; --portico-radius: 12px; --portico-font-family: Georgia, serif;"
    >
      ${renderWith({})(args)}
    </div>
  `,
};

/** Right-to-left (the Direction toolbar does this for every story): the layout mirrors, text keeps its own direction. */
export const RightToLeft: Story = { ...Confirm, name: "Right to left", globals: { dir: "rtl" } };
