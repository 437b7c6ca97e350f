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

const result = await build({
  entryPoints: { portico: "components/index.ts" },
  outdir: "dist/components",
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
});

let core = 0;
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith(".js")) continue;
  const gzip = gzipSync(readFileSync(file)).length;
  const isChart = Object.keys(output.inputs).some((input) => input.includes("node_modules/chart.js"));
  if (!isChart) core += gzip;
  console.log(`${file}  ${(output.bytes / 1024).toFixed(1)} kB, ${(gzip / 1024).toFixed(1)} kB gzip${isChart ? "  (chart, loaded on demand)" : ""}`);
}
console.log(`core: ${(core / 1024).toFixed(1)} kB gzip of a ${(CORE_BUDGET_GZIP_BYTES / 1024).toFixed(0)} kB budget`);
if (core > CORE_BUDGET_GZIP_BYTES) {
  console.error("The core bundle is over its budget: find what grew (esbuild --analyze) before raising it.");
  process.exit(1);
}
