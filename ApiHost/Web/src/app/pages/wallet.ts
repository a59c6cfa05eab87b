// The wallet: balance, reserved and available money, the low-balance threshold (a tenant admin changes it), the ledger
// a page at a time, and usage by day, agent, campaign or brand as charts with their tables.
import { h, formatMoney } from "../dom";
import { field, form } from "../forms";
import { describe, query } from "../api";
import { ledgerList } from "../ledger";
import { go, type Route } from "../router";
import { barChart } from "../charts";
import { allPages } from "../collect";
import type { Context, Screen } from "../context";
import type { AgentListing, BrandEntry, CampaignEntry, TenantSnapshot, UsageGroup, WalletView } from "../model";

const Groupings: [string, string][] = [["day", "Day"], ["agent", "Agent"], ["campaign", "Campaign"], ["brand", "Brand"]];

export async function walletScreen(context: Context, route: Route): Promise<Screen> {
  const groupBy = route.query.get("groupBy") ?? "day";
  const [wallet, usage] = await Promise.all([
    context.api.get<WalletView>("/api/wallet"),
    context.api.get<UsageGroup[]>(`/api/usage${query({ groupBy })}`),
  ]);
  if (!wallet.ok) return { title: "Wallet", body: h("section", {}, h("h1", {}, "Wallet"), h("p", { role: "alert" }, describe(wallet.problem))) };
  const w = wallet.value;
  const money = (n: number) => formatMoney(n, w.currency);
  const figures = h("dl", { class: "figures" },
    h("div", {}, h("dt", {}, "Balance"), h("dd", { "data-testid": "wallet-balance" }, money(w.balance))),
    h("div", {}, h("dt", {}, "Reserved for live calls"), h("dd", {}, money(w.reserved))),
    h("div", {}, h("dt", {}, "Available"), h("dd", {}, money(w.balance - w.reserved))),
    h("div", {}, h("dt", {}, "Low-balance alert below"), h("dd", { "data-testid": "low-balance-threshold" }, money(w.lowBalanceThreshold))));

  const threshold = context.isAdmin ? form({
    label: "Low-balance threshold",
    fields: [field({ name: "lowBalanceThreshold", label: `Warn when available money falls below (${w.currency})`, type: "number", step: "0.01", min: 0, value: (w.lowBalanceThreshold / 100).toFixed(2) })],
    submitLabel: "Save threshold",
    onSubmit: async (values) => {
      const result = await context.api.request<TenantSnapshot>("PATCH", "/api/tenant/settings", { lowBalanceThreshold: values.number("lowBalanceThreshold") });
      if (!result.ok) return result.problem;
      context.announce("Threshold saved.");
      go(`/wallet${query({ groupBy })}`);
      return null;
    },
  }) : null;

  const names = await usageNames(context, groupBy);
  const groups = usage.ok ? usage.value : [];
  const labels = groups.map((g) => (g.key ? names.get(g.key) ?? g.key : "(none)"));
  const chart = groups.length === 0 ? h("p", { class: "muted" }, "No calls yet.")
    : h("div", { class: "charts" },
      barChart(`Minutes by ${groupBy}`, labels, [{ label: "Minutes", values: groups.map((g) => Number(g.minutes)) }], (n) => n.toFixed(1)),
      barChart(`Cost by ${groupBy}`, labels, [{ label: `Cost (${w.currency})`, values: groups.map((g) => g.cost / 100) }], (n) => formatMoney(Math.round(n * 100), w.currency)));
  const grouping = h("form", { class: "filters", "aria-label": "Group usage" },
    field({ name: "groupBy", label: "Usage by", type: "select", value: groupBy, options: Groupings }));
  grouping.addEventListener("change", () => go(`/wallet${query({ groupBy: new FormData(grouping).get("groupBy") as string })}`));

  const ledger = ledgerList(context.api, "/api/wallet/ledger", w.currency);
  await ledger.reload();
  const body = h("section", {},
    h("h1", {}, "Wallet"),
    w.lowBalance ? h("p", { class: "warning", role: "alert" }, "Available money is below the low-balance threshold: calls stop when it runs out. Ask the platform's operator for a top-up.") : null,
    figures, threshold,
    h("h2", {}, "Usage"), grouping, chart,
    h("h2", {}, "Ledger"), ledger.element);
  return { title: "Wallet", body };
}

/** Names for usage keys (agent, campaign and brand ids); days are their own names. */
async function usageNames(context: Context, groupBy: string): Promise<Map<string, string>> {
  if (groupBy === "agent") return new Map((await allPages<AgentListing>(context.api, "/api/agents")).map((a) => [a.agent.id, a.agent.name]));
  if (groupBy === "campaign") return new Map((await allPages<CampaignEntry>(context.api, "/api/campaigns")).map((c) => [c.id, c.name]));
  if (groupBy === "brand") return new Map((await allPages<BrandEntry>(context.api, "/api/brands")).map((b) => [b.id, b.name]));
  return new Map();
}
