import { createContext } from "@lit/context";

export type Theme = "light" | "dark" | "auto";

/** Settings shared by the tags of a page; a tag's own attributes win over these. */
export interface PageConfig {
  apiBase?: string;
  org?: string;
  token?: string;
  theme?: Theme;
}

/** What a `<portico-config>` ancestor provides to the tags inside it. */
export const pageConfigContext = createContext<PageConfig>(Symbol("portico-page-config"));

let globalConfig: PageConfig = {};

/** `Portico.configure({ apiBase, org })` once per page, for tags that are not inside a `<portico-config>`. */
export function configure(config: PageConfig): void {
  globalConfig = { ...globalConfig, ...config };
  document.dispatchEvent(new CustomEvent("portico-configure", { detail: globalConfig }));
}

export function globalPageConfig(): PageConfig {
  return globalConfig;
}
