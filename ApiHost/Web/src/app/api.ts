// The platform's public REST API as the console uses it: the session is the HTTP-only cookie (never seen by this
// script), and every change carries the session's CSRF token. Nothing is cached: every screen reads afresh, and every
// edit sends the revision it was made on (If-Match), so another tab's change shows up as a conflict, never as a loss.

export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: Record<string, string[]>;
  blockers?: string[];
}

export type ApiResult<T> =
  | { ok: true; status: number; value: T; etag: string | null; location: string | null }
  | { ok: false; status: number; problem: Problem; etag: string | null };

export interface Page<T> {
  items: T[];
  next?: string | null;
}

export interface RequestOptions {
  ifMatch?: string | null;
  idempotencyKey?: string;
  /** A body sent as is (a CSV file), with its content type. */
  raw?: { body: BodyInit; contentType: string };
  /** Answer the text instead of parsing JSON (an export). */
  text?: boolean;
}

export class ConsoleApi {
  csrf: string | null = null;
  /** Called when the server says the session is gone (401 on anything but signing in). */
  onSignedOut: () => void = () => {};

  get<T>(path: string): Promise<ApiResult<T>> {
    return this.request<T>("GET", path);
  }

  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Accept: "application/json" };
    let payload: BodyInit | undefined;
    if (options.raw) {
      headers["Content-Type"] = options.raw.contentType;
      payload = options.raw.body;
    } else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    if (method !== "GET" && this.csrf) headers["X-CSRF-Token"] = this.csrf;
    if (options.ifMatch) headers["If-Match"] = options.ifMatch;
    if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: payload, cache: "no-store", credentials: "same-origin" });
    } catch (e) {
      return { ok: false, status: 0, etag: null, problem: { status: 0, title: "The server could not be reached.", detail: String(e) } };
    }
    const text = await response.text();
    const etag = response.headers.get("ETag");
    if (response.ok) {
      const value = (options.text ? text : text.length > 0 ? safeParse(text) : undefined) as T;
      return { ok: true, status: response.status, value, etag, location: response.headers.get("Location") };
    }
    const json = text.length > 0 ? safeParse(text) : undefined;
    const problem = (json && typeof json === "object" ? json : {}) as Partial<Problem>;
    if (response.status === 401 && !path.startsWith("/api/session") && !path.startsWith("/api/invitations")) this.onSignedOut();
    return {
      ok: false, status: response.status, etag,
      problem: { status: response.status, title: problem.title ?? response.statusText, detail: problem.detail, errors: problem.errors, blockers: problem.blockers },
    };
  }
}

/** One line saying what went wrong, for places without a form field to put it next to. */
export function describe(problem: Problem): string {
  if (problem.status === 403) return problem.detail ?? "Your role may not do this.";
  const fieldErrors = problem.errors ? Object.values(problem.errors).flat() : [];
  return problem.detail ?? (fieldErrors.length > 0 ? fieldErrors.join(" ") : problem.title);
}

/** A fresh idempotency key for one form: a retry of the same submission creates nothing twice. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
