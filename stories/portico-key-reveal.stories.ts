import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../components/index.js";

interface Args {
  apiName: string;
}

const KEY = "pdk_live_3f9a0c1b2d4e5f60718293a4b5c6d7e8f9a0b1c2";

const meta: Meta<Args> = {
  title: "Components/portico-key-reveal",
  component: "portico-key-reveal",
  args: { apiName: "Weather API" },
  render: ({ apiName }) => html`<portico-key-reveal .key=${KEY} .apiName=${apiName}></portico-key-reveal>`,
  parameters: {
    docs: {
      description: {
        component:
          "A newly issued key, shown once, with Copy. `<subscription-table>` and `<api-catalogue>` show it after a subscription; the host removes it on `portico-key-reveal-close`.",
      },
    },
  },
};

export default meta;

type Story = StoryObj<Args>;

/** Copy writes the key to the clipboard, or selects it when the browser refuses. */
export const Ready: Story = {};

/** A long API name wraps; the key never breaks the layout. */
export const LongContent: Story = { args: { apiName: "Historical Observations and Climate Normals Archive API (1950 onwards)" } };

/** Right-to-left (the Direction toolbar does this for every story): the panel mirrors. */
export const RightToLeft: Story = { name: "Right to left", globals: { dir: "rtl" } };
