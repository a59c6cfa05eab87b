// The platform's REST API with the signed-in key. The key lives in this tab's session storage only: never in a URL,
// never in the live connection (that uses a short-lived hub token bought with it).

const KeyStorage = "voiceplatform.live.key";

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

export type ApiResult<T> = { ok: true; status: number; value: T } | { ok: false; status: number; problem: Problem };

export class Api {
  constructor(private readonly key: string) {}

  static stored(): Api | null {
    const key = sessionStorage.getItem(KeyStorage);
    return key ? new Api(key) : null;
  }

  remember(): void {
    sessionStorage.setItem(KeyStorage, this.key);
  }

  static forget(): void {
    sessionStorage.removeItem(KeyStorage);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.key}`, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store" });
    } catch (e) {
      return { ok: false, status: 0, problem: { status: 0, title: "The server could not be reached.", detail: String(e) } };
    }
    const text = await response.text();
    const json = text.length > 0 ? safeParse(text) : undefined;
    if (response.ok) return { ok: true, status: response.status, value: json as T };
    const problem = (json && typeof json === "object" ? json : {}) as Partial<Problem>;
    return { ok: false, status: response.status, problem: { status: response.status, title: problem.title ?? response.statusText, detail: problem.detail, errors: problem.errors } };
  }

  /** A live hub token for this key (two minutes); thrown as an Error with the server's reason when refused. */
  async hubToken(): Promise<string> {
    const result = await this.request<{ token: string }>("POST", "/api/live/token");
    if (!result.ok) throw new Error(describe(result.problem));
    return result.value.token;
  }
}

export function describe(problem: Problem): string {
  if (problem.status === 401) return "The key was not accepted (unknown, revoked, or its tenant is suspended).";
  if (problem.status === 403) return "This key may not do that (a supervisor or tenant-admin key is needed).";
  return problem.detail ?? problem.title;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
