// Telephony: the tenant's SIP trunks and phone numbers with what each number is assigned to (a brand, an agent, an
// inbound agent), and a form to add a number on one of the trunks.
import { h, scrollBox } from "../dom";
import { field, form } from "../forms";
import { newIdempotencyKey, query, type Page } from "../api";
import { pagedList } from "../paging";
import { go } from "../router";
import { allPages } from "../collect";
import { activeBrands } from "../brandOptions";
import type { Context, Screen } from "../context";
import type { AgentListing } from "../model";

interface TrunkSummary { id: string; name: string; liveKitTrunkId: string; numbers: string[]; status: string; direction: string }
interface NumberSummary { id: string; number: string; label?: string | null; status: string; assignedBrandId?: string | null; assignedAgentId?: string | null; trunkId?: string | null }

export async function telephonyScreen(context: Context): Promise<Screen> {
  const [trunks, brands, agents] = await Promise.all([
    allPages<TrunkSummary>(context.api, "/api/sip-trunks"), activeBrands(context.api), allPages<AgentListing>(context.api, "/api/agents"),
  ]);
  const brandName = new Map(brands);
  const agentName = new Map(agents.map((a) => [a.agent.id, a.agent.name]));
  const trunkName = new Map(trunks.map((t) => [t.id, t.name]));
  const trunkTable = scrollBox("SIP trunks", h("table", { class: "stack", "aria-label": "SIP trunks" },
    h("thead", {}, h("tr", {}, ["Trunk", "Direction", "LiveKit trunk", "Numbers", "Status"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, trunks.map((t) => h("tr", { "data-trunk-id": t.id },
      h("td", { "data-label": "Trunk" }, t.name), h("td", { "data-label": "Direction" }, t.direction), h("td", { "data-label": "LiveKit trunk" }, t.liveKitTrunkId),
      h("td", { "data-label": "Numbers" }, t.numbers.join(", ") || "any"), h("td", { "data-label": "Status" }, t.status))))));
  const numbers = pagedList<NumberSummary>({
    label: "Phone numbers", empty: "No numbers yet.", columns: ["Number", "Label", "Assigned to", "Trunk", "Status"],
    load: (after) => context.api.get<Page<NumberSummary>>(`/api/phone-numbers${query({ after, limit: 25 })}`),
    render: (n) => h("tr", { "data-number-id": n.id },
      h("td", { "data-label": "Number" }, n.number), h("td", { "data-label": "Label" }, n.label ?? "–"),
      h("td", { "data-label": "Assigned to" }, n.assignedAgentId ? `Agent ${agentName.get(n.assignedAgentId) ?? n.assignedAgentId}`
        : n.assignedBrandId ? `Brand ${brandName.get(n.assignedBrandId) ?? n.assignedBrandId}` : "Any brand"),
      h("td", { "data-label": "Trunk" }, n.trunkId ? trunkName.get(n.trunkId) ?? n.trunkId : "–"), h("td", { "data-label": "Status" }, n.status)),
  });
  await numbers.reload();
  numbers.element.querySelector("table")?.classList.add("stack");
  const key = newIdempotencyKey();
  const add = context.isAdmin ? form({
    label: "Add a number",
    fields: [
      field({ name: "number", label: "Number", required: true, hint: "As people write it, e.g. +1 415-555-0100" }),
      field({ name: "label", label: "Label" }),
      field({ name: "trunkId", label: "Trunk", type: "select", options: trunks.filter((t) => t.direction !== "inbound").map((t) => [t.id, t.name] as [string, string]) }),
      field({ name: "assignedBrandId", label: "Only for brand", type: "select", options: [["", "Any brand"], ...brands] }),
      field({ name: "assignedAgentId", label: "Only for agent", type: "select", options: [["", "Any agent"], ...agents.map((a) => [a.agent.id, `${a.agent.name} (${a.brand.name})`] as [string, string])] }),
    ],
    submitLabel: "Add number",
    onSubmit: async (v) => {
      const result = await context.api.request("POST", "/api/phone-numbers",
        { number: v.text("number").trim(), label: v.optional("label"), trunkId: v.optional("trunkId"), assignedBrandId: v.optional("assignedBrandId"), assignedAgentId: v.optional("assignedAgentId") },
        { idempotencyKey: key });
      if (!result.ok) return result.problem;
      context.announce("Number added.");
      go("/telephony");
      return null;
    },
  }) : null;
  const trunkKey = newIdempotencyKey();
  const addTrunk = context.isAdmin ? form({
    label: "Add a trunk",
    fields: [
      field({ name: "name", label: "Trunk name", required: true }),
      field({ name: "direction", label: "Direction", type: "select", options: [["outbound", "Outbound (the platform calls out)"], ["inbound", "Inbound (callers ring your numbers)"]] }),
      field({ name: "provider.address", label: "Carrier's SIP address", hint: "e.g. example.pstn.twilio.com; the platform creates the trunk on LiveKit" }),
      field({ name: "provider.transport", label: "Transport", type: "select", options: [["auto", "Automatic"], ["tls", "TLS"], ["tcp", "TCP"], ["udp", "UDP"]] }),
      field({ name: "provider.authUsername", label: "SIP user name", autocomplete: "off" }),
      field({ name: "provider.authPassword", label: "SIP password", type: "password", autocomplete: "new-password", hint: "Stored encrypted; never shown again." }),
      field({ name: "numbers", label: "Numbers it may present (one per line)", type: "textarea", rows: 2 }),
      field({ name: "maxConcurrentCalls", label: "Calls at once", type: "number", min: 1, value: 10 }),
      field({ name: "callsPerSecond", label: "New calls per second", type: "number", step: "0.1", min: 0.1, max: 100, value: 5, hint: "The carrier's limit on new calls." }),
    ],
    submitLabel: "Add trunk",
    onSubmit: async (v) => {
      const result = await context.api.request("POST", "/api/sip-trunks", {
        name: v.text("name").trim(), direction: v.text("direction"), numbers: v.lines("numbers"), maxConcurrentCalls: v.number("maxConcurrentCalls"), callsPerSecond: v.number("callsPerSecond"),
        provider: { address: v.text("provider.address").trim(), transport: v.text("provider.transport"), authUsername: v.optional("provider.authUsername"), authPassword: v.optional("provider.authPassword") },
      }, { idempotencyKey: trunkKey });
      if (!result.ok) return result.problem;
      context.announce("Trunk added.");
      go("/telephony");
      return null;
    },
  }) : null;
  return {
    title: "Telephony",
    body: h("section", {}, h("h1", {}, "Telephony"),
      h("h2", {}, "SIP trunks"), trunks.length === 0 ? h("p", { class: "muted" }, "No trunks yet.") : trunkTable,
      addTrunk ? h("details", { class: "panel" }, h("summary", {}, "Add a trunk"), addTrunk) : null,
      h("h2", {}, "Phone numbers"), numbers.element,
      add ? [h("h2", {}, "Add a number"), add] : null),
  };
}
