import { AuditApi, CatalogueApi, KeysApi, PoliciesApi, SubscriptionsApi } from "./apis/access.js";
import { DevelopersApi } from "./apis/developers.js";
import { MeApi } from "./apis/me.js";
import { OrgsApi } from "./apis/orgs.js";
import { PasswordResetsApi } from "./apis/password-resets.js";
import { AdminsApi, SessionsApi } from "./apis/sessions.js";
import { UsageApi } from "./apis/usage.js";
import { Http } from "./http.js";

export interface PorticoClientOptions {
  /** The server's URL, e.g. `https://portal.example.com`. */
  baseUrl: string;
  /** The organisation's slug. */
  org: string;
  /** An org API key (servers only: never put it in a public page). */
  apiKey?: string;
  /** A session token from login or signup. */
  token?: string;
  /** A fetch implementation (tests, edge runtimes). */
  fetch?: typeof fetch;
  /** Send the session cookie with browser requests (same-site pages). */
  credentials?: RequestCredentials;
}

/** Typed access to a Portico server for one organisation. */
export class PorticoClient {
  readonly org: string;
  readonly developers: DevelopersApi;
  readonly orgs: OrgsApi;
  readonly sessions: SessionsApi;
  readonly admins: AdminsApi;
  readonly me: MeApi;
  readonly passwordResets: PasswordResetsApi;
  readonly policies: PoliciesApi;
  readonly catalogue: CatalogueApi;
  readonly subscriptions: SubscriptionsApi;
  readonly keys: KeysApi;
  readonly audit: AuditApi;
  readonly usage: UsageApi;

  constructor(readonly options: PorticoClientOptions) {
    this.org = options.org;
    const http = new Http({
      baseUrl: options.baseUrl,
      credential: options.apiKey ?? options.token,
      fetch: options.fetch,
      credentials: options.credentials,
    });
    const orgPath = `/v1/orgs/${encodeURIComponent(options.org)}`;
    this.developers = new DevelopersApi(http, orgPath);
    this.orgs = new OrgsApi(http, orgPath);
    this.sessions = new SessionsApi(http, orgPath);
    this.admins = new AdminsApi(http, orgPath);
    this.me = new MeApi(http, orgPath);
    this.passwordResets = new PasswordResetsApi(http, orgPath);
    this.policies = new PoliciesApi(http, orgPath);
    this.catalogue = new CatalogueApi(http, orgPath);
    this.subscriptions = new SubscriptionsApi(http, orgPath);
    this.keys = new KeysApi(http, orgPath);
    this.audit = new AuditApi(http, orgPath);
    this.usage = new UsageApi(http, orgPath);
  }

  /** The same client acting with a session token (e.g. the one login returned). */
  withToken(token: string): PorticoClient {
    return new PorticoClient({ ...this.options, apiKey: undefined, token });
  }
}
