import type { Http, RequestOptions } from "../http.js";
import type { Admin, AdminCreate, CurrentSession, Login, Session, Signup } from "../schemas/accounts.js";

/** Sign-up, login and logout. Use the returned `token` in a new client (`client.withToken`). */
export class SessionsApi {
  constructor(
    private readonly http: Http,
    private readonly orgPath: string,
  ) {}

  async signup(input: Signup, options?: RequestOptions): Promise<Session> {
    return (await this.http.request<Session>("post", `${this.orgPath}/signup`, { ...options, json: input })).data;
  }

  async login(input: Login, options?: RequestOptions): Promise<Session> {
    return (await this.http.request<Session>("post", `${this.orgPath}/sessions`, { ...options, json: input })).data;
  }

  /** Whose session the client's token (or cookie) is. */
  async current(options?: RequestOptions): Promise<CurrentSession> {
    return (await this.http.request<CurrentSession>("get", `${this.orgPath}/sessions/current`, options)).data;
  }

  async logout(options?: RequestOptions): Promise<void> {
    await this.http.request<void>("delete", `${this.orgPath}/sessions/current`, options);
  }
}

export class AdminsApi {
  constructor(
    private readonly http: Http,
    private readonly orgPath: string,
  ) {}

  /** Creates an admin user (org API key or an admin session). */
  async create(input: AdminCreate, options?: RequestOptions): Promise<Admin> {
    return (await this.http.request<Admin>("post", `${this.orgPath}/admins`, { ...options, json: input })).data;
  }
}
