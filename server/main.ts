import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { configFromEnv } from "./config.js";
import { DEMO_ADMIN_EMAIL, DEMO_ORG_SLUG, DEMO_PASSWORD, seedDemo } from "./demo/seed.js";
import { startServer } from "./server.js";

const config = configFromEnv();
const server = await startServer(config);
const publicUrl = config.publicUrl ?? server.url.replace("127.0.0.1", "localhost");
const out = (line: string) => process.stderr.write(`${line}\n`);

out(`Portico listening on ${publicUrl} (${config.database.kind === "pglite" ? `embedded PostgreSQL in ${config.dataDir}` : "PostgreSQL"})`);
out(`API reference: ${publicUrl}/docs`);

if (config.demo) {
  // On the embedded database the demo key is kept in the data folder so that later starts can show it again.
  const keyFile = path.join(config.dataDir, "demo-api-key");
  const created = await seedDemo(server.database.db, [publicUrl, server.url]);
  if (created && config.database.kind === "pglite") await writeFile(keyFile, created, { mode: 0o600 });
  const apiKey = created ?? (config.database.kind === "pglite" ? await readFile(keyFile, "utf8").catch(() => null) : null);
  out(`Demo organisation: ${DEMO_ORG_SLUG}`);
  out(`Demo admin API key: ${apiKey ?? "(shown on first start only)"}`);
  out(`Demo logins (password "${DEMO_PASSWORD}"): admin ${DEMO_ADMIN_EMAIL}, developer ada@example.com`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
