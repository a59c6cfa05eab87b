// Brands: a searchable, filterable list; create; edit with the revision it was read at (a concurrent edit shows the
// other person's version); clone; archive (refusals list what still uses the brand).
import { h, replace, formatTime } from "../dom";
import { field, form, type FormValues } from "../forms";
import { describe, newIdempotencyKey, query, type ApiResult, type Page } from "../api";
import { pagedList } from "../paging";
import { showConflict as showConflictPanel } from "../conflict";
import { go, link, type Route } from "../router";
import type { Context, Screen } from "../context";
import type { BrandEntry, BrandProfile, BrandView } from "../model";

export async function brandsScreen(context: Context, route: Route): Promise<Screen> {
  const id = route.segments[1];
  if (id === "new") return newBrand(context);
  if (id) return brandDetail(context, id);
  return brandList(context, route);
}

async function brandList(context: Context, route: Route): Promise<Screen> {
  const search = route.query.get("name") ?? "";
  const status = route.query.get("status") ?? "active";
  const filters = h("form", { class: "filters", role: "search", "aria-label": "Filter brands" },
    field({ name: "name", label: "Search by name", value: search }),
    field({ name: "status", label: "Status", type: "select", value: status, options: [["active", "Active"], ["archived", "Archived"], ["all", "All"]] }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "secondary" }, "Filter")));
  filters.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = new FormData(filters);
    go(`/brands${query({ name: String(data.get("name") ?? "").trim(), status: String(data.get("status") ?? "") || "all" })}`);
  });
  const list = pagedList<BrandEntry>({
    label: "Brands",
    empty: search ? "No brand matches." : "No brands yet.",
    load: (after) => context.api.get<Page<BrandEntry>>(`/api/brands${query({ name: search, status: status === "all" ? "" : status, after, limit: 25 })}`),
    render: (brand) => h("li", { class: "card", "data-brand-id": brand.id },
      h("h2", {}, h("a", { href: link(`/brands/${brand.id}`) }, brand.name)),
      h("p", { class: "muted" }, brand.industry ?? "No industry given"),
      h("p", { class: "badge", "data-status": brand.status }, brand.status)),
  });
  await list.reload();
  return {
    title: "Brands",
    body: h("section", {},
      h("div", { class: "title-row" }, h("h1", {}, "Brands"), context.isAdmin ? h("a", { class: "button", href: link("/brands/new") }, "New brand") : null),
      filters, list.element),
  };
}

function profileFields(profile?: BrandProfile): HTMLElement[] {
  return [
    field({ name: "companyName", label: "Company name", required: true, value: profile?.companyName }),
    field({ name: "industry", label: "Industry", value: profile?.industry }),
    field({ name: "website", label: "Website", type: "url", value: profile?.website, hint: "https://…" }),
    field({ name: "description", label: "What the company does", type: "textarea", value: profile?.description }),
    field({ name: "voiceAndTone", label: "Voice and tone", type: "textarea", value: profile?.voiceAndTone }),
    field({ name: "dos", label: "Do (one per line)", type: "textarea", rows: 3, value: profile?.dos.join("\n") }),
    field({ name: "donts", label: "Don't (one per line)", type: "textarea", rows: 3, value: profile?.donts.join("\n") }),
    field({ name: "defaultLanguage", label: "Default language", value: profile?.defaultLanguage ?? "en-US", hint: "A BCP 47 tag, e.g. en-US" }),
    field({ name: "defaultTimeZone", label: "Default time zone", value: profile?.defaultTimeZone ?? "America/New_York", hint: "An IANA zone, e.g. America/Chicago" }),
  ];
}

function profileFrom(values: FormValues, previous?: BrandProfile): BrandProfile {
  return {
    companyName: values.text("companyName").trim(), industry: values.optional("industry"), website: values.optional("website"),
    logoUrl: previous?.logoUrl ?? null, socialLinks: previous?.socialLinks ?? [], description: values.optional("description"),
    voiceAndTone: values.optional("voiceAndTone"), dos: values.lines("dos"), donts: values.lines("donts"),
    defaultLanguage: values.text("defaultLanguage").trim(), defaultTimeZone: values.text("defaultTimeZone").trim(),
  };
}

function newBrand(context: Context): Screen {
  const key = newIdempotencyKey();
  const element = form({
    label: "New brand", fields: profileFields(), submitLabel: "Create brand",
    onSubmit: async (values) => {
      const result = await context.api.request<BrandView>("POST", "/api/brands", profileFrom(values), { idempotencyKey: key });
      if (!result.ok) return result.problem;
      context.announce(`Brand ${result.value.profile.companyName} created.`);
      go(`/brands/${result.value.id}`);
      return null;
    },
  });
  return { title: "New brand", body: h("section", { class: "narrow" }, h("p", {}, h("a", { href: link("/brands") }, "← Brands")), h("h1", {}, "New brand"), element) };
}

async function brandDetail(context: Context, id: string): Promise<Screen> {
  const read = await context.api.get<BrandView>(`/api/brands/${encodeURIComponent(id)}`);
  if (!read.ok) return { title: "Brand", body: h("section", {}, h("h1", {}, "Brand"), h("p", { role: "alert" }, describe(read.problem))) };
  let brand = read.value;
  let etag = read.etag;
  const conflict = h("div", { class: "conflict", role: "alert", hidden: true });
  const heading = h("h1", {}, brand.profile.companyName);
  const meta = h("p", { class: "muted" });
  const showMeta = () => (meta.textContent = `${brand.status} · revision ${brand.revision} · updated ${formatTime(brand.updatedAt)}`);
  showMeta();

  const editor = form({
    label: "Brand profile", fields: profileFields(brand.profile), submitLabel: "Save changes",
    onSubmit: async (values) => {
      const result = await context.api.request<BrandView>("PUT", `/api/brands/${brand.id}`, profileFrom(values, brand.profile), { ifMatch: etag });
      if (result.ok) {
        brand = result.value;
        etag = result.etag;
        conflict.hidden = true;
        heading.textContent = brand.profile.companyName;
        showMeta();
        context.announce("Saved.");
        return null;
      }
      if (result.status === 412) {
        await showConflict();
        return null;
      }
      return result.problem;
    },
  });

  // Someone saved since this page read the brand: show their version, and let this person choose.
  const showConflict = () => showConflictPanel<BrandView>({
    api: context.api, panel: conflict, what: "brand", path: `/api/brands/${brand.id}`,
    facts: (other) => [["Company name", other.profile.companyName], ["Industry", other.profile.industry], ["Description", other.profile.description], ["Voice and tone", other.profile.voiceAndTone]],
    keepMine: (other, theirEtag) => {
      etag = theirEtag;
      brand = other;
      editor.requestSubmit();
    },
    takeTheirs: () => go(`/brands/${brand.id}`),
  });

  const actions = h("div", { class: "actions" });
  const actionStatus = h("div", { class: "action-status", role: "status" });
  if (context.isAdmin) {
    const clone = h("button", { type: "button", class: "secondary" }, "Clone");
    clone.addEventListener("click", async () => {
      const result = await context.api.request<BrandView>("POST", `/api/brands/${brand.id}/clone`, { companyName: `${brand.profile.companyName} (copy)` }, { idempotencyKey: newIdempotencyKey() });
      if (!result.ok) return void (actionStatus.textContent = describe(result.problem));
      context.announce(`Cloned as ${result.value.profile.companyName}.`);
      go(`/brands/${result.value.id}`);
    });
    const archive = h("button", { type: "button", class: "danger" }, "Archive");
    archive.addEventListener("click", async () => {
      const result: ApiResult<BrandView> = await context.api.request<BrandView>("DELETE", `/api/brands/${brand.id}`, undefined, { ifMatch: etag });
      if (result.ok) {
        brand = result.value;
        etag = result.etag;
        showMeta();
        actionStatus.replaceChildren(h("p", {}, "Archived."));
        return;
      }
      if (result.status === 412) return void (await showConflict());
      replace(actionStatus, h("p", { class: "error", role: "alert" }, describe(result.problem)),
        result.problem.blockers && result.problem.blockers.length > 0
          ? h("ul", { class: "blockers", "aria-label": "Still using this brand" }, result.problem.blockers.map((b) => h("li", {}, b)))
          : null);
    });
    actions.append(clone, archive);
  }
  return {
    title: brand.profile.companyName,
    body: h("section", { class: "narrow" }, h("p", {}, h("a", { href: link("/brands") }, "← Brands")), heading, meta, conflict, editor, actions, actionStatus),
  };
}
