import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { configFromEnv } from "./config.js";
import { openDatabase } from "./db/connect.js";
import { DEMO_ORG_SLUG, seedDemo } from "./demo/seed.js";
import { adminCreateSchema } from "../sdk/schemas/accounts.js";
import { orgCreateSchema } from "../sdk/schemas/orgs.js";
import { createAdmin } from "./services/accounts.js";
import { createOrg } from "./services/orgs.js";

const USAGE = `Usage: portico <command>

  start                                   run the server (same as npm start)
  migrate                                 apply pending database migrations
  create-org <slug> <name> [--origin URL]…  create an organisation and print its API key
  create-admin <org> <email> <name>       create an admin user; the password comes from
                                          PORTICO_ADMIN_PASSWORD or is generated and printed
  seed-demo                               create the demo organisation if it does not exist

The database is the one the server would use: DATABASE_URL, or embedded in PORTICO_DATA_DIR.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { origin: { type: "string", multiple: true }, help: { type: "boolean", short: "h" } },
});
const [command = "start", ...args] = positionals;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

if (command === "start") {
  await import("./main.js");
} else {
  const config = configFromEnv();
  const database = await openDatabase(config.database);
  try {
    const { db } = database;
    switch (command) {
      case "migrate":
        process.stdout.write("Migrations applied.\n");
        break;
      case "create-org": {
        const [slug, name] = args;
        const input = orgCreateSchema.safeParse({ slug, name, allowedOrigins: values.origin ?? [] });
        if (!input.success) fail(`Invalid organisation: ${input.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
        const { org, apiKey } = await createOrg(db, input.data);
        process.stdout.write(`Organisation ${org.slug} created.\nAPI key (shown once): ${apiKey}\n`);
        break;
      }
      case "create-admin": {
        const [slug, email, name] = args;
        const org = await db.selectFrom("orgs").selectAll().where("slug", "=", slug ?? "").executeTakeFirst();
        if (!org) fail(`No organisation "${slug}".`);
        const generated = !process.env.PORTICO_ADMIN_PASSWORD;
        const password = process.env.PORTICO_ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
        const input = adminCreateSchema.safeParse({ email, name, password });
        if (!input.success) fail(`Invalid admin: ${input.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
        const admin = await createAdmin(db, org, input.data);
        process.stdout.write(`Admin ${admin.email} created in ${org.slug}.${generated ? `\nPassword (shown once): ${password}` : ""}\n`);
        break;
      }
      case "seed-demo": {
        const apiKey = await seedDemo(db, config.publicUrl ? [new URL(config.publicUrl).origin] : [`http://localhost:${config.port}`]);
        process.stdout.write(apiKey ? `Demo organisation ${DEMO_ORG_SLUG} created.\nAPI key (shown once): ${apiKey}\n` : `Demo organisation ${DEMO_ORG_SLUG} exists already.\n`);
        break;
      }
      default:
        fail(`Unknown command "${command}".`);
    }
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}
