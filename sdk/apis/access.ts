import type { Http, RequestOptions } from "../http.js";
import type {
  AuditPage,
  CatalogueEntry,
  CatalogueEntryCreate,
  CatalogueEntryUpdate,
  KeyVerification,
  Policy,
  PolicyCreate,
  PolicyUpdate,
  Subscription,
} from "../schemas/access.js";

type Items<T> = { items: T[] };

/** Policies: rate limits, quotas and the APIs they grant (admin). */
export class PoliciesApi {
  constructor(
    private readonly http: Http,
    private readonly orgPath: string,
  ) {}

  async list(options?: RequestOptions): Promise<Policy[]> {
    return (await this.http.request<Items<Policy>>("get", `${this.orgPath}/policies`, options)).data.items;
  }

  async get(id: string, options?: RequestOptions): Promise<Policy> {
    return (await this.http.request<Policy>("get", `${this.orgPath}/policies/${encodeURIComponent(id)}`, options)).data;
  }

  async create(input: PolicyCreate, options?: RequestOptions): Promise<Policy> {
    return (await this.http.request<Policy>("post", `${this.orgPath}/policies`, { ...options, json: input })).data;
  }

  /** Edits limits or archives (`state: "archived"`); keys under the policy follow at once. */
  async update(id: string, patch: PolicyUpdate, options?: RequestOptions): Promise<Policy> {
    return (await this.http.request<Policy>("patch", `${this.orgPath}/policies/${encodeURIComponent(id)}`, { ...options, json: patch })).data;
  }

  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.http.request<void>("delete", `${this.orgPath}/policies/${encodeURIComponent(id)}`, options);
  }
}

/** The API catalogue: live entries for everyone, all entries and edits for admins. */
export class CatalogueApi {
  constructor(
    private readonly http: Http,
    private readonly orgPath: string,
  ) {}

  async list(options?: RequestOptions): Promise<CatalogueEntry[]> {
    return (await this.http.request<Items<CatalogueEntry>>("get", `${this.orgPath}/catalogue`, options)).data.items;
  }

  async get(id: string, options?: RequestOptions): Promise<CatalogueEntry> {
    return (await this.http.request<CatalogueEntry>("get", `${this.orgPath}/catalogue/${encodeURIComponent(id)}`, options)).data;
  }

  async create(input: CatalogueEntryCreate, options?: RequestOptions): Promise<CatalogueEntry> {
    return (await this.http.request<CatalogueEntry>("post", `${this.orgPath}/catalogue`, { ...options, json: input })).data;
  }

  async update(id: string, patch: CatalogueEntryUpdate, options?: RequestOptions): Promise<CatalogueEntry> {
    const path = `${this.orgPath}/catalogue/${encodeURIComponent(id)}`;
    return (await this.http.request<CatalogueEntry>("patch", path, { ...options, json: patch })).data;
  }

  async delete(id: string, options?: RequestOptions): Promise<void> {
    await this.http.request<void>("delete", `${this.orgPath}/catalogue/${encodeURIComponent(id)}`, options);
  }
}

/** Developers' keys under policies, as an admin manages them (and `revoke` for their owner too). */
export class SubscriptionsApi {
  constructor(
    private readonly http: Http,
    private readonly orgPath: string,
  ) {}

  async forDeveloper(developerId: string, options?: RequestOptions): Promise<Subscription[]> {
    const path = `${this.orgPath}/developers/${encodeURIComponent(developerId)}/subscriptions`;
    return (await this.http.request<Items<Subscription>>("get", path, options)).data.items;
  }

  /** Requests waiting for approval. */
  async pending(options?: RequestOptions): Promise<Subscription[]> {
    const path = `${this.orgPath}/subscriptions`;
    return (await this.http.request<Items<Subscription>>("get", path, { ...options, searchParams: { status: "pending" } })).data.items;
  }

  async get(id: string, options?: RequestOptions): Promise<Subscription> {
    return (await this.http.request<Subscription>("get", this.path(id), options)).data;
  }

  /** Upgrades or downgrades the key to another policy; the key itself does not change. */
  async changePolicy(id: string, policyId: string, options?: RequestOptions): Promise<Subscription> {
    return (await this.http.request<Subscription>("patch", this.path(id), { ...options, json: { policyId } })).data;
  }

  /** The key stops working at once. */
  async revoke(id: string, options?: RequestOptions): Promise<void> {
    await this.http.request<void>("delete", this.path(id), options);
  }

  async approve(id: string, options?: RequestOptions): Promise<Subscription> {
    return (await this.http.request<Subscription>("post", `${this.path(id)}/approve`, options)).data;
  }

  async decline(id: string, options?: RequestOptions): Promise<Subscription> {
    return (await this.http.request<Subscription>("post", `${this.path(id)}/decline`, options)).data;
  }

  async resetQuota(id: string, options?: RequestOptions): Promise<Subscription> {
    return (await this.http.request<Subscription>("post", `${this.path(id)}/quota-reset`, options)).data;
  }

  private path(id: string): string {
    return `${this.orgPath}/subscriptions/${encodeURIComponent(id)}`;
  }
}

/** For gateways holding an org API key with `usage:write`. */
export class KeysApi {
  constructor(
    private readonly http: Http,
    private readonly orgPath: string,
  ) {}

  async verify(key: string, options?: RequestOptions): Promise<KeyVerification> {
    return (await this.http.request<KeyVerification>("post", `${this.orgPath}/keys/verify`, { ...options, json: { key } })).data;
  }
}

export class AuditApi {
  constructor(
    private readonly http: Http,
    private readonly orgPath: string,
  ) {}

  async list(query: { limit?: number; cursor?: string } = {}, options?: RequestOptions): Promise<AuditPage> {
    return (await this.http.request<AuditPage>("get", `${this.orgPath}/audit-log`, { ...options, searchParams: query })).data;
  }
}
