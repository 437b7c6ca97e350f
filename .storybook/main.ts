import type { StorybookConfig } from "@storybook/web-components-vite";

const config: StorybookConfig = {
  stories: ["../stories/**/*.stories.ts"],
  framework: { name: "@storybook/web-components-vite", options: {} },
  // The build machines reach npm only: no telemetry, no "what's new" lookups.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};

export default config;
