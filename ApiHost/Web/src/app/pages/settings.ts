// Settings, a tenant admin's: the people who sign in (invitations, roles, removal), API keys for machines (the secret
// shown once), the do-not-call list, the calling rules every campaign keeps, and webhook endpoints with their delivery logs.
import { h, replace, formatTime, scrollBox } from "../dom";
import { field, form } from "../forms";
import { describe, newIdempotencyKey, query, type Page } from "../api";
import { pagedList } from "../paging";
import { go, link, type Route } from "../router";
import type { Context, Screen } from "../context";
import { tenantRulesPanel } from "../callingRules";
import type { InvitationView, TenantSnapshot, UserView } from "../model";

interface ApiKeySummary { keyId: string; prefix: string; name: string; role: string; createdAt: string; lastUsedAt?: string | null; revokedAt?: string | null; issuedBy: string }
interface DoNotCallEntry { number: string; source: string; reason?: string | null; addedBy: string; addedAt: string }
interface WebhookEndpoint { id: string; url: string; description?: string | null; eventTypes: string[]; status: string; statusReason?: string | null; revision: number }
interface AuditEntry { sequence: number; at: string; actor: string; method: string; route: string; path: string; status: number }
interface WebhookDelivery { id: string; eventType: string; status: string; attempts: number; lastStatusCode?: number | null; lastError?: string | null; createdAt: string; deliveredAt?: string | null; nextAttemptAt?: string | null }

const Sections: [string, string][] = [["people", "People"], ["api-keys", "API keys"], ["do-not-call", "Do not call"], ["calling-rules", "Calling rules"], ["webhooks", "Webhooks"], ["activity", "Activity"]];

export async function settingsScreen(context: Context, route: Route): Promise<Screen> {
  const section = route.segments[1] ?? "people";
  const tabs = h("nav", { class: "tabs", "aria-label": "Settings" }, h("ul", {}, Sections.map(([path, label]) =>
    h("li", {}, h("a", { href: link(`/settings/${path}`), "aria-current": path === section ? "page" : null }, label)))));
  const body = section === "api-keys" ? await apiKeys(context)
    : section === "do-not-call" ? await doNotCall(context)
    : section === "calling-rules" ? await callingRules(context)
    : section === "webhooks" ? await webhooks(context, route.segments[2])
    : section === "activity" ? await activity(context)
    : await people(context);
  return { title: `Settings: ${Sections.find((s) => s[0] === section)?.[1] ?? "People"}`, body: h("section", {}, h("h1", {}, "Settings"), tabs, body) };
}

async function people(context: Context): Promise<HTMLElement> {
  const read = await context.api.get<{ users: UserView[]; invitations: InvitationView[] }>("/api/users");
  if (!read.ok) return h("p", { role: "alert" }, describe(read.problem));
  const status = h("p", { class: "error", role: "alert" });
  const created = h("div", { "aria-live": "polite" });
  const users = scrollBox("People", h("table", { class: "stack", "aria-label": "People" },
    h("thead", {}, h("tr", {}, ["Name", "Email", "Role", "Last sign-in", ""].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, read.value.users.map((u) => {
      const role = h("select", { "aria-label": `Role of ${u.displayName}` }, h("option", { value: "tenant-admin" }, "tenant-admin"), h("option", { value: "supervisor" }, "supervisor"));
      role.value = u.role;
      role.addEventListener("change", async () => {
        const result = await context.api.request("PUT", `/api/users/${u.id}/role`, { role: role.value });
        if (!result.ok) {
          status.textContent = describe(result.problem);
          role.value = u.role;
        } else context.announce(`${u.displayName} is now ${role.value}.`);
      });
      const remove = h("button", { type: "button", class: "secondary" }, "Remove");
      remove.addEventListener("click", async () => {
        const result = await context.api.request("DELETE", `/api/users/${u.id}`);
        if (!result.ok) status.textContent = describe(result.problem);
        else go("/settings/people");
      });
      return h("tr", { "data-user-id": u.id }, h("td", { "data-label": "Name" }, u.displayName), h("td", { "data-label": "Email" }, u.email),
        h("td", { "data-label": "Role" }, role), h("td", { "data-label": "Last sign-in" }, formatTime(u.lastSignInAt)), h("td", {}, u.id === context.user.id ? "You" : remove));
    }))));
  const invitations = read.value.invitations.length === 0 ? h("p", { class: "muted" }, "No open invitations.")
    : h("ul", { class: "invitations" }, read.value.invitations.map((i) => {
      const withdraw = h("button", { type: "button", class: "secondary" }, "Withdraw");
      withdraw.addEventListener("click", async () => {
        const result = await context.api.request("DELETE", `/api/users/invitations/${i.id}`);
        if (!result.ok) status.textContent = describe(result.problem);
        else go("/settings/people");
      });
      return h("li", { "data-invitation-id": i.id }, `${i.email} as ${i.role}, until ${formatTime(i.expiresAt)} `, withdraw);
    }));
  const invite = form({
    label: "Invite someone",
    fields: [
      field({ name: "email", label: "Email", type: "email", required: true }),
      field({ name: "role", label: "Role", type: "select", options: [["supervisor", "Supervisor (watch and coach calls)"], ["tenant-admin", "Admin (everything)"]] }),
    ],
    submitLabel: "Send invitation",
    onSubmit: async (v, element) => {
      const result = await context.api.request<{ invitation: InvitationView; link: string }>("POST", "/api/users/invitations", { email: v.text("email").trim(), role: v.text("role") });
      if (!result.ok) return result.problem;
      element.reset();
      replace(created, h("div", { class: "notice", role: "status" },
        h("p", {}, `Invitation for ${result.value.invitation.email}. Send them this link (it is shown only now, and works once, for 7 days):`),
        h("input", { type: "text", readonly: true, value: result.value.link, "aria-label": "Invitation link", class: "copy" })));
      return null;
    },
  });
  return h("div", {}, status, h("h2", {}, "People"), users, h("h2", {}, "Open invitations"), invitations, h("h2", {}, "Invite someone"), invite, created);
}

async function apiKeys(context: Context): Promise<HTMLElement> {
  const read = await context.api.get<ApiKeySummary[]>("/api/api-keys");
  if (!read.ok) return h("p", { role: "alert" }, describe(read.problem));
  const status = h("p", { class: "error", role: "alert" });
  const shown = h("div", { "aria-live": "polite" });
  const table = scrollBox("API keys", h("table", { class: "stack", "aria-label": "API keys" },
    h("thead", {}, h("tr", {}, ["Name", "Key", "Role", "Created by", "Last used", ""].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, read.value.map((k) => {
      const revoke = h("button", { type: "button", class: "danger" }, "Revoke");
      revoke.addEventListener("click", async () => {
        const result = await context.api.request("DELETE", `/api/api-keys/${k.keyId}`);
        if (!result.ok) status.textContent = describe(result.problem);
        else go("/settings/api-keys");
      });
      return h("tr", { "data-key-id": k.keyId }, h("td", { "data-label": "Name" }, k.name), h("td", { "data-label": "Key" }, `${k.prefix}…`), h("td", { "data-label": "Role" }, k.role),
        h("td", { "data-label": "Created by" }, k.issuedBy), h("td", { "data-label": "Last used" }, formatTime(k.lastUsedAt)),
        h("td", {}, k.revokedAt ? `Revoked ${formatTime(k.revokedAt)}` : revoke));
    }))));
  const create = form({
    label: "Create an API key",
    fields: [
      field({ name: "name", label: "Key name", required: true, hint: "What uses it, e.g. CRM sync" }),
      field({ name: "role", label: "Role", type: "select", options: [["supervisor", "Supervisor"], ["tenant-admin", "Tenant admin"], ["agent-worker", "Agent worker"]] }),
    ],
    submitLabel: "Create key",
    onSubmit: async (v) => {
      // The same route as this screen: go() reads it afresh (a link to the current hash would do nothing).
      const done = h("button", { type: "button", class: "secondary" }, "Done: show the list");
      done.addEventListener("click", () => go("/settings/api-keys"));
      const result = await context.api.request<{ key: string; apiKey: ApiKeySummary }>("POST", "/api/api-keys", { name: v.text("name").trim(), role: v.text("role") });
      if (!result.ok) return result.problem;
      replace(shown, h("div", { class: "notice", role: "status" },
        h("p", {}, `Key “${result.value.apiKey.name}” created. Copy it now: it is not shown again.`),
        h("input", { type: "text", readonly: true, value: result.value.key, "aria-label": "New API key", class: "copy" }),
        done));
      done.focus();
      return null;
    },
  });
  return h("div", {}, status, h("h2", {}, "API keys"), table, h("h2", {}, "Create an API key"), create, shown);
}

async function doNotCall(context: Context): Promise<HTMLElement> {
  const status = h("p", { class: "error", role: "alert" });
  const list = pagedList<DoNotCallEntry>({
    label: "Do-not-call list", empty: "The list is empty.", columns: ["Number", "Why", "Added", "By", ""],
    load: (after) => context.api.get<Page<DoNotCallEntry>>(`/api/do-not-call${query({ after, limit: 50 })}`),
    render: (e) => {
      const remove = h("button", { type: "button", class: "secondary" }, "Remove");
      remove.addEventListener("click", async () => {
        const result = await context.api.request("DELETE", `/api/do-not-call/${encodeURIComponent(e.number)}`);
        if (!result.ok) status.textContent = describe(result.problem);
        else await list.reload();
      });
      return h("tr", { "data-number": e.number }, h("td", { "data-label": "Number" }, e.number), h("td", { "data-label": "Why" }, e.reason ?? e.source),
        h("td", { "data-label": "Added" }, formatTime(e.addedAt)), h("td", { "data-label": "By" }, e.addedBy), h("td", {}, remove));
    },
  });
  await list.reload();
  list.element.querySelector("table")?.classList.add("stack");
  const add = form({
    label: "Add a number",
    fields: [field({ name: "number", label: "Number", required: true, hint: "International form, e.g. +1 415 555 0100" }), field({ name: "reason", label: "Reason" })],
    submitLabel: "Add to the list",
    onSubmit: async (v, element) => {
      const result = await context.api.request("POST", "/api/do-not-call", { number: v.text("number").trim(), reason: v.optional("reason") });
      if (!result.ok) return result.problem;
      element.reset();
      await list.reload();
      context.announce("Added: this number is never called.");
      return null;
    },
  });
  return h("div", {}, status, h("h2", {}, "Do not call"), h("p", { class: "muted" }, "Numbers here are never dialed by any campaign; callers who ask not to be called are added by the agent."), add, list.element);
}

/** The tenant's own calling rules, read afresh on opening: every campaign keeps them. */
async function callingRules(context: Context): Promise<HTMLElement> {
  const read = await context.api.get<TenantSnapshot>("/api/tenant");
  if (!read.ok) return h("p", { role: "alert" }, describe(read.problem));
  let tenant = read.value;
  return tenantRulesPanel(context, () => tenant, (saved) => (tenant = saved));
}

async function webhooks(context: Context, endpointId?: string): Promise<HTMLElement> {
  if (endpointId) return deliveries(context, endpointId);
  const list = pagedList<WebhookEndpoint>({
    label: "Webhook endpoints", empty: "No endpoints yet.", columns: ["Endpoint", "Events", "Status"],
    load: (after) => context.api.get<Page<WebhookEndpoint>>(`/api/webhooks${query({ after, limit: 25 })}`),
    render: (e) => h("tr", { "data-endpoint-id": e.id },
      h("td", { "data-label": "Endpoint" }, h("a", { href: link(`/settings/webhooks/${e.id}`) }, e.url), e.description ? h("div", { class: "muted" }, e.description) : null),
      h("td", { "data-label": "Events" }, e.eventTypes.length === 0 ? "all" : e.eventTypes.join(", ")),
      h("td", { "data-label": "Status" }, `${e.status}${e.statusReason ? ` (${e.statusReason})` : ""}`)),
  });
  await list.reload();
  list.element.querySelector("table")?.classList.add("stack");
  const shown = h("div", { "aria-live": "polite" });
  const key = newIdempotencyKey();
  const add = form({
    label: "Add an endpoint",
    fields: [
      field({ name: "url", label: "Endpoint URL", type: "url", required: true, hint: "https:// (plain http only where the operator allows it, as in development)" }),
      field({ name: "description", label: "What it is for" }),
      field({ name: "eventTypes", label: "Event types (one per line; none: all)", type: "textarea", rows: 3, hint: "e.g. call.ended, campaign.completed" }),
    ],
    submitLabel: "Add endpoint",
    onSubmit: async (v) => {
      const result = await context.api.request<{ endpoint: WebhookEndpoint; secret: string }>("POST", "/api/webhooks",
        { url: v.text("url").trim(), description: v.optional("description"), eventTypes: v.lines("eventTypes") }, { idempotencyKey: key });
      if (!result.ok) return result.problem;
      replace(shown, h("div", { class: "notice", role: "status" }, h("p", {}, "Endpoint added. Its signing secret, shown only now:"),
        h("input", { type: "text", readonly: true, value: result.value.secret, "aria-label": "Signing secret", class: "copy" })));
      await list.reload();
      return null;
    },
  });
  return h("div", {}, h("h2", {}, "Webhooks"), list.element, h("h2", {}, "Add an endpoint"), add, shown);
}

async function deliveries(context: Context, endpointId: string): Promise<HTMLElement> {
  const endpoint = await context.api.get<WebhookEndpoint>(`/api/webhooks/${encodeURIComponent(endpointId)}`);
  if (!endpoint.ok) return h("p", { role: "alert" }, describe(endpoint.problem));
  const list = pagedList<WebhookDelivery>({
    label: "Deliveries", empty: "Nothing delivered yet.", columns: ["Event", "Status", "Attempts", "Last answer", "Created", "Delivered"],
    load: (after) => context.api.get<Page<WebhookDelivery>>(`/api/webhooks/${endpointId}/deliveries${query({ after, limit: 25 })}`),
    render: (d) => h("tr", { "data-delivery-id": d.id },
      h("td", { "data-label": "Event" }, d.eventType), h("td", { "data-label": "Status" }, d.status), h("td", { "data-label": "Attempts" }, String(d.attempts)),
      h("td", { "data-label": "Last answer" }, d.lastStatusCode ? String(d.lastStatusCode) : d.lastError ?? "–"),
      h("td", { "data-label": "Created" }, formatTime(d.createdAt)), h("td", { "data-label": "Delivered" }, d.deliveredAt ? formatTime(d.deliveredAt) : d.nextAttemptAt ? `next try ${formatTime(d.nextAttemptAt)}` : "–")),
  });
  await list.reload();
  list.element.querySelector("table")?.classList.add("stack");
  return h("div", {}, h("p", {}, h("a", { href: link("/settings/webhooks") }, "← Webhooks")), h("h2", {}, `Deliveries to ${endpoint.value.url}`), list.element);
}

/** Who changed what: every change made to the tenant through the API, newest first. */
async function activity(context: Context): Promise<HTMLElement> {
  const list = pagedList<AuditEntry>({
    label: "Activity", empty: "No changes yet.", columns: ["When", "Who", "What", "Where"],
    load: (after) => context.api.get<Page<AuditEntry>>(`/api/audit${query({ after, limit: 50 })}`),
    render: (e) => h("tr", { "data-sequence": e.sequence },
      h("td", { "data-label": "When" }, formatTime(e.at)), h("td", { "data-label": "Who" }, e.actor),
      h("td", { "data-label": "What" }, `${e.method} ${e.route}`), h("td", { "data-label": "Where" }, e.path)),
  });
  await list.reload();
  list.element.querySelector("table")?.classList.add("stack");
  return h("div", {}, h("h2", {}, "Activity"), h("p", { class: "muted" }, "Every change made to this tenant, by a person (their email), an API key (its id) or the platform's operator."), list.element);
}
