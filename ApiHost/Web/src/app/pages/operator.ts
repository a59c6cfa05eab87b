// The operator's screens: every tenant, and for one tenant its wallet with a top-up (idempotent: a retried submission
// credits once), an invitation for its first admin, and suspension.
import { h, replace, formatMoney, formatTime } from "../dom";
import { field, form } from "../forms";
import { describe, newIdempotencyKey, query, type Page } from "../api";
import { pagedList } from "../paging";
import { go, link, type Route } from "../router";
import type { Context, Screen } from "../context";
import type { TenantSnapshot, WalletView } from "../model";
import { ledgerList } from "../ledger";

interface TenantListing { id: string; name: string; status: string; createdAt: string }

export async function tenantsScreen(context: Context, route: Route): Promise<Screen> {
  const id = route.segments[1];
  if (id) return tenantDetail(context, id);
  const list = pagedList<TenantListing>({
    label: "Tenants", empty: "No tenants yet.", columns: ["Tenant", "Status", "Created"],
    load: (after) => context.api.get<Page<TenantListing>>(`/api/operator/tenants${query({ after, limit: 25 })}`),
    render: (t) => h("tr", { "data-tenant-id": t.id }, h("td", { "data-label": "Tenant" }, h("a", { href: link(`/tenants/${t.id}`) }, t.name)),
      h("td", { "data-label": "Status" }, t.status), h("td", { "data-label": "Created" }, formatTime(t.createdAt))),
  });
  await list.reload();
  list.element.querySelector("table")?.classList.add("stack");
  return { title: "Tenants", body: h("section", {}, h("h1", {}, "Tenants"), list.element) };
}

async function tenantDetail(context: Context, id: string): Promise<Screen> {
  const base = `/api/operator/tenants/${encodeURIComponent(id)}`;
  const [tenant, wallet] = await Promise.all([context.api.get<TenantSnapshot>(base), context.api.get<WalletView>(`${base}/wallet`)]);
  if (!tenant.ok) return { title: "Tenant", body: h("section", {}, h("h1", {}, "Tenant"), h("p", { role: "alert" }, describe(tenant.problem))) };
  const t = tenant.value;
  const w = wallet.ok ? wallet.value : null;
  const money = (n: number) => formatMoney(n, w?.currency);
  const key = newIdempotencyKey();
  const topUp = form({
    label: "Top up",
    fields: [
      field({ name: "kind", label: "Kind", type: "select", options: [["top-up", "Top-up (payment received)"], ["bonus", "Bonus"], ["refund", "Refund"], ["adjustment", "Adjustment (may be negative)"]] }),
      field({ name: "amount", label: `Amount (${w?.currency ?? "minor units"})`, type: "number", step: "0.01", required: true }),
      field({ name: "note", label: "Note", hint: "e.g. the invoice it pays" }),
    ],
    submitLabel: "Credit the wallet",
    onSubmit: async (v) => {
      const amount = v.number("amount");
      const result = await context.api.request("POST", `${base}/wallet/credits`,
        { kind: v.text("kind"), amount: amount === null ? null : Math.round(amount * 100), note: v.optional("note") }, { idempotencyKey: key });
      if (!result.ok) return result.problem;
      context.announce("Credited.");
      go(`/tenants/${id}`);
      return null;
    },
  });
  const invited = h("div", { "aria-live": "polite" });
  const invite = form({
    label: "Invite the tenant's admin",
    fields: [field({ name: "email", label: "Admin's email", type: "email", required: true })],
    submitLabel: "Invite admin",
    onSubmit: async (v) => {
      const result = await context.api.request<{ link: string }>("POST", `${base}/invitations`, { email: v.text("email").trim(), role: "tenant-admin" });
      if (!result.ok) return result.problem;
      replace(invited, h("div", { class: "notice", role: "status" }, h("p", {}, "Send this link (shown only now):"),
        h("input", { type: "text", readonly: true, value: result.value.link, "aria-label": "Invitation link", class: "copy" })));
      return null;
    },
  });
  const ledger = ledgerList(context.api, `${base}/wallet/ledger`, w?.currency);
  await ledger.reload();
  return {
    title: t.name,
    body: h("section", { class: "narrow" }, h("p", {}, h("a", { href: link("/tenants") }, "← Tenants")), h("h1", {}, t.name),
      h("dl", { class: "facts" }, h("dt", {}, "Id"), h("dd", {}, t.id), h("dt", {}, "Status"), h("dd", {}, t.status),
        h("dt", {}, "Balance"), h("dd", { "data-testid": "tenant-balance" }, w ? money(w.balance) : "–"), h("dt", {}, "Available"), h("dd", {}, w ? money(w.balance - w.reserved) : "–")),
      h("h2", {}, "Top up"), topUp, h("h2", {}, "Ledger"), ledger.element, h("h2", {}, "Invite the tenant's admin"), invite, invited),
  };
}
