import ky, { HTTPError, type KyInstance } from "ky";
import { PorticoError } from "./errors.js";

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface HttpOptions {
  baseUrl: string;
  /** An org API key, the root secret or a session token, sent as `Authorization: Bearer`. */
  credential?: string;
  fetch?: typeof fetch;
  credentials?: RequestCredentials;
}

/** The one place that knows URLs, headers and error shapes; the typed APIs sit on top. */
export class Http {
  readonly #ky: KyInstance;

  constructor(options: HttpOptions) {
    this.#ky = ky.create({
      prefixUrl: options.baseUrl.replace(/\/+$/, ""),
      headers: options.credential ? { Authorization: `Bearer ${options.credential}` } : {},
      credentials: options.credentials,
      fetch: options.fetch,
      retry: { limit: 2, methods: ["get"] },
    });
  }

  async request<T>(
    method: "get" | "post" | "put" | "patch" | "delete",
    path: string,
    options: RequestOptions & { json?: unknown; searchParams?: Record<string, string | number | undefined>; headers?: Record<string, string> } = {},
  ): Promise<{ data: T; headers: Headers }> {
    const searchParams = options.searchParams
      ? Object.fromEntries(Object.entries(options.searchParams).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== ""))
      : undefined;
    try {
      const response = await this.#ky(path.replace(/^\//, ""), {
        method,
        json: options.json,
        searchParams,
        // An explicit `headers: undefined` would drop the client's Authorization header.
        ...(options.headers && { headers: options.headers }),
        signal: options.signal,
      });
      const data = response.status === 204 ? undefined : await response.json();
      return { data: data as T, headers: response.headers };
    } catch (error) {
      if (error instanceof HTTPError) throw await PorticoError.fromResponse(error.response);
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      throw PorticoError.network(error);
    }
  }
}
