import type { Http, RequestOptions } from "../http.js";
import type { Org, OrgCreate, OrgCreated, OrgUpdate, PublicOrg } from "../schemas/orgs.js";

export class OrgsApi {
  constructor(
    private readonly http: Http,
    private readonly orgPath: string,
  ) {}

  /** Public settings of this client's organisation (anyone). */
  async get(options?: RequestOptions): Promise<PublicOrg> {
    return (await this.http.request<PublicOrg>("get", this.orgPath, options)).data;
  }

  /** Creates an organisation; the client's credential must be the root secret. */
  async create(input: OrgCreate, options?: RequestOptions): Promise<OrgCreated> {
    return (await this.http.request<OrgCreated>("post", "/v1/orgs", { ...options, json: input })).data;
  }

  /** All settings (admin). */
  async settings(options?: RequestOptions): Promise<Org> {
    return (await this.http.request<Org>("get", `${this.orgPath}/settings`, options)).data;
  }

  /** Changes settings such as allowed origins or signup fields (admin). */
  async updateSettings(patch: OrgUpdate, options?: RequestOptions): Promise<Org> {
    return (await this.http.request<Org>("patch", `${this.orgPath}/settings`, { ...options, json: patch })).data;
  }
}
