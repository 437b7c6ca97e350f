import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { StorybookConfig } from "@storybook/web-components-vite";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MANIFEST = path.join(root, "custom-elements.json");
/** What `.storybook/preview.ts` imports to get the manifest (see custom-elements-manifest.d.ts). */
const MANIFEST_MODULE = "virtual:custom-elements-manifest";

/** The newest change to a component's source, in ms. */
function newestComponentChange(dir = path.join(root, "components")): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const file = path.join(dir, entry.name);
      return entry.isDirectory() ? newestComponentChange(file) : statSync(file).mtimeMs;
    }),
  );
}

/**
 * custom-elements.json as `npm run build` writes it. Storybook's docs and controls come from it,
 * so a Storybook build without it (or with an outdated one) runs the analyzer itself.
 */
function manifestSource(): string {
  if (!existsSync(MANIFEST) || statSync(MANIFEST).mtimeMs < newestComponentChange()) {
    execFileSync(process.execPath, [path.join(root, "node_modules/@custom-elements-manifest/analyzer/cem.js"), "analyze", "--quiet"], {
      cwd: root,
      stdio: "inherit",
    });
  }
  return readFileSync(MANIFEST, "utf8");
}

/**
 * The Docs pages (`tags: ["autodocs"]` in preview.ts) need `@storybook/addon-docs`, a package of its
 * own since Storybook 9; without it the stories, controls and toolbars still build.
 */
const docsAddon = existsSync(path.join(root, "node_modules/@storybook/addon-docs/package.json")) ? ["@storybook/addon-docs"] : [];

const config: StorybookConfig = {
  stories: ["../stories/**/*.stories.ts"],
  addons: docsAddon,
  framework: { name: "@storybook/web-components-vite", options: {} },
  // The build machines reach npm only: no telemetry, no "what's new" lookups.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite) => ({
    ...vite,
    plugins: [
      ...(vite.plugins ?? []),
      {
        name: "portico-custom-elements-manifest",
        resolveId: (id: string) => (id === MANIFEST_MODULE ? `\0${MANIFEST_MODULE}` : undefined),
        load: (id: string) => (id === `\0${MANIFEST_MODULE}` ? `export default ${manifestSource()};` : undefined),
      },
    ],
  }),
};

export default config;
