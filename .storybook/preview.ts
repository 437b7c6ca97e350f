import { setCustomElementsManifest, type Decorator, type Preview } from "@storybook/web-components-vite";
import { html } from "lit";
import { ref } from "lit/directives/ref.js";
import manifest, { type Declaration, type Manifest } from "virtual:custom-elements-manifest";
import { resetStrings, setStrings, strings, type Theme } from "../components/index.js";
import fr from "../components/locales/fr.js";

/**
 * The manifest as the docs should show it: a tag's public properties only (no private state, no
 * internals of the base class), each once. An attribute that sets a property is named in that
 * property's row rather than given a row of its own, so every setting has one control.
 */
function publicApi(source: Manifest): Manifest {
  const declaration = (d: Declaration): Declaration => {
    if (!d.tagName) return d;
    const members = (d.members ?? []).filter(
      (m) => m.kind === "field" && !m.static && (m.privacy ?? "public") === "public" && !m.name.startsWith("#"),
    );
    const names = new Set(members.map((m) => m.name));
    return {
      ...d,
      members: members.map((m) =>
        m.attribute ? { ...m, description: `${m.description ?? ""} Attribute: \`${m.attribute}\`.`.trim() } : m,
      ),
      attributes: (d.attributes ?? []).filter((a) => !a.fieldName || !names.has(a.fieldName)),
    };
  };
  return { ...source, modules: source.modules.map((m) => ({ ...m, declarations: m.declarations?.map(declaration) })) };
}

setCustomElementsManifest(publicApi(manifest));

type ArgTypes = Parameters<NonNullable<Preview["argTypesEnhancers"]>[number]>[0]["argTypes"];

/**
 * Controls only where they act: a tag's properties (as the stories pass them), and the `--portico-*`
 * custom properties, which the decorator sets around the story. CSS parts, slots and events are
 * documented, not edited; events show in the Actions panel as they fire.
 */
function controlsThatAct({ argTypes }: { argTypes: ArgTypes }): ArgTypes {
  return Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category;
      // Enhancers see argTypes already normalised: controls in their object form.
      if (category === "css custom properties")
        return [name, { ...argType, control: { type: name.startsWith("--portico-color") ? "color" : "text" } }];
      if (category === "css shadow parts" || category === "slots" || category === "events")
        return [name, { ...argType, control: { disable: true } }];
      return [name, argType];
    }),
  );
}

/** The story's `--portico-*` args, as a style declaration for the element around it. */
function customProperties(args: Record<string, unknown>): string {
  return Object.entries(args)
    .filter(([name, value]) => name.startsWith("--portico-") && typeof value === "string" && value)
    .map(([name, value]) => `${name}: ${value};`)
    .join(" ");
}

/** Sends each `portico-*` event of the story's tag to its action (the manifest names them). */
function forwardEvents(argTypes: ArgTypes, args: Record<string, unknown>) {
  const handlers = Object.entries(argTypes).flatMap(([name, argType]) => {
    const event = (argType.action as { name?: string } | undefined)?.name;
    const handler = args[name];
    return event && typeof handler === "function" ? [[event, handler as (event: Event) => void] as const] : [];
  });
  let stop: (() => void) | undefined;
  return ref((element) => {
    stop?.();
    stop = undefined;
    if (!element) return;
    for (const [event, handler] of handlers) element.addEventListener(event, handler);
    stop = () => handlers.forEach(([event, handler]) => element.removeEventListener(event, handler));
  });
}

const BACKGROUND: Record<Theme, string> = { light: "#ffffff", dark: "#111827", auto: "light-dark(#ffffff, #111827)" };

/**
 * Every story in the chosen theme preset, text direction and language (toolbar, or a story's
 * `globals`). The preset goes through a `<portico-config>`, as a page would set it once for all
 * its tags; a story's own `theme` attribute still wins. The `--portico-*` controls are set on the
 * element around the story, as a host page would set them, and the tag's events reach Actions.
 */
const withPageSettings: Decorator = (story, context) => {
  const theme = (context.globals.theme ?? "light") as Theme;
  const dir = context.globals.dir === "rtl" ? "rtl" : "ltr";
  const locale = context.globals.locale === "fr" ? "fr" : "en";
  if (strings.locale !== locale) {
    if (locale === "fr") setStrings(fr);
    else resetStrings();
  }
  const style = `padding: 1rem; color-scheme: light dark; background: ${BACKGROUND[theme]}; ${customProperties(context.args)}`;
  return html`
    <div dir=${dir} lang=${locale} style=${style} ${forwardEvents(context.argTypes, context.args)}>
      <portico-config theme=${theme}>${story()}</portico-config>
    </div>
  `;
};

const preview: Preview = {
  // Every component gets a docs page built from the manifest and its stories.
  tags: ["autodocs"],
  parameters: {
    layout: "fullscreen",
    controls: { expanded: true },
  },
  // Stories use a ready `.client` with canned answers: these settings have no effect there.
  argTypes: {
    apiBase: { control: false },
    org: { control: false },
    token: { control: false },
    client: { control: false },
    theme: { control: false, description: "The preset (`light`, `dark`, `auto`); pick it in the toolbar." },
  },
  globalTypes: {
    theme: {
      description: "Theme preset of every tag",
      toolbar: { title: "Theme", icon: "paintbrush", items: ["light", "dark", "auto"], dynamicTitle: true },
    },
    dir: {
      description: "Text direction of the page",
      toolbar: {
        title: "Direction",
        icon: "transfer",
        items: [
          { value: "ltr", title: "Left to right" },
          { value: "rtl", title: "Right to left" },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: "Language of the text table (Portico.setStrings)",
      toolbar: {
        title: "Language",
        icon: "globe",
        items: [
          { value: "en", title: "English" },
          { value: "fr", title: "Français" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: "light", dir: "ltr", locale: "en" },
  argTypesEnhancers: [controlsThatAct],
  decorators: [withPageSettings],
};

export default preview;
