import type { Http, RequestOptions } from "../http.js";
import type { PasswordResetAccepted, PasswordResetConfirm, PasswordResetRequest } from "../schemas/password-resets.js";

/** The forgotten-password flow: request a mailed link, then confirm with its token. */
export class PasswordResetsApi {
  constructor(
    private readonly http: Http,
    private readonly orgPath: string,
  ) {}

  /** Answers the same whether or not the email is known. */
  async request(input: PasswordResetRequest, options?: RequestOptions): Promise<PasswordResetAccepted> {
    return (await this.http.request<PasswordResetAccepted>("post", `${this.orgPath}/password-resets`, { ...options, json: input })).data;
  }

  /** Sets the new password; the token is used up and every session of the developer ends. */
  async confirm(input: PasswordResetConfirm, options?: RequestOptions): Promise<void> {
    await this.http.request<void>("post", `${this.orgPath}/password-resets/confirm`, { ...options, json: input });
  }

  /** An admin sends a developer the reset mail. */
  async sendFor(developerId: string, options?: RequestOptions): Promise<PasswordResetAccepted> {
    const path = `${this.orgPath}/developers/${encodeURIComponent(developerId)}/password-resets`;
    return (await this.http.request<PasswordResetAccepted>("post", path, options)).data;
  }
}
