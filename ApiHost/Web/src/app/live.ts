// The tenant's live feed for the console's screens: one SignalR connection per page, opened on first use with a
// short-lived hub token bought with the session (the session's cookie never goes into a WebSocket URL). Screens listen
// while they are open; after a reconnect or a resync they are told to read afresh, so nothing shown is left stale.
import { HubConnection, HubConnectionBuilder } from "@microsoft/signalr";
import type { ConsoleApi } from "./api";
import type { CallView, CampaignView } from "./model";

export interface LiveEvent {
  type: string;
  payload: { kind: string; call?: CallView; callId?: string; campaign?: CampaignView };
}

export type LiveState = "connecting" | "live" | "reconnecting" | "offline";

export interface LiveListener {
  event(e: LiveEvent): void;
  /** Events may have been missed: read everything shown again. */
  resync(): void;
  /** Whether changes are arriving, for the screen to say so. */
  state?(state: LiveState, detail?: string): void;
}

let hub: HubConnection | null = null;
let starting: Promise<void> | null = null;
let current: LiveState = "offline";
const listeners = new Set<LiveListener>();

export function listen(api: ConsoleApi, listener: LiveListener): () => void {
  listeners.add(listener);
  listener.state?.(current);
  void connect(api);
  return () => listeners.delete(listener);
}

function setState(state: LiveState, detail?: string): void {
  current = state;
  listeners.forEach((l) => l.state?.(state, detail));
}

async function connect(api: ConsoleApi): Promise<void> {
  if (hub) return starting ?? undefined;
  // Refused a token (the session ended: signed out elsewhere, removed, expired): the server closed the feed for that
  // reason, and retrying would only be refused again.
  let refused = false;
  const connection = new HubConnectionBuilder()
    .withUrl("/hubs/live", {
      accessTokenFactory: async () => {
        const token = await api.request<{ token: string }>("POST", "/api/live/token");
        if (!token.ok) {
          refused = token.status === 401 || token.status === 403;
          throw new Error(token.problem.detail ?? token.problem.title);
        }
        return token.value.token;
      },
    })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => (refused ? null : Math.min(10_000, 500 * 2 ** c.previousRetryCount)) })
    .build();
  hub = connection;
  setState("connecting");
  connection.on("event", (e: LiveEvent) => listeners.forEach((l) => l.event(e)));
  connection.on("resync", () => void subscribe(connection));
  connection.onreconnecting(() => setState("reconnecting"));
  connection.onreconnected(() => void subscribe(connection));
  connection.onclose((e) => {
    hub = null;
    starting = null;
    setState("offline", e?.message);
  });
  starting = connection.start().then(() => subscribe(connection)).catch((e: Error) => {
    hub = null;
    starting = null;
    setState("offline", e.message);
  });
  return starting;
}

async function subscribe(connection: HubConnection): Promise<void> {
  try {
    await connection.invoke("SubscribeTenant");
    setState("live");
  } catch (e) {
    setState("reconnecting", (e as Error).message);
  } finally {
    listeners.forEach((l) => l.resync());
  }
}

/** Closes the feed (on sign-out). */
export async function closeLive(): Promise<void> {
  const connection = hub;
  hub = null;
  starting = null;
  listeners.clear();
  await connection?.stop();
}
