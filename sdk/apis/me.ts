import type { Http, RequestOptions } from "../http.js";
import type { MeUpdate, PasswordChange, SessionInfo } from "../schemas/accounts.js";
import type { Developer } from "../schemas/developers.js";
import type { Subscribed, Subscription } from "../schemas/access.js";
import { ifMatch } from "./developers.js";

/** The logged-in developer's own profile (a developer session). */
export class MeApi {
  constructor(
    private readonly http: Http,
    private readonly orgPath: string,
  ) {}

  async get(options?: RequestOptions): Promise<Developer> {
    return (await this.http.request<Developer>("get", `${this.orgPath}/me`, options)).data;
  }

  /** Changes email, name, telephone or country; `version` guards against a stale write (412). */
  async update(patch: MeUpdate, options: RequestOptions & { version?: number } = {}): Promise<Developer> {
    return (await this.http.request<Developer>("patch", `${this.orgPath}/me`, { ...options, json: patch, headers: ifMatch(options.version) })).data;
  }

  /** Needs the current password; the developer's other sessions end. */
  async changePassword(input: PasswordChange, options?: RequestOptions): Promise<void> {
    await this.http.request<void>("put", `${this.orgPath}/me/password`, { ...options, json: input });
  }

  async sessions(options?: RequestOptions): Promise<SessionInfo[]> {
    return (await this.http.request<{ items: SessionInfo[] }>("get", `${this.orgPath}/me/sessions`, options)).data.items;
  }

  async endSession(id: string, options?: RequestOptions): Promise<void> {
    await this.http.request<void>("delete", `${this.orgPath}/me/sessions/${encodeURIComponent(id)}`, options);
  }

  /** Own keys with policy, limits and quota. */
  async subscriptions(options?: RequestOptions): Promise<Subscription[]> {
    return (await this.http.request<{ items: Subscription[] }>("get", `${this.orgPath}/me/subscriptions`, options)).data.items;
  }

  /** Subscribes to a live catalogue entry. `key` is the raw key, shown only now (null while awaiting approval). */
  async subscribe(catalogueEntryId: string, options?: RequestOptions): Promise<Subscribed> {
    return (await this.http.request<Subscribed>("post", `${this.orgPath}/me/subscriptions`, { ...options, json: { catalogueEntryId } })).data;
  }

  /** Fetches the key of an approved request, once. */
  async claimKey(subscriptionId: string, options?: RequestOptions): Promise<Subscribed> {
    const path = `${this.orgPath}/me/subscriptions/${encodeURIComponent(subscriptionId)}/key`;
    return (await this.http.request<Subscribed>("post", path, options)).data;
  }
}
