// A wallet's ledger a page at a time, newest first: the tenant's own (/api/wallet/ledger) or, for the operator, any
// tenant's (/api/operator/tenants/{id}/wallet/ledger).
import { h, formatMoney, formatTime } from "./dom";
import { query, type ConsoleApi, type Page } from "./api";
import { pagedList } from "./paging";
import type { WalletLedgerEntry } from "./model";

export function ledgerList(api: ConsoleApi, path: string, currency: string | null | undefined): { element: HTMLElement; reload: () => Promise<void> } {
  const money = (n: number) => formatMoney(n, currency);
  const list = pagedList<WalletLedgerEntry>({
    label: "Ledger", empty: "No entries yet.", columns: ["When", "What", "Amount", "Balance after", "By"],
    load: (after) => api.get<Page<WalletLedgerEntry>>(`${path}${query({ after, limit: 25 })}`),
    render: (e) => h("tr", { "data-sequence": e.sequence },
      h("td", { "data-label": "When" }, formatTime(e.at)),
      h("td", { "data-label": "What" }, `${e.kind}${e.note ? `: ${e.note}` : ""}`),
      h("td", { "data-label": "Amount" }, money(e.balanceChange)),
      h("td", { "data-label": "Balance after" }, money(e.balanceAfter)),
      h("td", { "data-label": "By" }, e.actor ?? "–")),
  });
  list.element.querySelector("table")?.classList.add("stack");
  return list;
}
