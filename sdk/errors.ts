import type { Problem } from "./schemas/problem.js";

/** Any failed call: the server's RFC 9457 problem, or `status: 0` when the server was not reached. */
export class PorticoError extends Error {
  override readonly name = "PorticoError";
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string;
  /** Field → message for validation errors (empty otherwise). */
  readonly errors: Readonly<Record<string, string>>;

  constructor(problem: Problem, options?: { cause?: unknown }) {
    super(problem.detail ?? problem.title, options);
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.errors = problem.errors ?? {};
  }

  static async fromResponse(response: Response): Promise<PorticoError> {
    const body: unknown = await response.json().catch(() => null);
    if (isProblem(body)) return new PorticoError(body);
    return new PorticoError({ type: "about:blank", title: response.statusText || "Error", status: response.status });
  }

  static network(cause: unknown): PorticoError {
    const detail = cause instanceof Error ? cause.message : "The server could not be reached.";
    return new PorticoError({ type: "urn:portico:problem:network", title: "Network error", status: 0, detail }, { cause });
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && typeof (value as Problem).status === "number" && typeof (value as Problem).title === "string";
}
