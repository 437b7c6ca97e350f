// `npm run build` writes custom-elements.json from the components' JSDoc (@summary @attr @prop
// @event @slot @csspart @cssprop); Storybook's docs and editors read it.
export default {
  globs: ["components/**/*.ts"],
  // Text tables are data, not API: the manifest would print every string.
  exclude: ["components/**/*.styles.ts", "components/shared/strings.ts", "components/locales/**"],
  outdir: ".",
  litelement: true,
};
