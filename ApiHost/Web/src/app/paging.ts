// A list read a page at a time with the API's cursors: the first page on open, "Show more" for the next, and a
// refresh that starts again from the first, so what is shown is never older than the last read.
import { h, replace, scrollBox } from "./dom";
import { describe, type ApiResult, type Page } from "./api";

export interface PagedListOptions<T> {
  label: string;
  load: (after: string | null) => Promise<ApiResult<Page<T>>>;
  render: (item: T) => HTMLElement;
  empty: string;
  /** A table's header row when items render as rows; a list otherwise. */
  columns?: string[];
}

export function pagedList<T>(options: PagedListOptions<T>): { element: HTMLElement; reload: () => Promise<void> } {
  const items = options.columns ? h("tbody") : h("ul", { class: "cards", "aria-label": options.label });
  const container = options.columns
    ? scrollBox(options.label, h("table", { "aria-label": options.label }, h("thead", {}, h("tr", {}, options.columns.map((c) => h("th", { scope: "col" }, c)))), items))
    : items;
  const status = h("p", { class: "muted list-status", role: "status" });
  const more = h("button", { type: "button", class: "secondary", hidden: true }, "Show more");
  let next: string | null = null;

  async function loadPage(after: string | null): Promise<void> {
    more.disabled = true;
    status.textContent = "Loading…";
    const result = await options.load(after);
    more.disabled = false;
    if (!result.ok) {
      status.textContent = describe(result.problem);
      return;
    }
    if (after === null) replace(items);
    for (const item of result.value.items) items.appendChild(options.render(item));
    next = result.value.next ?? null;
    more.hidden = next === null;
    const count = items.children.length;
    status.textContent = count === 0 ? options.empty : next ? `${count} shown; more to come.` : `${count} shown.`;
  }

  more.addEventListener("click", () => void loadPage(next));
  const element = h("div", { class: "paged" }, container, status, more);
  return { element, reload: () => loadPage(null) };
}
