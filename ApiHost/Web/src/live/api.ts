// The platform's REST API with the signed-in key, or with the console's session (the same sign-in as /app: an HTTP-only
// cookie this script never sees, and its CSRF token on every change). A key lives in this tab's session storage only:
// never in a URL, never in the live connection (that uses a short-lived hub token bought with it).

const KeyStorage = "voiceplatform.live.key";

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

export type ApiResult<T> = { ok: true; status: number; value: T } | { ok: false; status: number; problem: Problem };

export class Api {
  /** A key, or null for the console's session cookie (then <paramref name="csrf"/> goes with every change). */
  constructor(private readonly key: string | null, private readonly csrf: string | null = null) {}

  /** The console's session, when this browser is signed in to /app as a supervisor or tenant admin. */
  static async session(): Promise<Api | null> {
    // The console's readable marker says a session may exist; without it nobody is signed in, and nothing is asked.
    if (!document.cookie.split("; ").includes("vp_signed_in=1")) return null;
    try {
      const response = await fetch("/api/session", { headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" });
      if (!response.ok) return null;
      const session = (await response.json()) as { csrfToken: string; user: { role: string } };
      return session.user.role === "operator" ? null : new Api(null, session.csrfToken);
    } catch {
      return null;
    }
  }

  get usesSession(): boolean {
    return this.key === null;
  }

  static stored(): Api | null {
    const key = sessionStorage.getItem(KeyStorage);
    return key ? new Api(key) : null;
  }

  remember(): void {
    if (this.key) sessionStorage.setItem(KeyStorage, this.key);
  }

  static forget(): void {
    sessionStorage.removeItem(KeyStorage);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (this.key) headers.Authorization = `Bearer ${this.key}`;
    else if (method !== "GET" && this.csrf) headers["X-CSRF-Token"] = this.csrf;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store", credentials: this.key ? "omit" : "same-origin" });
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
