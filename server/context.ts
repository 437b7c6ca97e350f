import type { Kysely, Selectable } from "kysely";
import type { ServerConfig } from "./config.js";
import type { Database, OrgsTable } from "./db/schema.js";
import type { Logger } from "./logger.js";

/** What every request handler may use; built once at start. */
export interface Deps {
  db: Kysely<Database>;
  config: ServerConfig;
  logger: Logger;
  /** Sends queued mail now rather than at the next poll. */
  mail: { wake(): void };
}

export type Org = Selectable<OrgsTable>;

/** Who is calling, once the credential has been checked. */
export type Principal =
  | { kind: "root" }
  | { kind: "org-key"; orgId: string; keyId: string; scopes: readonly string[] }
  | {
      kind: "session";
      role: "developer" | "admin";
      orgId: string;
      sessionId: string;
      /** The developer's or the admin's id. */
      subjectId: string;
      expiresAt: Date;
      /** A cookie-borne session must pass the CSRF origin check on writes. */
      via: "bearer" | "cookie";
    };

export interface AppEnv {
  Variables: {
    deps: Deps;
    /** `null`: no credential; `"rejected"`: one was presented but is not valid. */
    principal: Principal | null | "rejected";
    /** The organisation named in the path, or `null` when it does not exist. */
    org: Org | null;
  };
}
