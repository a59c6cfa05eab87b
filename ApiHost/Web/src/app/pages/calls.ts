// Calls: the list with filters (status, agent, campaign, direction, date) a page at a time; and each call's page — its
// timeline, transcript, outcome, recording as LiveKit reported it, and the itemised cost.
import { h, formatMoney, formatSeconds, formatTime, scrollBox } from "../dom";
import { field } from "../forms";
import { describe, query, type Page } from "../api";
import { pagedList } from "../paging";
import { go, link, type Route } from "../router";
import { allPages } from "../collect";
import type { Context, Screen } from "../context";
import type { AgentListing, CallCostView, CallEvent, CallRecord, CallView, CampaignEntry, TranscriptSegment } from "../model";

export const CallColumns = ["Call", "Party", "Status", "Outcome", "Placed", "Talk time", "Cost"];

export function callRow(c: CallRecord): HTMLElement {
  const party = c.direction === "inbound" ? `← from ${c.from ?? "unknown"}` : `→ to ${c.to}`;
  return h("tr", { "data-call-id": c.callId, "data-status": c.status },
    h("td", { "data-label": "Call" }, h("a", { href: link(`/calls/${c.callId}`) }, c.callId)),
    h("td", { "data-label": "Party" }, party),
    h("td", { "data-label": "Status" }, c.status),
    h("td", { "data-label": "Outcome" }, c.disposition ?? c.endReason ?? "–"),
    h("td", { "data-label": "Placed" }, formatTime(c.queuedAt)),
    h("td", { "data-label": "Talk time" }, c.status === "ended" ? formatSeconds(c.billedSeconds) : "–"),
    h("td", { "data-label": "Cost" }, c.costTotal === null || c.costTotal === undefined ? "–" : formatMoney(c.costTotal, c.currency)));
}

export async function callsScreen(context: Context, route: Route): Promise<Screen> {
  const id = route.segments[1];
  if (id) return callDetail(context, id);
  return callList(context, route);
}

async function callList(context: Context, route: Route): Promise<Screen> {
  const q = route.query;
  const [agents, campaigns] = await Promise.all([allPages<AgentListing>(context.api, "/api/agents"), allPages<CampaignEntry>(context.api, "/api/campaigns")]);
  const filters = h("form", { class: "filters", role: "search", "aria-label": "Filter calls" },
    field({ name: "status", label: "Status", type: "select", value: q.get("status") ?? "", options: [["", "Any"], ["queued", "Queued"], ["dialing", "Dialing"], ["ringing", "Ringing"], ["answered", "Answered"], ["ended", "Ended"]] }),
    field({ name: "agentId", label: "Agent", type: "select", value: q.get("agentId") ?? "", options: [["", "Any agent"], ...agents.map((a) => [a.agent.id, a.agent.name] as [string, string])] }),
    field({ name: "campaignId", label: "Campaign", type: "select", value: q.get("campaignId") ?? "", options: [["", "Any campaign"], ...campaigns.map((c) => [c.id, c.name] as [string, string])] }),
    field({ name: "direction", label: "Direction", type: "select", value: q.get("direction") ?? "", options: [["", "Both"], ["outbound", "Outbound"], ["inbound", "Inbound"]] }),
    field({ name: "day", label: "Placed on", type: "date", value: q.get("day") ?? "" }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "secondary" }, "Filter")));
  filters.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(filters);
    go(`/calls${query(Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)])))}`);
  });
  // A day is the person's own local day: from its local midnight to the next, sent as instants with an offset.
  const day = q.get("day");
  const from = day ? new Date(`${day}T00:00:00`) : null;
  const to = from ? new Date(from.getTime() + 24 * 3600 * 1000) : null;
  const list = pagedList<CallRecord>({
    label: "Calls", empty: "No calls match.", columns: CallColumns,
    load: (after) => context.api.get<Page<CallRecord>>(`/api/calls${query({
      status: q.get("status"), agentId: q.get("agentId"), campaignId: q.get("campaignId"), direction: q.get("direction"),
      from: from?.toISOString(), to: to?.toISOString(), after, limit: 25,
    })}`),
    render: callRow,
  });
  await list.reload();
  list.element.querySelector("table")?.classList.add("stack");
  return { title: "Calls", body: h("section", {}, h("h1", {}, "Calls"), filters, list.element) };
}

async function callDetail(context: Context, id: string): Promise<Screen> {
  const base = `/api/calls/${encodeURIComponent(id)}`;
  const [call, events, transcript, cost] = await Promise.all([
    context.api.get<CallView>(base), context.api.get<CallEvent[]>(`${base}/events`),
    context.api.get<TranscriptSegment[]>(`${base}/transcript`), context.api.get<CallCostView>(`${base}/cost`),
  ]);
  if (!call.ok) return { title: "Call", body: h("section", {}, h("h1", {}, "Call"), h("p", { role: "alert" }, describe(call.problem))) };
  const c = call.value;
  const outcome = c.outcome;
  return {
    title: `Call ${c.id}`,
    body: h("section", { class: "narrow" },
      h("p", {}, h("a", { href: link(`/calls${query({ campaignId: c.campaignId })}`) }, "← Calls")),
      h("h1", {}, `Call ${c.id}`),
      h("dl", { class: "facts" },
        h("dt", {}, "Direction"), h("dd", {}, c.direction === "inbound" ? `Inbound from ${c.from ?? "unknown"} to ${c.to}` : `Outbound to ${c.to} from ${c.from ?? "–"}`),
        h("dt", {}, "Status"), h("dd", { "data-testid": "call-status" }, c.status === "ended" ? `ended: ${c.endReason ?? "–"}${c.endDetail ? ` (${c.endDetail})` : ""}` : c.status),
        h("dt", {}, "Answered by"), h("dd", {}, c.answeredBy ?? "–"),
        c.campaignId ? [h("dt", {}, "Campaign"), h("dd", {}, h("a", { href: link(`/campaigns/${c.campaignId}`) }, c.campaignId))] : null,
        h("dt", {}, "Agent"), h("dd", {}, h("a", { href: link(`/agents/${c.agentId}`) }, c.agentId)),
        h("dt", {}, "Recording"), h("dd", { "data-testid": "recording" }, c.recording
          ? `${c.recording.status}${c.recording.location ? `: ${c.recording.location}` : ""}${c.recording.error ? ` (${c.recording.error})` : ""}`
          : "Not recorded")),
      h("h2", {}, "Outcome"),
      outcome ? h("dl", { class: "facts outcome" },
        h("dt", {}, "Disposition"), h("dd", {}, outcome.disposition),
        outcome.summary ? [h("dt", {}, "Summary"), h("dd", {}, outcome.summary)] : null,
        outcome.callbackAt ? [h("dt", {}, "Call back"), h("dd", {}, formatTime(outcome.callbackAt))] : null,
        outcome.tags.length > 0 ? [h("dt", {}, "Tags"), h("dd", {}, outcome.tags.join(", "))] : null,
        Object.entries(outcome.fields).flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])) : h("p", { class: "muted" }, "No outcome reported."),
      h("h2", {}, "Transcript"),
      transcript.ok && transcript.value.length > 0
        ? h("ol", { class: "transcript", "aria-label": "Transcript" }, transcript.value.map((s) => h("li", { "data-speaker": s.speaker },
          h("span", { class: "speaker" }, `${s.speaker} · ${formatSeconds(s.startMs / 1000)}`), s.text)))
        : h("p", { class: "muted" }, transcript.ok ? "Nothing was said." : describe(transcript.problem)),
      h("h2", {}, "Cost"), costTable(cost.ok ? cost.value : null),
      h("h2", {}, "Timeline"),
      events.ok ? h("ol", { class: "timeline", "aria-label": "Timeline" }, events.value.map((e) => h("li", {}, h("time", { datetime: e.at }, formatTime(e.at)), ` ${e.type}: ${e.detail}`))) : h("p", {}, describe(events.problem))),
  };
}

function costTable(cost: CallCostView | null): HTMLElement {
  if (!cost?.cost) return h("p", { class: "muted" }, cost && !cost.settled ? "Not settled yet: the cost is known once the call has ended." : "No cost.");
  const currency = cost.cost.currency;
  return scrollBox("Itemised cost", h("table", { class: "cost stack", "aria-label": "Itemised cost" },
    h("thead", {}, h("tr", {}, ["Item", "Provider", "Quantity", "Rate", "Amount"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, cost.cost.components.map((p) => h("tr", { "data-kind": p.kind },
      h("td", { "data-label": "Item" }, p.kind), h("td", { "data-label": "Provider" }, [p.provider, p.model].filter(Boolean).join(" ") || "–"),
      h("td", { "data-label": "Quantity" }, `${p.quantity} ${p.unit}`),
      h("td", { "data-label": "Rate" }, `${formatMoney(p.rateMicros / 10_000, currency)} per ${p.ratePer} ${p.unit}`),
      h("td", { "data-label": "Amount" }, formatMoney(p.amount, currency), p.estimated ? " (estimated)" : "")))),
    h("tfoot", {}, h("tr", {}, h("th", { scope: "row", colspan: 4 }, "Total"), h("td", { "data-label": "Total", "data-testid": "cost-total" }, formatMoney(cost.cost.total, currency))))));
}
