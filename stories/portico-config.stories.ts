import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../components/index.js";
import type { Theme } from "../components/index.js";
import { STORY_DEVELOPER_ID, fakeAccessClient, sampleAccess } from "./fake-access.js";
import { fakeClient, sampleDevelopers } from "./fake-portico.js";

interface Args {
  theme: Theme;
}

const meta: Meta<Args> = {
  title: "Components/portico-config",
  component: "portico-config",
  args: { theme: "dark" },
  argTypes: { theme: { control: "inline-radio", options: ["light", "dark", "auto"], description: "The preset of every tag inside." } },
  // A page sets api-base, org and token here once; the stories' tags have canned clients, so only the theme shows.
  render: ({ theme }) => html`
    <portico-config theme=${theme}>
      <developer-list page-size="3" .client=${fakeClient({ developers: sampleDevelopers(6) })}></developer-list>
      <subscription-table developer-id=${STORY_DEVELOPER_ID} .client=${fakeAccessClient(sampleAccess())}></subscription-table>
    </portico-config>
  `,
  parameters: {
    docs: {
      description: {
        component:
          "Settings shared by every Portico tag inside it, at any depth: `api-base`, `org`, `token` and `theme`. A tag's own attributes still win.",
      },
    },
  },
};

export default meta;

type Story = StoryObj<Args>;

/** Two tags, one theme: set once on the `<portico-config>` around them. */
export const SharedTheme: Story = { name: "Shared theme" };

/** Right-to-left (the Direction toolbar does this for every story). */
export const RightToLeft: Story = { name: "Right to left", args: { theme: "light" }, globals: { dir: "rtl" } };
