import type { Http, RequestOptions } from "../http.js";
import type { Developer, DeveloperCreate, DeveloperListQuery, DeveloperPage, DeveloperUpdate } from "../schemas/developers.js";

/** An admin's management of the organisation's developers. */
export class DevelopersApi {
  constructor(
    private readonly http: Http,
    private readonly orgPath: string,
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
    return (await this.http.request<Developer>("get", this.path(id), options)).data;
  }

  async create(input: DeveloperCreate, options?: RequestOptions): Promise<Developer> {
    return (await this.http.request<Developer>("post", `${this.orgPath}/developers`, { ...options, json: input })).data;
  }

  /**
   * Changes the given fields. With `version` (from the developer you read) the server refuses
   * the write with 412 if someone changed the developer since.
   */
  async update(id: string, patch: DeveloperUpdate, options: RequestOptions & { version?: number } = {}): Promise<Developer> {
    return (await this.http.request<Developer>("patch", this.path(id), { ...options, json: patch, headers: ifMatch(options.version) })).data;
  }

  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.http.request<void>("delete", this.path(id), options);
  }

  private path(id: string): string {
    return `${this.orgPath}/developers/${encodeURIComponent(id)}`;
  }
}

/** The `If-Match` header for a version read earlier, if any. */
export function ifMatch(version: number | undefined): Record<string, string> | undefined {
  return version === undefined ? undefined : { "If-Match": `"v${version}"` };
}
