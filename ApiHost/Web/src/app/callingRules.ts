// A tenant's own calling rules (stricter than the federal and state rules the platform applies anyway): the list,
// removal, and a form to add one — for one campaign (its settings sent whole with the revision they were read at) or
// for the whole tenant (its settings, which every campaign keeps).
import { h, replace, scrollBox } from "./dom";
import { field, form, type FormValues } from "./forms";
import { describe, type ApiResult } from "./api";
import type { Context } from "./context";
import type { CallingRule, CampaignSettings, CampaignView, TenantSnapshot } from "./model";
import { Days } from "./weekGrid";

interface RulesSource {
  title: string;
  intro: string;
  empty: string;
  changedElsewhere: string;
  rules: () => CallingRule[];
  save: (rules: CallingRule[]) => Promise<ApiResult<unknown>>;
}

/** A campaign's own rules, saved with its settings (If-Match: the revision they were read at). */
export function callingRulesPanel(context: Context, read: () => { campaign: CampaignView; etag: string | null }, saved: (campaign: CampaignView) => void): HTMLElement {
  return rulesPanel(context, {
    title: "Calling rules", intro: "This campaign's own, besides the tenant's (Settings → Calling rules) and the federal and state rules.",
    empty: "None of its own: the tenant's rules and the federal and state rules apply.",
    changedElsewhere: "The campaign changed after you opened it; reload it and make the change again.",
    rules: () => read().campaign.settings.callingRules,
    save: async (rules) => {
      const { campaign, etag } = read();
      const result = await context.api.request<CampaignView>("PUT", `/api/campaigns/${campaign.id}`, request(campaign.settings, rules), { ifMatch: etag });
      if (result.ok) saved(result.value);
      return result;
    },
  });
}

/** The tenant's own rules, which every campaign of the tenant keeps: the whole list sent in its settings. */
export function tenantRulesPanel(context: Context, tenant: () => TenantSnapshot, saved: (tenant: TenantSnapshot) => void): HTMLElement {
  return rulesPanel(context, {
    title: "Calling rules for every campaign", intro: "Kept by every campaign of this tenant, running ones included, from their next dial; campaigns may add their own.",
    empty: "None: each campaign's own rules and the federal and state rules apply.",
    changedElsewhere: "",
    rules: () => (tenant().settings.callingRules as CallingRule[] | undefined) ?? [],
    save: async (rules) => {
      const result = await context.api.request<TenantSnapshot>("PATCH", "/api/tenant/settings", { callingRules: rules });
      if (result.ok) saved(result.value);
      return result;
    },
  });
}

let panels = 0;

function rulesPanel(context: Context, source: RulesSource): HTMLElement {
  const list = h("div", {});
  const status = h("p", { class: "error", role: "alert" });
  const titleId = `rules-title-${++panels}`;

  function render(): void {
    const rules = source.rules();
    replace(list, rules.length === 0 ? h("p", { class: "muted" }, source.empty)
      : scrollBox(source.title, h("table", { class: "stack", "aria-label": source.title },
        h("thead", {}, h("tr", {}, ["Rule", "Where", "Hours", "No calls on", "Cap", "Source", ""].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, rules.map((rule, i) => {
          const remove = h("button", { type: "button", class: "secondary" }, `Remove ${rule.id}`);
          remove.addEventListener("click", async () => {
            const result = await source.save(rules.filter((_, j) => j !== i));
            if (!result.ok) return void (status.textContent = result.status === 412 ? source.changedElsewhere : describe(result.problem));
            status.textContent = "";
            render();
            context.announce(`Calling rule ${rule.id} removed.`);
          });
          return h("tr", { "data-rule-id": rule.id },
            h("td", { "data-label": "Rule" }, rule.id), h("td", { "data-label": "Where" }, rule.appliesTo),
            h("td", { "data-label": "Hours" }, rule.fromMinute != null && rule.toMinute != null ? `${time(rule.fromMinute)}–${time(rule.toMinute)}` : "–"),
            h("td", { "data-label": "No calls on" }, [...rule.noCallDays, ...rule.holidays].join(", ") || "–"),
            h("td", { "data-label": "Cap" }, rule.maxAttempts ? `${rule.maxAttempts} per ${rule.perHours} h` : "–"),
            h("td", { "data-label": "Source" }, rule.source), h("td", {}, context.isAdmin ? remove : null));
        })))));
  }

  const add = form({
    label: "Add a calling rule",
    fields: [
      field({ name: "id", label: "Rule name", required: true, hint: "e.g. no-sundays" }),
      field({ name: "appliesTo", label: "Applies to", value: "*", hint: "* for every number, a country such as US, or a US state such as US-FL" }),
      field({ name: "fromMinute", label: "Earliest call (local time)", type: "time" }),
      field({ name: "toMinute", label: "Latest call (local time)", type: "time" }),
      h("fieldset", { "data-field": "noCallDays" }, h("legend", {}, "No calls on"),
        Days.map((d) => field({ name: `day:${d}`, label: d[0].toUpperCase() + d.slice(1), type: "checkbox" })), h("p", { class: "error", "data-error-for": "noCallDays" })),
      field({ name: "holidays", label: "Holidays (yyyy-MM-dd, one per line)", type: "textarea", rows: 2 }),
      field({ name: "maxAttempts", label: "At most this many attempts to one number", type: "number", min: 1 }),
      field({ name: "perHours", label: "…per this many hours", type: "number", min: 1 }),
      field({ name: "source", label: "Why (the law or policy)", required: true, value: "Our own policy" }),
    ],
    submitLabel: "Add rule",
    onSubmit: async (v, element) => {
      const result = await source.save([...source.rules(), rule(v)]);
      if (!result.ok) {
        if (result.status === 412) return { status: 412, title: "Changed elsewhere", detail: source.changedElsewhere };
        // The new rule is the last: its errors are named callingRules[n].field, shown next to this form's fields.
        return result.problem;
      }
      element.reset();
      render();
      context.announce("Calling rule added.");
      return null;
    },
  });
  render();
  return h("section", { class: "panel", "aria-labelledby": titleId }, h("h2", { id: titleId }, source.title), h("p", { class: "muted" }, source.intro), status, list,
    context.isAdmin ? h("details", {}, h("summary", {}, "Add a calling rule"), add) : null);
}

function rule(v: FormValues): CallingRule {
  return {
    id: v.text("id").trim(), appliesTo: v.text("appliesTo").trim(), fromMinute: minutes(v.text("fromMinute")), toMinute: minutes(v.text("toMinute")),
    noCallDays: Days.filter((d) => v.checked(`day:${d}`)), holidays: v.lines("holidays"),
    maxAttempts: v.number("maxAttempts"), perHours: v.number("perHours"), source: v.text("source").trim(),
  };
}

/** The campaign's settings as the API takes them back on PUT (windows as HH:mm), with the rules replaced. */
export function request(s: CampaignSettings, rules: CallingRule[]): unknown {
  return {
    name: s.name, agentId: s.agentId, callerIdNumberIds: s.callerIdNumberIds, trunkId: s.trunkId ?? null, startsAt: s.startsAt ?? null, endsAt: s.endsAt ?? null,
    windows: s.windows.map((w) => ({ days: w.days, from: time(w.startMinute), to: w.endMinute === 1440 ? "24:00" : time(w.endMinute) })),
    defaultTimeZone: s.defaultTimeZone ?? null, defaultRegion: s.defaultRegion, pacing: s.pacing, retry: s.retry, callerIdRotation: s.callerIdRotation,
    requireConsentForUsNumbers: s.requireConsentForUsNumbers, autoResume: s.autoResume, abandonRateLimitPercent: s.abandonRateLimitPercent, callingRules: rules,
  };
}

function minutes(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function time(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}
