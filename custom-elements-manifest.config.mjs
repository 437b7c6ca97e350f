// `npm run build` writes custom-elements.json from the components' JSDoc (@summary @attr @prop
// @event @slot @csspart @cssprop); Storybook's docs and editors read it.
export default {
  globs: ["components/**/*.ts"],
  exclude: ["components/**/*.styles.ts", "components/shared/strings.ts"],
  outdir: ".",
  litelement: true,
};
