// Campaigns: the list; a create wizard (agent, caller ids, windows on a week grid, pacing, retries, consent); and each
// campaign's page — lead upload with the per-row report, start/pause/resume/cancel, progress with the reason it is not
// dialing, the funnel as a chart, the export, and its calls — kept current by the live feed.
import { h, replace, formatTime, scrollBox } from "../dom";
import { field, form, type FormValues } from "../forms";
import { describe, newIdempotencyKey, query, type Page, type Problem } from "../api";
import { pagedList } from "../paging";
import { go, link, type Route } from "../router";
import { allPages } from "../collect";
import { weekGrid } from "../weekGrid";
import { barChart } from "../charts";
import { listen } from "../live";
import { callingRulesPanel, request as settingsRequest } from "../callingRules";
import { callRow, CallColumns } from "./calls";
import type { Context, Screen } from "../context";
import type { AgentListing, CallRecord, CampaignEntry, CampaignFunnel, CampaignSettings, CampaignView, LeadImportReport, PhoneNumberView } from "../model";

export async function campaignsScreen(context: Context, route: Route): Promise<Screen> {
  const id = route.segments[1];
  if (id === "new") return campaignWizard(context, null);
  if (id && route.segments[2] === "edit") return editCampaign(context, id);
  if (id) return campaignDetail(context, id);
  return campaignList(context, route);
}

async function campaignList(context: Context, route: Route): Promise<Screen> {
  const status = route.query.get("status") ?? "";
  const filter = h("form", { class: "filters", role: "search", "aria-label": "Filter campaigns" },
    field({ name: "status", label: "Status", type: "select", value: status, options: [["", "Any status"], ["draft", "Draft"], ["running", "Running"], ["paused", "Paused"], ["completed", "Completed"], ["cancelled", "Cancelled"]] }));
  filter.addEventListener("change", () => go(`/campaigns${query({ status: new FormData(filter).get("status") as string })}`));
  const list = pagedList<CampaignEntry>({
    label: "Campaigns", empty: "No campaigns yet.", columns: ["Campaign", "Status"],
    load: (after) => context.api.get<Page<CampaignEntry>>(`/api/campaigns${query({ status, after, limit: 25 })}`),
    render: (c) => h("tr", { "data-campaign-id": c.id },
      h("td", { "data-label": "Campaign" }, h("a", { href: link(`/campaigns/${c.id}`) }, c.name)),
      h("td", { "data-label": "Status" }, h("span", { class: "badge", "data-status": c.status }, c.status))),
  });
  await list.reload();
  list.element.querySelector("table")?.classList.add("stack");
  return {
    title: "Campaigns",
    body: h("section", {},
      h("div", { class: "title-row" }, h("h1", {}, "Campaigns"), context.isAdmin ? h("a", { class: "button", href: link("/campaigns/new") }, "New campaign") : null),
      filter, list.element),
  };
}

const Steps = ["Agent and numbers", "Calling hours", "Pacing and retries", "Review"];

async function editCampaign(context: Context, id: string): Promise<Screen> {
  const read = await context.api.get<CampaignView>(`/api/campaigns/${encodeURIComponent(id)}`);
  if (!read.ok) return { title: "Campaign", body: h("section", {}, h("h1", {}, "Campaign"), h("p", { role: "alert" }, describe(read.problem))) };
  return campaignWizard(context, read.value);
}

/**
 * The create wizard, or with an existing campaign its edit: the same steps filled with its settings, saved whole with
 * the revision they were read at (If-Match), so another person's change in between is shown rather than overwritten.
 */
async function campaignWizard(context: Context, existing: CampaignView | null): Promise<Screen> {
  const [active, numbers] = await Promise.all([
    allPages<AgentListing>(context.api, "/api/agents", { status: "active" }),
    allPages<PhoneNumberView>(context.api, "/api/phone-numbers"),
  ]);
  const was = existing?.settings;
  // An edited campaign keeps its agent in the list even when that agent is no longer active (it cannot dial until it is).
  const agents: [string, string][] = active.map((a) => [a.agent.id, `${a.agent.name} (${a.brand.name})`]);
  if (was && !agents.some(([agentId]) => agentId === was.agentId)) agents.unshift([was.agentId, `${was.agentId} (not active)`]);
  const key = newIdempotencyKey();
  const grid = weekGrid(was?.windows ?? [{ days: ["monday", "tuesday", "wednesday", "thursday", "friday"], startMinute: 9 * 60, endMinute: 17 * 60 }],
    "Hours when leads may be called, in each lead's own local time (the campaign's zone for leads whose zone is not known)");
  const callerIds = h("fieldset", { "data-field": "callerIdNumberIds" }, h("legend", {}, "Caller ids (none chosen: any of the brand's numbers)"),
    numbers.length === 0 ? h("p", { class: "muted" }, "No numbers yet (see Telephony).") : null,
    numbers.map((n) => field({ name: `callerId:${n.id}`, label: `${n.number}${n.label ? ` — ${n.label}` : ""}`, type: "checkbox", value: was?.callerIdNumberIds.includes(n.id) ?? false })),
    h("p", { class: "error", "data-error-for": "callerIdNumberIds" }));
  const steps = [
    h("fieldset", { class: "step", "data-step": 0 }, h("legend", {}, `Step 1 of 4: ${Steps[0]}`),
      field({ name: "name", label: "Campaign name", required: true, value: was?.name }),
      field({ name: "agentId", label: "Agent", type: "select", required: true, options: agents, value: was?.agentId, hint: "Active agents; the campaign takes the agent's brand." }),
      callerIds,
      field({ name: "defaultTimeZone", label: "Campaign time zone", value: was ? was.defaultTimeZone ?? "" : "America/New_York", hint: "Used for leads whose own zone cannot be told from their number or address." }),
      field({ name: "defaultRegion", label: "Default region", value: was?.defaultRegion ?? "US", hint: "For numbers written without a country code." })),
    h("fieldset", { class: "step", "data-step": 1, hidden: true }, h("legend", {}, `Step 2 of 4: ${Steps[1]}`), grid.element),
    h("fieldset", { class: "step", "data-step": 2, hidden: true }, h("legend", {}, `Step 3 of 4: ${Steps[2]}`),
      field({ name: "pacing.maxConcurrentCalls", label: "Calls at once", type: "number", min: 1, value: was?.pacing.maxConcurrentCalls ?? 5 }),
      field({ name: "pacing.maxDialsPerMinute", label: "Dials per minute", type: "number", min: 1, value: was?.pacing.maxDialsPerMinute ?? 30 }),
      field({ name: "retry.noAnswer.delayMinutes", label: "After no answer, retry in (minutes)", type: "number", min: 1, value: was?.retry.noAnswer.delayMinutes ?? 240 }),
      field({ name: "retry.noAnswer.maxAttempts", label: "No-answer attempts", type: "number", min: 1, value: was?.retry.noAnswer.maxAttempts ?? 3 }),
      field({ name: "retry.busy.delayMinutes", label: "After busy, retry in (minutes)", type: "number", min: 1, value: was?.retry.busy.delayMinutes ?? 30 }),
      field({ name: "retry.busy.maxAttempts", label: "Busy attempts", type: "number", min: 1, value: was?.retry.busy.maxAttempts ?? 3 }),
      field({ name: "retry.maxAttemptsPerLead", label: "Most attempts per lead", type: "number", min: 1, value: was?.retry.maxAttemptsPerLead ?? 6 }),
      field({ name: "requireConsentForUsNumbers", label: "Only call US numbers with recorded consent (required for AI voices under the TCPA)", type: "checkbox", value: was?.requireConsentForUsNumbers ?? true }),
      field({ name: "autoResume", label: "Resume by itself after a pause for funds", type: "checkbox", value: was?.autoResume ?? false })),
    h("fieldset", { class: "step", "data-step": 3, hidden: true }, h("legend", {}, `Step 4 of 4: ${Steps[3]}`), h("div", { class: "review" })),
  ];
  let current = 0;
  const back = h("button", { type: "button", class: "secondary", hidden: true }, "Back");
  const next = h("button", { type: "button" }, "Next");
  const progress = h("p", { class: "muted", "aria-live": "polite" }, `Step 1 of 4: ${Steps[0]}`);
  const title = existing ? `Edit ${existing.settings.name}` : "New campaign";
  const element = form({
    label: title, fields: [progress, ...steps], submitLabel: existing ? "Save changes" : "Create campaign", extra: [back, next],
    onSubmit: async (values) => {
      const body = request(values, numbers, grid.read(), was);
      const result = existing
        ? await context.api.request<CampaignView>("PUT", `/api/campaigns/${existing.id}`, body, { ifMatch: `"${existing.revision}"` })
        : await context.api.request<CampaignView>("POST", "/api/campaigns", body, { idempotencyKey: key });
      if (!result.ok) {
        if (result.status === 412) return { status: 412, title: "Changed elsewhere", detail: "Someone changed this campaign after you opened it. Open it again to see their version, then make your change." };
        // Shows the step holding the first field the API named.
        const first = Object.keys(result.problem.errors ?? {})[0];
        const step = first ? steps.findIndex((s) => s.querySelector(`[data-field="${CSS.escape(first)}"]`) || s.querySelector(`[data-field="${CSS.escape(first.split(/[.[]/)[0])}"]`)) : -1;
        if (step >= 0) show(step);
        return result.problem;
      }
      context.announce(existing ? `Campaign ${result.value.settings.name} saved.` : `Campaign ${result.value.settings.name} created in draft.`);
      go(`/campaigns/${result.value.id}`);
      return null;
    },
  });
  const submit = element.querySelector<HTMLButtonElement>("button[type=submit]")!;
  function show(step: number): void {
    current = step;
    steps.forEach((s, i) => (s.hidden = i !== step));
    back.hidden = step === 0;
    next.hidden = step === steps.length - 1;
    submit.hidden = step !== steps.length - 1;
    progress.textContent = `Step ${step + 1} of 4: ${Steps[step]}`;
    if (step === 3) renderReview(steps[3].querySelector(".review")!, element, agents, grid.read());
    steps[step].querySelector<HTMLElement>("input, select, button")?.focus();
  }
  back.addEventListener("click", () => show(current - 1));
  next.addEventListener("click", () => show(current + 1));
  submit.hidden = true;
  const editable = !existing || existing.status === "draft" || existing.status === "paused";
  const upLink = existing ? h("p", {}, h("a", { href: link(`/campaigns/${existing.id}`) }, `← ${existing.settings.name}`)) : h("p", {}, h("a", { href: link("/campaigns") }, "← Campaigns"));
  return {
    title,
    body: h("section", { class: "narrow wide-ok" }, upLink, h("h1", {}, title),
      agents.length === 0 ? h("p", { class: "notice" }, "Activate an agent first: a campaign needs one to talk.")
        : !editable ? h("p", { class: "notice" }, `A ${existing!.status} campaign cannot be edited${existing!.status === "running" ? "; pause it first" : ""}.`)
        : element),
  };
}

/** The wizard's values as the API takes them; what the wizard does not show is carried over from the campaign being edited. */
function request(v: FormValues, numbers: PhoneNumberView[], windows: { days: string[]; from: string; to: string }[], was?: CampaignSettings): unknown {
  return {
    ...(was ? settingsRequest(was, was.callingRules) as object : {}),
    name: v.text("name").trim(), agentId: v.text("agentId"), callerIdNumberIds: numbers.filter((n) => v.checked(`callerId:${n.id}`)).map((n) => n.id),
    windows, defaultTimeZone: v.optional("defaultTimeZone"), defaultRegion: v.text("defaultRegion").trim() || "US",
    pacing: { maxConcurrentCalls: v.number("pacing.maxConcurrentCalls"), maxDialsPerMinute: v.number("pacing.maxDialsPerMinute") },
    retry: {
      noAnswer: { delayMinutes: v.number("retry.noAnswer.delayMinutes"), maxAttempts: v.number("retry.noAnswer.maxAttempts") },
      busy: { delayMinutes: v.number("retry.busy.delayMinutes"), maxAttempts: v.number("retry.busy.maxAttempts") },
      voicemail: was?.retry.voicemail ?? { delayMinutes: 1440, maxAttempts: 2 }, failed: was?.retry.failed ?? { delayMinutes: 60, maxAttempts: 2 },
      maxAttemptsPerLead: v.number("retry.maxAttemptsPerLead"),
    },
    requireConsentForUsNumbers: v.checked("requireConsentForUsNumbers"), autoResume: v.checked("autoResume"),
  };
}

function renderReview(target: HTMLElement, element: HTMLFormElement, agents: [string, string][], windows: { days: string[]; from: string; to: string }[]): void {
  const data = new FormData(element);
  const agent = agents.find(([id]) => id === data.get("agentId"));
  replace(target, h("dl", { class: "facts" },
    h("dt", {}, "Name"), h("dd", {}, String(data.get("name") ?? "")),
    h("dt", {}, "Agent"), h("dd", {}, agent ? agent[1] : "–"),
    h("dt", {}, "Calling hours"), h("dd", {}, windows.length === 0 ? "None: nobody would be called" : windows.map((w) => `${w.days.map((d) => d.slice(0, 3)).join(", ")} ${w.from}–${w.to}`).join("; ")),
    h("dt", {}, "Pace"), h("dd", {}, `${data.get("pacing.maxConcurrentCalls")} at once, ${data.get("pacing.maxDialsPerMinute")} dials a minute`),
    h("dt", {}, "Consent for US numbers"), h("dd", {}, data.get("requireConsentForUsNumbers") ? "Required" : "Not required")));
}

async function campaignDetail(context: Context, id: string): Promise<Screen> {
  const read = await context.api.get<CampaignView>(`/api/campaigns/${encodeURIComponent(id)}`);
  if (!read.ok) return { title: "Campaign", body: h("section", {}, h("h1", {}, "Campaign"), h("p", { role: "alert" }, describe(read.problem))) };
  let campaign = read.value;
  const base = `/api/campaigns/${campaign.id}`;
  const status = h("div", { class: "campaign-status", "aria-live": "polite" });
  const actions = h("div", { class: "actions" });
  const actionError = h("p", { class: "error", role: "alert" });
  const funnel = h("div", { class: "funnel" });
  const calls = pagedList<CallRecord>({
    label: "This campaign's calls", empty: "No calls yet.", columns: CallColumns,
    load: (after) => context.api.get<Page<CallRecord>>(`/api/calls${query({ campaignId: campaign.id, after, limit: 20 })}`),
    render: callRow,
  });
  calls.element.querySelector("table")?.classList.add("stack");

  function renderStatus(): void {
    const p = campaign.progress;
    const leads = p?.leadsByStatus ?? {};
    const total = Object.values(leads).reduce((a, b) => a + b, 0);
    // Finished: nothing more will be dialed for these leads.
    const done = ["completed", "exhausted", "do-not-call", "no-consent", "invalid"].reduce((sum, s) => sum + (leads[s] ?? 0), 0);
    replace(status,
      h("p", {}, h("span", { class: "badge", "data-status": campaign.status, "data-testid": "campaign-status" }, campaign.status),
        campaign.statusDetail ? ` ${campaign.statusDetail}` : "", campaign.pausedFor ? ` (paused for ${campaign.pausedFor})` : ""),
      total > 0 ? h("p", {}, h("label", { for: "lead-progress" }, `Leads finished: ${done} of ${total}`), " ",
        h("progress", { id: "lead-progress", max: total, value: done })) : h("p", { class: "muted" }, "No leads yet: upload a list below."),
      p ? h("dl", { class: "facts" },
        h("dt", {}, "Live calls"), h("dd", { "data-testid": "live-calls" }, String(p.liveCalls)),
        h("dt", {}, "Dials in the last minute"), h("dd", {}, String(p.dialsLastMinute)),
        h("dt", {}, "Leads"), h("dd", { "data-testid": "leads-by-status" }, Object.entries(leads).map(([k, v]) => `${k} ${v}`).join(" · ") || "–"),
        p.notDialing ? [h("dt", {}, "Not dialing because"), h("dd", { class: "not-dialing", "data-reason": p.notDialing.reason }, p.notDialing.detail,
          p.notDialing.nextDialAt ? ` Next dial: ${formatTime(p.notDialing.nextDialAt)}.` : "")] : null,
        p.estimatedCompletionAt ? [h("dt", {}, "Expected to finish"), h("dd", {}, formatTime(p.estimatedCompletionAt))] : null) : null);
    renderActions();
  }

  function renderActions(): void {
    actions.replaceChildren();
    if (!context.isAdmin) return;
    const verbs: [string, string][] = campaign.status === "draft" ? [["start", "Start"], ["cancel", "Cancel"]]
      : campaign.status === "running" ? [["pause", "Pause"], ["cancel", "Cancel"]]
      : campaign.status === "paused" ? [["resume", "Resume"], ["cancel", "Cancel"]] : [];
    for (const [verb, label] of verbs) {
      const button = h("button", { type: "button", class: verb === "cancel" ? "danger" : verb === "pause" ? "secondary" : "" }, `${label} campaign`);
      button.addEventListener("click", async () => {
        button.disabled = true;
        actionError.textContent = "";
        const result = await context.api.request<CampaignView>("POST", `${base}/${verb}`);
        button.disabled = false;
        if (!result.ok) return void (actionError.textContent = describe(result.problem));
        campaign = result.value;
        renderStatus();
        context.announce(`Campaign ${campaign.status}.`);
      });
      actions.appendChild(button);
    }
    if (campaign.status === "draft" || campaign.status === "paused")
      actions.appendChild(h("a", { class: "button secondary", href: link(`/campaigns/${campaign.id}/edit`) }, "Edit settings"));
  }

  // Counts the live events applied: a read that was under way when one arrived is older than it, and is not shown over it.
  let eventsApplied = 0;

  async function refresh(): Promise<void> {
    const before = eventsApplied;
    const [fresh, f] = await Promise.all([context.api.get<CampaignView>(base), context.api.get<CampaignFunnel>(`${base}/funnel`)]);
    if (fresh.ok && eventsApplied === before) campaign = fresh.value;
    renderStatus();
    if (f.ok) {
      const stages: [string, number][] = [["Leads", f.value.leads], ["Dialed", f.value.dialed], ["Connected", f.value.connected], ["Conversations", f.value.conversations], ["Positive", f.value.positive]];
      replace(funnel, barChart("Funnel: how the leads narrow", stages.map((s) => s[0]), [{ label: "Leads", values: stages.map((s) => s[1]) }]));
    }
    await calls.reload();
  }

  // The live feed: this campaign's progress as it changes; its calls and funnel re-read as calls end (debounced).
  let pending: number | null = null;
  const later = () => {
    if (pending !== null) return;
    pending = window.setTimeout(() => {
      pending = null;
      void refresh();
    }, 750);
  };
  const feed = h("p", { class: "feed", "data-state": "offline", role: "status" });
  const stop = listen(context.api, {
    state: (state, detail) => {
      feed.dataset.state = state;
      feed.textContent = state === "live" ? "Live: changes appear as they happen."
        : state === "offline" ? `Not live${detail ? ` (${detail})` : ""}: reload to see changes.` : state === "reconnecting" ? "Reconnecting…" : "Connecting…";
    },
    event: (e) => {
      if (e.payload.campaign?.id === campaign.id) {
        campaign = e.payload.campaign;
        eventsApplied++;
        renderStatus();
      }
      if (e.payload.call?.campaignId === campaign.id && e.payload.call.status === "ended") later();
    },
    resync: () => void refresh(),
  });
  context.onLeave(() => {
    stop();
    if (pending !== null) window.clearTimeout(pending);
  });

  await refresh();
  return {
    title: campaign.settings.name,
    body: h("section", {},
      h("p", {}, h("a", { href: link("/campaigns") }, "← Campaigns")),
      h("h1", {}, campaign.settings.name),
      feed, status, actions, actionError,
      context.isAdmin ? leadUpload(context, base, () => void refresh()) : null,
      // The view's revision is its ETag, whether the view came from a read, an action or the live feed.
      callingRulesPanel(context, () => ({ campaign, etag: `"${campaign.revision}"` }), (saved) => {
        campaign = saved;
        renderStatus();
      }),
      h("h2", {}, "Funnel"), funnel,
      h("p", {}, h("a", { href: `${base}/export.csv`, download: `${campaign.settings.name}.csv` }, "Export the leads and their outcomes (CSV)")),
      h("h2", {}, "Calls"), calls.element),
  };
}

function leadUpload(context: Context, base: string, uploaded: () => void): HTMLElement {
  const report = h("div", { class: "import-report", "aria-live": "polite" });
  const element = form({
    label: "Upload leads",
    fields: [field({ name: "csv", label: "Lead list (CSV with a phone column; other columns become variables)", type: "text" })],
    submitLabel: "Upload leads",
    onSubmit: async (_values, formElement): Promise<Problem | null> => {
      const file = (formElement.querySelector("input[name=csv]") as HTMLInputElement).files?.[0];
      if (!file) return { status: 400, title: "No file", errors: { csv: ["Choose a CSV file."] } };
      const result = await context.api.request<LeadImportReport>("POST", `${base}/leads`, { csv: await file.text() });
      if (!result.ok) return result.problem;
      const r = result.value;
      replace(report,
        h("p", { role: "status" }, `${r.received} rows read: ${r.added} added, ${r.alreadyInCampaign} already in the campaign, ${r.rejected.length} rejected.`),
        r.rejected.length > 0 ? scrollBox("Rejected rows", h("table", { class: "rejected stack", "aria-label": "Rejected rows" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Row"), h("th", { scope: "col" }, "Field"), h("th", { scope: "col" }, "Why"))),
          h("tbody", {}, r.rejected.map((p) => h("tr", {}, h("td", { "data-label": "Row" }, String(p.row)), h("td", { "data-label": "Field" }, p.field), h("td", { "data-label": "Why" }, p.reason)))))) : null);
      uploaded();
      return null;
    },
  });
  const input = element.querySelector<HTMLInputElement>("input[name=csv]")!;
  input.type = "file";
  input.accept = ".csv,text/csv";
  return h("section", { class: "panel", "aria-labelledby": "upload-title" }, h("h2", { id: "upload-title" }, "Leads"), element, report);
}
