// Bundles the components for a <script type="module"> tag: dist/components/portico.js registers
// every tag; heavy pieces loaded with import() (chart.js) become chunks of their own.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

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

for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith(".js")) continue;
  const gzip = gzipSync(readFileSync(file)).length;
  console.log(`${file}  ${(output.bytes / 1024).toFixed(1)} kB, ${(gzip / 1024).toFixed(1)} kB gzip`);
}
