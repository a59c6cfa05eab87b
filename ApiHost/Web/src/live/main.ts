// The live floor: sign in with a key, subscribe to the tenant's live feed, and keep the page equal to the truth —
// a snapshot first, then every change, duplicates dropped and gaps healed by a fresh snapshot.
import { HubConnection, HubConnectionBuilder, HubConnectionState } from "@microsoft/signalr";
import { Api, describe } from "./api";
import { FloorTally } from "./floor";
import { Sequencer } from "./sequencer";
import { AudioSeat } from "./audio";
import type { CallDirection, CallRecord, CallSnapshot, CallStatus, CallView, CampaignView, LiveEvent, SupervisorSession, TenantSnapshot, TranscriptSegment, WalletView, WhisperReceipt } from "./model";

interface Row {
  id: string; agentId: string; brandId?: string | null; campaignId?: string | null; to: string; status: CallStatus;
  /** Who is on the phone: the callee of an outbound call, the caller of an inbound one, marked with the direction. */
  party: string;
  queuedAt: string; ringingAt?: string | null; answeredAt?: string | null; estimatedPerMinute?: number | null; currency?: string | null;
  takenOverBy?: string | null;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let api: Api | null = null;
let hub: HubConnection | null = null;
const sequencer = new Sequencer();
const floor = new FloorTally();
const calls = new Map<string, Row>();
const campaigns = new Map<string, CampaignView>();
const agents = new Map<string, { name: string; brand: string } | "loading">();
let wallet: WalletView | null = null;
let selected: string | null = null;
let transcript = new Map<string, TranscriptSegment>();
let subscribing: LiveEvent[] | null = null;
let listening: { callId: string; session: SupervisorSession } | null = null;
const audio = new AudioSeat(status);

// ---- Sign-in ----

$("sign-in-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const input = $<HTMLInputElement>("api-key");
  const key = input.value.trim();
  $("sign-in-error").textContent = "";
  if (!key) {
    $("sign-in-error").textContent = "Enter an API key.";
    input.focus();
    return;
  }
  const candidate = new Api(key);
  try {
    await candidate.hubToken();
  } catch (error) {
    $("sign-in-error").textContent = (error as Error).message;
    input.focus();
    return;
  }
  input.value = "";
  candidate.remember();
  await start(candidate);
});

$("sign-out").addEventListener("click", async () => {
  // Signed in through the console: signing out of the floor signs out of the console's session too.
  if (api?.usesSession) await api.request("DELETE", "/api/session");
  Api.forget();
  await audio.leave();
  await hub?.stop();
  hub = null;
  api = null;
  location.reload();
});

async function start(signedIn: Api): Promise<void> {
  api = signedIn;
  $("signed-out").hidden = true;
  $("floor").hidden = false;
  $("sign-out").hidden = false;
  hub = new HubConnectionBuilder()
    .withUrl("/hubs/live", { accessTokenFactory: () => signedIn.hubToken() })
    // Never gives up: a supervisor's wall screen must come back on its own after any outage.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (c) => Math.min(10_000, 500 * 2 ** c.previousRetryCount) })
    .build();
  hub.on("event", (e: LiveEvent) => onEvent(e));
  hub.on("resync", () => void subscribe("resyncing"));
  hub.onreconnecting(() => indicate("reconnecting", "Reconnecting…"));
  hub.onreconnected(() => void subscribe("resyncing"));
  hub.onclose(() => {
    indicate("offline", "Offline — retrying");
    void connect();
  });
  await connect();
  setInterval(tick, 1000);
}

async function connect(): Promise<void> {
  for (let attempt = 0; hub && hub.state === HubConnectionState.Disconnected; attempt++) {
    indicate("reconnecting", "Connecting…");
    try {
      await hub.start();
      await subscribe("resyncing");
      return;
    } catch (error) {
      indicate("offline", `Offline — ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
    }
  }
}

/** A fresh snapshot of the tenant (and of the selected call); events that arrive meanwhile are applied after it. */
async function subscribe(state: "resyncing"): Promise<void> {
  if (!hub || hub.state !== HubConnectionState.Connected) return;
  indicate(state, "Resyncing…");
  subscribing = [];
  try {
    const snapshot = await hub.invoke<TenantSnapshot>("SubscribeTenant");
    sequencer.reset();
    applySnapshot(snapshot);
    if (selected) await watchCall(selected);
    const pending = subscribing;
    subscribing = null;
    for (const e of pending) onEvent(e);
    indicate("live", "Live");
  } catch (error) {
    subscribing = null;
    indicate("offline", `Resync failed — ${(error as Error).message}`);
  }
}

function indicate(state: "live" | "reconnecting" | "resyncing" | "offline", text: string): void {
  const element = $("connection");
  element.dataset.state = state;
  element.textContent = text;
}

// ---- Applying what arrives ----

function applySnapshot(snapshot: TenantSnapshot): void {
  calls.clear();
  for (const record of snapshot.liveCalls) calls.set(record.callId, fromRecord(record));
  campaigns.clear();
  for (const campaign of snapshot.campaigns) campaigns.set(campaign.id, campaign);
  wallet = snapshot.wallet;
  floor.load(snapshot.floor.minutes, snapshot.takenAt);
  renderCalls();
  renderCampaigns();
  renderWallet();
  renderFigures();
}

function onEvent(e: LiveEvent): void {
  if (subscribing) {
    subscribing.push(e);
    return;
  }
  const verdict = sequencer.judge(e);
  if (verdict === "duplicate") return;
  if (verdict === "resync") {
    void subscribe("resyncing");
    return;
  }
  const p = e.payload;
  if (p.call) onCall(p.call);
  else if (p.segment && p.callId) onSegment(p.callId, p.segment);
  else if (p.campaign) {
    campaigns.set(p.campaign.id, p.campaign);
    renderCampaigns();
  } else if (p.wallet) {
    wallet = p.wallet;
    renderWallet();
  }
}

function onCall(call: CallView): void {
  if (call.status === "ended") {
    calls.delete(call.id);
    floor.addEnded(call);
    renderFigures();
  } else {
    calls.set(call.id, fromView(call));
  }
  renderCalls();
  if (call.id === selected) renderDetail(call);
}

function onSegment(callId: string, segment: TranscriptSegment): void {
  if (callId !== selected) return;
  const known = transcript.get(segment.id);
  if (known?.final) return;
  transcript.set(segment.id, segment);
  renderTranscript();
}

/** "← caller" for an inbound call, "→ callee" for an outbound one; screen readers hear the words. */
function party(direction: CallDirection | undefined, from: string | null | undefined, to: string): string {
  return direction === "inbound" ? `← from ${from ?? "unknown"}` : `→ to ${to}`;
}

function fromRecord(r: CallRecord): Row {
  return {
    id: r.callId, agentId: r.agentId, brandId: r.brandId, campaignId: r.campaignId, to: r.to, party: party(r.direction, r.from, r.to), status: r.status,
    queuedAt: r.queuedAt, answeredAt: r.answeredAt, currency: r.currency,
  };
}

function fromView(c: CallView): Row {
  return {
    id: c.id, agentId: c.agentId, brandId: c.brandId, campaignId: c.campaignId, to: c.to, party: party(c.direction, c.from, c.to), status: c.status, queuedAt: c.queuedAt,
    ringingAt: c.ringingAt ?? c.dialingAt, answeredAt: c.answeredAt, estimatedPerMinute: c.estimatedPerMinute, currency: c.currency, takenOverBy: c.takenOverBy,
  };
}

// ---- Rendering ----

function renderCalls(): void {
  const body = $("call-rows");
  const rows = [...calls.values()].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  const existing = new Map<string, HTMLTableRowElement>();
  for (const tr of Array.from(body.querySelectorAll<HTMLTableRowElement>("tr"))) existing.set(tr.dataset.callId!, tr);
  for (const [id, tr] of existing) if (!calls.has(id)) tr.remove();
  for (const [index, row] of rows.entries()) {
    let tr = existing.get(row.id);
    if (!tr) {
      tr = document.createElement("tr");
      tr.dataset.callId = row.id;
      tr.tabIndex = 0;
      tr.addEventListener("click", () => void select(row.id));
      tr.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          void select(row.id);
        }
      });
    }
    // Moved only when out of place: moving a row (even to where it already is) takes the keyboard focus off it, and
    // the floor re-renders every second.
    const at = body.children.item(index);
    if (at !== tr) body.insertBefore(tr, at);
    const agent = agentOf(row.agentId);
    const campaign = row.campaignId ? campaigns.get(row.campaignId)?.settings.name ?? row.campaignId : "—";
    tr.setAttribute("aria-selected", String(row.id === selected));
    tr.dataset.status = row.status;
    tr.replaceChildren(
      cell("Call", row.id), cell("Agent", agent.name), cell("Brand", agent.brand), cell("Party", row.party), cell("Campaign", campaign),
      stateCell(row), cell("Time", elapsed(row), "time"), cell("Cost so far", costSoFar(row), "cost"));
  }
  $("call-count").textContent = String(rows.length);
  $("no-calls").hidden = rows.length > 0;
}

function cell(label: string, text: string, kind?: string): HTMLTableCellElement {
  const td = document.createElement("td");
  td.dataset.label = label;
  if (kind) td.dataset.kind = kind;
  td.textContent = text;
  return td;
}

function stateCell(row: Row): HTMLTableCellElement {
  const td = cell("State", row.takenOverBy ? `${row.status} (taken over)` : row.status, "state");
  td.className = "state";
  td.dataset.status = row.status;
  return td;
}

function elapsed(row: Row): string {
  const now = Date.now();
  if (row.status === "answered" && row.answeredAt) return `talking ${clock(now - Date.parse(row.answeredAt))}`;
  if (row.status === "ringing" && row.ringingAt) return `ringing ${clock(now - Date.parse(row.ringingAt))}`;
  return `waiting ${clock(now - Date.parse(row.queuedAt))}`;
}

function costSoFar(row: Row): string {
  if (!row.answeredAt || row.estimatedPerMinute == null || !row.currency) return "—";
  const minutes = (Date.now() - Date.parse(row.answeredAt)) / 60_000;
  return `≈ ${money(row.estimatedPerMinute * minutes, row.currency)}`;
}

function clock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function money(minor: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(minor / 100);
}

function agentOf(agentId: string): { name: string; brand: string } {
  const known = agents.get(agentId);
  if (known && known !== "loading") return known;
  if (!known && api) {
    agents.set(agentId, "loading");
    void api.request<{ settings: { name: string }; brand: { name: string } }>("GET", `/api/agents/${encodeURIComponent(agentId)}`).then((r) => {
      agents.set(agentId, r.ok ? { name: r.value.settings.name, brand: r.value.brand.name } : { name: agentId, brand: "—" });
      renderCalls();
    });
  }
  return { name: agentId, brand: "…" };
}

function renderCampaigns(): void {
  const list = $("campaign-list");
  const shown = [...campaigns.values()].filter((c) => ["scheduled", "running", "paused"].includes(c.status));
  list.replaceChildren(...shown.map(campaignItem));
  $("no-campaigns").hidden = shown.length > 0;
}

function campaignItem(c: CampaignView): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "campaign";
  item.dataset.campaignId = c.id;
  const byStatus = c.progress?.leadsByStatus ?? {};
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const done = ["completed", "exhausted", "do-not-call", "no-consent", "invalid"].reduce((a, s) => a + (byStatus[s] ?? 0), 0);
  const header = document.createElement("header");
  const name = document.createElement("strong");
  name.textContent = c.settings.name;
  const state = document.createElement("span");
  state.className = "campaign-status";
  state.textContent = c.status + (c.pausedFor ? ` (${c.pausedFor})` : "");
  header.append(name, state);
  const bar = document.createElement("progress");
  bar.max = Math.max(total, 1);
  bar.value = done;
  bar.setAttribute("aria-label", `${c.settings.name}: ${done} of ${total} leads done`);
  const counts = document.createElement("p");
  counts.className = "reason";
  counts.textContent = `${done} of ${total} leads done · ${c.progress?.liveCalls ?? 0} live`;
  const reason = document.createElement("p");
  reason.className = "reason";
  const notDialing = c.progress?.notDialing;
  reason.textContent = c.status === "running" && notDialing ? `Not dialing: ${notDialing.reason.replaceAll("-", " ")}${notDialing.detail ? ` — ${notDialing.detail}` : ""}` : "";
  const button = document.createElement("button");
  button.type = "button";
  const pausing = c.status !== "paused";
  button.textContent = pausing ? "Pause" : "Resume";
  button.setAttribute("aria-label", `${pausing ? "Pause" : "Resume"} ${c.settings.name}`);
  button.addEventListener("click", async () => {
    button.disabled = true;
    const result = await api!.request<CampaignView>("POST", `/api/campaigns/${encodeURIComponent(c.id)}/${pausing ? "pause" : "resume"}`);
    if (result.ok) {
      campaigns.set(result.value.id, result.value);
      renderCampaigns();
    } else {
      reason.textContent = describe(result.problem);
      button.disabled = false;
    }
  });
  item.append(header, bar, counts, reason, button);
  return item;
}

function renderWallet(): void {
  if (!wallet) return;
  $("wallet-balance").textContent = money(wallet.balance, wallet.currency);
  const warning = $("wallet-warning");
  warning.hidden = !wallet.lowBalance;
  warning.textContent = wallet.lowBalance ? `Low balance: under ${money(wallet.lowBalanceThreshold, wallet.currency)}. Campaigns pause when a call's first block cannot be paid.` : "";
}

function renderFigures(): void {
  const f = floor.figures(Date.now());
  $("fig-cpm").textContent = f.callsPerMinute.toFixed(1);
  $("fig-answer").textContent = f.answerRate == null ? "–" : `${Math.round(f.answerRate * 100)}%`;
  $("fig-abandon").textContent = f.abandonRate == null ? "–" : `${(f.abandonRate * 100).toFixed(1)}%`;
  $("fig-aht").textContent = f.averageHandleSeconds == null ? "–" : clock(f.averageHandleSeconds * 1000);
}

function tick(): void {
  for (const tr of Array.from(document.querySelectorAll<HTMLTableRowElement>("#call-rows tr"))) {
    const row = calls.get(tr.dataset.callId!);
    if (!row) continue;
    tr.querySelector('[data-kind="time"]')!.textContent = elapsed(row);
    tr.querySelector('[data-kind="cost"]')!.textContent = costSoFar(row);
  }
  renderFigures();
}

// ---- One call: transcript and supervision ----

async function select(callId: string): Promise<void> {
  if (selected && selected !== callId && hub?.state === HubConnectionState.Connected) {
    await hub.invoke("UnsubscribeCall", selected).catch(() => undefined);
  }
  selected = callId;
  transcript = new Map();
  $("call-detail").hidden = false;
  status("");
  renderCalls();
  await watchCall(callId);
  $("detail-title").focus?.();
}

async function watchCall(callId: string): Promise<void> {
  if (!hub || hub.state !== HubConnectionState.Connected) return;
  try {
    const snapshot = await hub.invoke<CallSnapshot>("SubscribeCall", callId);
    if (selected !== callId) return;
    sequencer.baseline(callId, snapshot.sourceEpoch, snapshot.sequence);
    transcript = new Map(snapshot.transcript.map((s) => [s.id, s]));
    renderDetail(snapshot.call);
    renderTranscript();
  } catch (error) {
    status(`This call cannot be watched: ${(error as Error).message}`);
  }
}

function renderDetail(call: CallView): void {
  const agent = agentOf(call.agentId);
  $("detail-title").textContent = call.direction === "inbound" ? `Call from ${call.from ?? "an unknown caller"} to ${call.to}` : `Call to ${call.to}`;
  const charged = call.currency && call.chargedSoFar ? ` · charged ${money(call.chargedSoFar, call.currency)}` : "";
  $("detail-summary").textContent = `${call.status}${call.endReason ? ` (${call.endReason})` : ""} · ${agent.name} · ${call.id}${charged}${call.takenOverBy ? ` · taken over by ${call.takenOverBy}` : ""}`;
  const live = call.status !== "ended";
  for (const id of ["listen", "barge", "takeover", "hangup"]) $<HTMLButtonElement>(id).disabled = !live;
  $<HTMLButtonElement>("takeover").disabled = !live || call.status !== "answered" || !!call.takenOverBy;
  if (!live && listening?.callId === call.id) void stopListening();
}

function renderTranscript(): void {
  const list = $("transcript");
  const segments = [...transcript.values()].sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
  list.replaceChildren(...segments.map((s) => {
    const item = document.createElement("li");
    item.dataset.speaker = s.speaker;
    const who = document.createElement("span");
    who.className = "speaker";
    who.textContent = s.speaker === "coach" ? "coaching (agent only)" : s.speaker;
    item.append(who, document.createTextNode(s.text));
    return item;
  }));
  list.scrollTop = list.scrollHeight;
}

function status(text: string): void {
  $("action-status").textContent = text;
}

$("listen").addEventListener("click", async () => {
  if (!selected || !api) return;
  const callId = selected;
  const result = await api.request<SupervisorSession>("POST", `/api/calls/${encodeURIComponent(callId)}/listen`);
  if (!result.ok) return status(describe(result.problem));
  listening = { callId, session: result.value };
  $("stop-listening").hidden = false;
  status(`Listening as ${result.value.participantIdentity} (hidden: the call does not know you are there). Joining the audio…`);
  status(await audio.join(result.value, false));
});

$("stop-listening").addEventListener("click", () => void stopListening());

async function stopListening(): Promise<void> {
  if (!listening || !api) return;
  const { callId, session } = listening;
  listening = null;
  $("stop-listening").hidden = true;
  await audio.leave();
  const result = await api.request("DELETE", `/api/calls/${encodeURIComponent(callId)}/listen/${encodeURIComponent(session.participantIdentity)}`);
  status(result.ok ? "Stopped listening." : describe(result.problem));
}

async function speak(action: "barge" | "takeover"): Promise<void> {
  if (!selected || !api) return;
  if (action === "takeover" && !confirm("Take this call over? The AI agent leaves and you stay with the caller.")) return;
  const body = listening?.callId === selected ? { participantIdentity: listening.session.participantIdentity } : {};
  const result = await api.request<SupervisorSession>("POST", `/api/calls/${encodeURIComponent(selected)}/${action}`, body);
  if (!result.ok) return status(describe(result.problem));
  status(`${action === "barge" ? "Barging in" : "Took the call over"} as ${result.value.participantIdentity}. Joining with your microphone…`);
  status(await audio.join(result.value, true));
}

$("barge").addEventListener("click", () => void speak("barge"));
$("takeover").addEventListener("click", () => void speak("takeover"));

$("hangup").addEventListener("click", async () => {
  if (!selected || !api || !confirm("Hang up this call?")) return;
  const result = await api.request<CallView>("POST", `/api/calls/${encodeURIComponent(selected)}/hangup`);
  status(result.ok ? "Hung up." : describe(result.problem));
});

$("whisper-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  if (!selected || !api) return;
  const input = $<HTMLInputElement>("whisper-text");
  $("whisper-error").textContent = "";
  const result = await api.request<WhisperReceipt>("POST", `/api/calls/${encodeURIComponent(selected)}/whisper`, { text: input.value });
  if (!result.ok) {
    $("whisper-error").textContent = result.problem.errors?.text?.join(" ") ?? describe(result.problem);
    input.focus();
    return;
  }
  input.value = "";
  status(result.value.acknowledged ? "The agent acknowledged the whisper." : `Not acknowledged: ${result.value.failure}`);
});

// ---- Start ----

// A key kept in this tab first; else the console's session (the same sign-in as /app); else the key form.
const stored = Api.stored();
if (stored) void start(stored);
else void Api.session().then((session) => (session ? start(session) : $("api-key").focus()));
