// A campaign's own calling rules (stricter than the federal and state rules the platform applies anyway): the list,
// removal, and a form to add one. A change is the campaign's settings sent whole with the revision they were read at.
import { h, replace, scrollBox } from "./dom";
import { field, form, type FormValues } from "./forms";
import { describe } from "./api";
import type { Context } from "./context";
import type { CallingRule, CampaignSettings, CampaignView } from "./model";
import { Days } from "./weekGrid";

export function callingRulesPanel(context: Context, read: () => { campaign: CampaignView; etag: string | null }, saved: (campaign: CampaignView) => void): HTMLElement {
  const list = h("div", {});
  const status = h("p", { class: "error", role: "alert" });

  async function save(rules: CallingRule[]) {
    const { campaign, etag } = read();
    return context.api.request<CampaignView>("PUT", `/api/campaigns/${campaign.id}`, request(campaign.settings, rules), { ifMatch: etag });
  }

  function render(): void {
    const rules = read().campaign.settings.callingRules;
    replace(list, rules.length === 0 ? h("p", { class: "muted" }, "None of its own: the federal and state rules apply.")
      : scrollBox("Calling rules", h("table", { class: "stack", "aria-label": "Calling rules" },
        h("thead", {}, h("tr", {}, ["Rule", "Where", "Hours", "No calls on", "Cap", "Source", ""].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, rules.map((rule, i) => {
          const remove = h("button", { type: "button", class: "secondary" }, `Remove ${rule.id}`);
          remove.addEventListener("click", async () => {
            const result = await save(rules.filter((_, j) => j !== i));
            if (!result.ok) return void (status.textContent = result.status === 412 ? "The campaign changed meanwhile; reload it." : describe(result.problem));
            saved(result.value);
            render();
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
      const rules = read().campaign.settings.callingRules;
      const result = await save([...rules, rule(v)]);
      if (!result.ok) {
        if (result.status === 412) return { status: 412, title: "Changed elsewhere", detail: "The campaign changed after you opened it; reload it and add the rule again." };
        // The new rule is the last: its errors are named callingRules[n].field, shown next to this form's fields.
        return result.problem;
      }
      saved(result.value);
      element.reset();
      render();
      context.announce("Calling rule added.");
      return null;
    },
  });
  render();
  return h("section", { class: "panel", "aria-labelledby": "rules-title" }, h("h2", { id: "rules-title" }, "Calling rules"), status, list,
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
