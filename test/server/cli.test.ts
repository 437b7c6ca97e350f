import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { hashSecret } from "../../server/crypto.js";
import { openDatabase } from "../../server/db/connect.js";

const run = promisify(execFile);

describe("the operator CLI (npx portico)", () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  async function portico(dataDir: string, args: string[], env: Record<string, string> = {}) {
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    return run(process.execPath, ["server/bin.mjs", ...args], { env: { ...rest, PORTICO_DATA_DIR: dataDir, ...env } });
  }

  it("creates an organisation and an admin in the embedded database, printing the key once", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "portico-cli-"));
    dirs.push(dataDir);
    const created = await portico(dataDir, ["create-org", "acme", "Acme APIs", "--origin", "https://dev.acme.example"]);
    const apiKey = /API key \(shown once\): (pak_\S+)/.exec(created.stdout)?.[1];
    assert.ok(apiKey, created.stdout);
    const admin = await portico(dataDir, ["create-admin", "acme", "boss@acme.example", "Boss"]);
    assert.match(admin.stdout, /Password \(shown once\): \S{12,}/);

    const bad = await portico(dataDir, ["create-org", "Not A Slug", "X"]).catch((error: { code: number; stderr: string }) => error);
    assert.equal((bad as { code: number }).code, 2);
    assert.match((bad as { stderr: string }).stderr, /slug/);

    const database = await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pgdata") });
    try {
      const org = await database.db.selectFrom("orgs").selectAll().where("slug", "=", "acme").executeTakeFirstOrThrow();
      assert.deepEqual(org.allowed_origins, ["https://dev.acme.example"]);
      const key = await database.db.selectFrom("org_api_keys").select("key_hash").where("org_id", "=", org.id).executeTakeFirstOrThrow();
      assert.equal(key.key_hash, hashSecret(apiKey!));
      const admins = await database.db.selectFrom("admins").select("email").where("org_id", "=", org.id).execute();
      assert.deepEqual(admins, [{ email: "boss@acme.example" }]);
    } finally {
      await database.close();
    }
  });
});
