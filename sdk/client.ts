import { Http, type RequestOptions } from "./http.js";
import type { Developer, DeveloperCreate, DeveloperListQuery, DeveloperPage, DeveloperUpdate } from "./schemas/developers.js";
import type { OrgCreate, OrgCreated, PublicOrg } from "./schemas/orgs.js";

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

  constructor(options: PorticoClientOptions) {
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
  }
}

export class OrgsApi {
  constructor(
    readonly http: Http,
    readonly orgPath: string,
  ) {}

  /** Public settings of this client's organisation. */
  async get(options?: RequestOptions): Promise<PublicOrg> {
    return (await this.http.request<PublicOrg>("get", this.orgPath, options)).data;
  }

  /** Creates an organisation; the client's credential must be the root secret. */
  async create(input: OrgCreate, options?: RequestOptions): Promise<OrgCreated> {
    return (await this.http.request<OrgCreated>("post", "/v1/orgs", { ...options, json: input })).data;
  }
}

export class DevelopersApi {
  constructor(
    readonly http: Http,
    readonly orgPath: string,
  ) {}

  /** One page of developers in email order; pass `nextCursor` back as `cursor` for the next. */
  async list(query: DeveloperListQuery = {}, options?: RequestOptions): Promise<DeveloperPage> {
    const searchParams = { email: query.email, q: query.q, limit: query.limit, cursor: query.cursor };
    return (await this.http.request<DeveloperPage>("get", `${this.orgPath}/developers`, { ...options, searchParams })).data;
  }

  /** Developers whose email starts with `emailPrefix` (case-insensitive). */
  search(emailPrefix: string, query: Omit<DeveloperListQuery, "email"> = {}, options?: RequestOptions): Promise<DeveloperPage> {
    return this.list({ ...query, email: emailPrefix }, options);
  }

  /** Every developer matching `query`, fetching pages as the loop goes. */
  async *all(query: Omit<DeveloperListQuery, "cursor"> = {}, options?: RequestOptions): AsyncGenerator<Developer> {
    let cursor: string | undefined;
    do {
      const page = await this.list({ ...query, cursor }, options);
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async get(id: string, options?: RequestOptions): Promise<Developer> {
    return (await this.http.request<Developer>("get", `${this.orgPath}/developers/${encodeURIComponent(id)}`, options)).data;
  }

  async create(input: DeveloperCreate, options?: RequestOptions): Promise<Developer> {
    return (await this.http.request<Developer>("post", `${this.orgPath}/developers`, { ...options, json: input })).data;
  }

  /**
   * Changes the given fields. With `version` (from the developer you read) the server refuses
   * the write with 412 if someone changed the developer since.
   */
  async update(id: string, patch: DeveloperUpdate, options: RequestOptions & { version?: number } = {}): Promise<Developer> {
    const headers = options.version === undefined ? undefined : { "If-Match": `"v${options.version}"` };
    const path = `${this.orgPath}/developers/${encodeURIComponent(id)}`;
    return (await this.http.request<Developer>("patch", path, { ...options, json: patch, headers })).data;
  }

  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.http.request<void>("delete", `${this.orgPath}/developers/${encodeURIComponent(id)}`, options);
  }
}
