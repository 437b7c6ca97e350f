// Bundles the components for a <script type="module"> tag: dist/components/portico.js registers
// every tag; heavy pieces loaded with import() (chart.js) become chunks of their own. Fails when
// the core (everything but the chart chunks) grows past its gzip budget.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

/**
 * Lit (~8 kB gzip with @lit/task and @lit/context) and ky (~5 kB) are the floor; the rest is the
 * nine tags' own forms, dialogs, tables and strings (~33 kB at 9 tags). 55 kB leaves room for the
 * dashboard without letting a dependency slip in unnoticed (docs/decisions.md, "Bundle").
 */
const CORE_BUDGET_GZIP_BYTES = 55 * 1024;

/** Each tag, its class, and the tags it renders itself (defined by its own entry point too). */
const TAGS = {
  "portico-config": ["portico-config/portico-config.ts", "PorticoConfig", []],
  "login-form": ["login-form/login-form.ts", "LoginForm", ["reset-password-form"]],
  "signup-form": ["signup-form/signup-form.ts", "SignupForm", []],
  "reset-password-form": ["reset-password-form/reset-password-form.ts", "ResetPasswordForm", []],
  "developer-list": ["developer-list/developer-list.ts", "DeveloperList", []],
  "portico-key-reveal": ["subscription-table/key-reveal.ts", "KeyReveal", []],
  "subscription-table": ["subscription-table/subscription-table.ts", "SubscriptionTable", ["portico-key-reveal"]],
  "api-catalogue": ["api-catalogue/api-catalogue.ts", "ApiCatalogue", ["portico-key-reveal"]],
  "usage-chart": ["usage-chart/usage-chart.ts", "UsageChart", []],
  "developer-profile": ["developer-profile/developer-profile.ts", "DeveloperProfile", ["usage-chart", "subscription-table"]],
  "developer-dashboard": ["developer-dashboard/developer-dashboard.ts", "DeveloperDashboard", ["usage-chart", "subscription-table", "developer-profile"]],
};

function withDependencies(tag, seen = new Set()) {
  if (seen.has(tag)) return seen;
  seen.add(tag);
  for (const dependency of TAGS[tag][2]) withDependencies(dependency, seen);
  return seen;
}

/** `dist/components/tags/<tag>.js`: for pages that load only the tags they use. */
const perTagEntries = {
  name: "per-tag-entries",
  setup(build) {
    build.onResolve({ filter: /^portico-tag:/ }, (args) => ({ path: args.path.slice("portico-tag:".length), namespace: "portico-tag" }));
    build.onLoad({ filter: /.*/, namespace: "portico-tag" }, (args) => ({
      resolveDir: process.cwd(),
      loader: "ts",
      contents: [...withDependencies(args.path)]
        .map((tag, index) => {
          const [file, className] = TAGS[tag];
          return `import { ${className} as C${index} } from "./components/${file}";\nif (!customElements.get("${tag}")) customElements.define("${tag}", C${index});`;
        })
        .join("\n"),
    }));
  },
};

const common = {
  bundle: true,
  splitting: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: true,
  metafile: true,
  chunkNames: "chunks/[name]-[hash]",
  tsconfig: "tsconfig.json",
  legalComments: "linked",
  logLevel: "warning",
};
// The one-script-tag bundle stands alone (its only chunk is chart.js); the per-tag entry points
// share chunks among themselves.
// French is an optional table a host imports and passes to Portico.setStrings(); not in the core.
const all = await build({
  ...common,
  entryPoints: { portico: "components/index.ts", "locales/fr": "components/locales/fr.ts" },
  outdir: "dist/components",
});
const perTag = await build({
  ...common,
  entryPoints: Object.fromEntries(Object.keys(TAGS).map((tag) => [tag, `portico-tag:${tag}`])),
  outdir: "dist/components/tags",
  plugins: [perTagEntries],
});
const result = { metafile: { outputs: { ...all.metafile.outputs, ...perTag.metafile.outputs } } };

/** A file and, through its static imports, every chunk it loads at once. */
function closure(file, outputs, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imported of outputs[file].imports) if (imported.kind === "import-statement") closure(imported.path, outputs, seen);
  return seen;
}

const outputs = result.metafile.outputs;
const gzipOf = (file) => gzipSync(readFileSync(file)).length;
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const isChart = (file) => Object.keys(outputs[file].inputs).some((input) => input.includes("node_modules/chart.js"));
for (const file of Object.keys(outputs).filter((file) => file.endsWith(".js") && !file.includes("/chunks/"))) {
  const loaded = [...closure(file, outputs)];
  console.log(`${file}  ${kB(loaded.reduce((sum, part) => sum + gzipOf(part), 0))} gzip with its chunks`);
}
const chart = Object.keys(outputs).find((file) => file.endsWith(".js") && isChart(file));
if (chart) console.log(`${chart}  ${kB(gzipOf(chart))} gzip (chart.js, loaded on a chart's first render)`);
// The core: what the all-tags entry loads before any chart is drawn.
const core = [...closure("dist/components/portico.js", outputs)].reduce((sum, file) => sum + gzipOf(file), 0);
console.log(`core (portico.js, every tag): ${kB(core)} gzip of a ${kB(CORE_BUDGET_GZIP_BYTES)} budget`);
if (core > CORE_BUDGET_GZIP_BYTES) {
  console.error("The core bundle is over its budget: find what grew (esbuild --analyze) before raising it.");
  process.exit(1);
}
