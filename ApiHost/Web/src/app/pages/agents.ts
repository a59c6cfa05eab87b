// Agents: a list filtered by brand, each card with its brand badge; a new agent made from a persona (its brand comes
// with the persona, as the API enforces); the pipeline settings; the compiled instructions with sample variables
// filled in and unknown ones flagged; and a browser test call through the test-call endpoint.
import { h, replace } from "../dom";
import { field, form, type FormValues } from "../forms";
import { describe, newIdempotencyKey, query, type ApiResult, type Page } from "../api";
import { pagedList } from "../paging";
import { go, link, type Route } from "../router";
import { activeBrands } from "../brandOptions";
import { showConflict } from "../conflict";
import type { Context, Screen } from "../context";
import type { AgentListing, AgentSettings, AgentView, CompiledInstructions, PersonaListing, TestCallSession } from "../model";

export async function agentsScreen(context: Context, route: Route): Promise<Screen> {
  const id = route.segments[1];
  if (id === "new") return newAgent(context, route);
  if (id) return agentDetail(context, id);
  return agentList(context, route);
}

async function agentList(context: Context, route: Route): Promise<Screen> {
  const brand = route.query.get("brand") ?? "";
  const brands = await activeBrands(context.api);
  const filter = h("form", { class: "filters", role: "search", "aria-label": "Filter agents" },
    field({ name: "brand", label: "Brand", type: "select", value: brand, options: [["", "All brands"], ...brands] }));
  filter.addEventListener("change", () => go(`/agents${query({ brand: new FormData(filter).get("brand") as string })}`));
  const list = pagedList<AgentListing>({
    label: "Agents",
    empty: brand ? "This brand has no agents." : "No agents yet.",
    load: (after) => context.api.get<Page<AgentListing>>(`/api/agents${query({ brandId: brand, after, limit: 25 })}`),
    render: (a) => h("li", { class: "card agent", "data-agent-id": a.agent.id },
      h("h2", {}, h("a", { href: link(`/agents/${a.agent.id}`) }, a.agent.name)),
      h("p", {}, h("span", { class: "brand-badge", "data-brand-id": a.brand.id }, a.brand.name)),
      h("p", { class: "muted" }, `${a.agent.status} · ${a.agent.direction}`)),
  });
  await list.reload();
  return {
    title: "Agents",
    body: h("section", {},
      h("div", { class: "title-row" }, h("h1", {}, "Agents"), context.isAdmin ? h("a", { class: "button", href: link(`/agents/new${query({ brand })}`) }, "New agent") : null),
      filter, list.element),
  };
}

async function personasOf(context: Context, brand: string | null): Promise<PersonaListing[]> {
  const personas: PersonaListing[] = [];
  let after: string | null = null;
  do {
    const page: ApiResult<Page<PersonaListing>> = await context.api.get<Page<PersonaListing>>(`/api/personas${query({ brandId: brand, after, limit: 100 })}`);
    if (!page.ok) break;
    personas.push(...page.value.items);
    after = page.value.next ?? null;
  } while (after !== null && personas.length < 1000);
  return personas;
}

async function newAgent(context: Context, route: Route): Promise<Screen> {
  const personas = await personasOf(context, route.query.get("brand"));
  const key = newIdempotencyKey();
  const brandOf = h("p", { class: "muted", id: "agent-brand", "aria-live": "polite" });
  const element = form({
    label: "New agent",
    fields: [
      field({ name: "personaId", label: "Persona", type: "select", required: true, options: personas.map((p) => [p.persona.id, `${p.persona.name} (${p.brand.name})`] as [string, string]) }),
      brandOf,
      ...settingsFields(),
    ],
    submitLabel: "Create agent",
    onSubmit: async (values) => {
      const result = await context.api.request<AgentView>("POST", "/api/agents", { personaId: values.text("personaId"), ...settingsFrom(values) }, { idempotencyKey: key });
      if (!result.ok) return result.problem;
      context.announce(`Agent ${result.value.settings.name} created for ${result.value.brand.name}.`);
      go(`/agents/${result.value.id}`);
      return null;
    },
  });
  const showBrand = () => {
    const chosen = personas.find((p) => p.persona.id === (element.elements.namedItem("personaId") as HTMLSelectElement).value);
    brandOf.textContent = chosen ? `Brand: ${chosen.brand.name} (from the persona)` : "";
  };
  element.addEventListener("change", showBrand);
  showBrand();
  return {
    title: "New agent",
    body: h("section", { class: "narrow" }, h("p", {}, h("a", { href: link("/agents") }, "← Agents")), h("h1", {}, "New agent"),
      personas.length === 0 ? h("p", { class: "notice" }, "Create a persona first: an agent is built from one, and takes its brand.") : element),
  };
}

function settingsFields(s?: AgentSettings): HTMLElement[] {
  return [
    field({ name: "name", label: "Agent name", required: true, value: s?.name }),
    field({ name: "status", label: "Status", type: "select", value: s?.status ?? "draft", options: [["draft", "Draft"], ["active", "Active"], ["disabled", "Disabled"]] }),
    field({ name: "direction", label: "Calls", type: "select", value: s?.direction ?? "outbound", options: [["outbound", "Outbound"], ["inbound", "Inbound"], ["both", "Both"]] }),
    field({ name: "greeting", label: "Greeting", value: s?.greeting, hint: "What the agent says first; {{first_name}} and other variables are filled per call." }),
    field({ name: "customInstructions", label: "Instructions added to the persona's", type: "textarea", value: s?.customInstructions }),
    h("fieldset", {}, h("legend", {}, "Pipeline"),
      field({ name: "llm.provider", label: "LLM provider", value: s?.llm.provider ?? "openai" }),
      field({ name: "llm.model", label: "LLM model", value: s?.llm.model ?? "gpt-4o-mini" }),
      field({ name: "llm.temperature", label: "Temperature (0–2)", type: "number", step: "0.1", min: 0, max: 2, value: s?.llm.temperature ?? 0.6 }),
      field({ name: "stt.provider", label: "Speech-to-text provider", value: s?.stt.provider ?? "deepgram" }),
      field({ name: "stt.model", label: "Speech-to-text model", value: s?.stt.model ?? "nova-3" }),
      field({ name: "stt.language", label: "Speech-to-text language", value: s?.stt.language ?? "en-US" }),
      field({ name: "tts.provider", label: "Text-to-speech provider", value: s?.tts.provider ?? "cartesia" }),
      field({ name: "tts.model", label: "Text-to-speech model", value: s?.tts.model ?? "sonic-2" }),
      field({ name: "tts.voice", label: "Voice (blank: the persona's)", value: s?.tts.voice }),
      field({ name: "turnDetection.mode", label: "Turn detection", type: "select", value: s?.turnDetection.mode ?? "semantic-model", options: [["semantic-model", "Semantic model"], ["vad", "Voice activity"], ["stt", "Speech-to-text endpointing"]] }),
      field({ name: "turnDetection.endpointingDelayMs", label: "Endpointing delay (ms)", type: "number", min: 0, value: s?.turnDetection.endpointingDelayMs ?? 500 }),
      field({ name: "turnDetection.allowInterruptions", label: "Callers may interrupt", type: "checkbox", value: s?.turnDetection.allowInterruptions ?? true })),
    field({ name: "maxCallDurationSeconds", label: "Longest call (seconds)", type: "number", min: 30, value: s?.maxCallDurationSeconds ?? 900 }),
    field({ name: "voicemail.action", label: "On voicemail", type: "select", value: s?.voicemail.action ?? "hang-up", options: [["hang-up", "Hang up"], ["leave-message", "Leave a message"]] }),
    field({ name: "voicemail.message", label: "Voicemail message", value: s?.voicemail.message }),
    field({ name: "endCallPhrases", label: "Phrases that end the call (one per line)", type: "textarea", rows: 2, value: s?.endCallPhrases.join("\n") }),
    field({ name: "liveKitAgentName", label: "LiveKit agent worker name", value: s?.liveKitAgentName ?? "voiceplatform-agent" }),
  ];
}

function settingsFrom(v: FormValues): Omit<AgentSettings, never> {
  return {
    name: v.text("name").trim(), status: v.text("status") as AgentSettings["status"], direction: v.text("direction") as AgentSettings["direction"],
    greeting: v.optional("greeting"), customInstructions: v.optional("customInstructions"),
    llm: { provider: v.text("llm.provider").trim(), model: v.text("llm.model").trim(), temperature: v.number("llm.temperature") ?? 0.6 },
    stt: { provider: v.text("stt.provider").trim(), model: v.text("stt.model").trim(), language: v.text("stt.language").trim() },
    tts: { provider: v.text("tts.provider").trim(), model: v.text("tts.model").trim(), voice: v.optional("tts.voice") },
    turnDetection: { mode: v.text("turnDetection.mode") as AgentSettings["turnDetection"]["mode"], endpointingDelayMs: v.number("turnDetection.endpointingDelayMs") ?? 500, allowInterruptions: v.checked("turnDetection.allowInterruptions") },
    maxCallDurationSeconds: v.number("maxCallDurationSeconds") ?? 900,
    voicemail: { action: v.text("voicemail.action") as AgentSettings["voicemail"]["action"], message: v.optional("voicemail.message") },
    endCallPhrases: v.lines("endCallPhrases"), liveKitAgentName: v.text("liveKitAgentName").trim(),
  };
}

async function agentDetail(context: Context, id: string): Promise<Screen> {
  const read = await context.api.get<AgentView>(`/api/agents/${encodeURIComponent(id)}`);
  if (!read.ok) return { title: "Agent", body: h("section", {}, h("h1", {}, "Agent"), h("p", { role: "alert" }, describe(read.problem))) };
  let agent = read.value;
  let etag = read.etag;
  const conflict = h("div", { class: "conflict", role: "alert", hidden: true });
  const editor = form({
    label: "Agent settings", fields: settingsFields(agent.settings), submitLabel: "Save agent",
    onSubmit: async (values) => {
      const result = await context.api.request<AgentView>("PUT", `/api/agents/${agent.id}`, settingsFrom(values), { ifMatch: etag });
      if (result.ok) {
        agent = result.value;
        etag = result.etag;
        context.announce("Saved.");
        return null;
      }
      if (result.status === 412) {
        await showConflict<AgentView>({
          api: context.api, panel: conflict, what: "agent", path: `/api/agents/${agent.id}`,
          facts: (other) => [["Name", other.settings.name], ["Status", other.settings.status], ["Greeting", other.settings.greeting],
            ["LLM", `${other.settings.llm.provider} ${other.settings.llm.model}`], ["Voice", `${other.settings.tts.provider} ${other.settings.tts.voice ?? ""}`]],
          keepMine: (other, theirEtag) => {
            agent = other;
            etag = theirEtag;
            editor.requestSubmit();
          },
          takeTheirs: () => go(`/agents/${agent.id}`),
        });
        return null;
      }
      return result.problem;
    },
  });
  if (!context.isAdmin) editor.querySelectorAll("input, select, textarea, button").forEach((e) => e.setAttribute("disabled", ""));

  // The compiled instructions: brand → persona → agent, with the variables a call would carry.
  const preview = h("div", { class: "compiled" });
  const variables = form({
    label: "Preview variables",
    fields: [field({ name: "variables", label: "Sample variables (name=value, one per line)", type: "textarea", rows: 3, value: "first_name=Jordan\ncompany=Acme" })],
    submitLabel: "Preview instructions",
    onSubmit: async (values) => {
      const pairs: Record<string, string> = {};
      for (const line of values.lines("variables")) {
        const at = line.indexOf("=");
        if (at > 0) pairs[line.slice(0, at).trim()] = line.slice(at + 1).trim();
      }
      const result = await context.api.get<CompiledInstructions>(`/api/agents/${agent.id}/compiled-instructions${query(pairs)}`);
      if (!result.ok) return { ...result.problem, errors: result.problem.errors ? { variables: Object.entries(result.problem.errors).map(([k, v]) => `${k}: ${v.join(" ")}`) } : undefined };
      const c = result.value;
      replace(preview, [
        c.unknownVariables.length > 0
          ? h("p", { class: "warning", role: "alert" }, `Not filled: ${c.unknownVariables.map((v) => `{{${v}}}`).join(", ")} — a call without these values would say them literally.`)
          : h("p", { class: "ok" }, "Every variable is filled."),
        c.greeting ? h("p", {}, h("strong", {}, "Greeting: "), c.greeting) : null,
        h("pre", { class: "instructions", tabindex: 0, "aria-label": "Compiled instructions" }, c.instructions)]);
      return null;
    },
  });

  const testCall = h("div", { class: "test-call" });
  const startTest = h("button", { type: "button", class: "secondary" }, "Start a browser test call");
  startTest.addEventListener("click", async () => {
    startTest.disabled = true;
    const result = await context.api.request<TestCallSession>("POST", `/api/agents/${agent.id}/test-call`);
    startTest.disabled = false;
    if (!result.ok) return void testCall.replaceChildren(h("p", { class: "error", role: "alert" }, describe(result.problem)));
    const session = result.value;
    const { joinTestCall } = await import("../testCall");
    testCall.replaceChildren(h("p", { role: "status" }, `Room ${session.roomName}: the agent is dispatched (${session.dispatchId}); joining…`));
    const left = await joinTestCall(session, testCall);
    context.onLeave(left);
  });

  return {
    title: agent.settings.name,
    body: h("section", { class: "narrow" },
      h("p", {}, h("a", { href: link(`/agents${query({ brand: agent.brand.id })}`) }, "← Agents")),
      h("h1", {}, agent.settings.name),
      h("p", {}, "Brand: ", h("a", { class: "brand-badge", href: link(`/agents${query({ brand: agent.brand.id })}`), "data-brand-id": agent.brand.id }, agent.brand.name),
        " · Persona: ", h("a", { href: link(`/personas/${agent.personaId}`) }, agent.personaId)),
      conflict, editor,
      h("h2", {}, "Compiled instructions"), variables, preview,
      context.isAdmin ? [h("h2", {}, "Test call"), h("p", { class: "muted" }, "Talk to the agent from this browser (microphone needed)."), startTest, testCall] : null),
  };
}

