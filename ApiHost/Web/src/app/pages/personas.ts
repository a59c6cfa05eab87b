// Personas: the tenant's personas with their brand and agent count; the template library with previews; a persona
// made from a template; and the editor for instructions, traits and tools (tool schemas checked as the API checks them).
import { h } from "../dom";
import { field, form, clearProblems, type FormValues } from "../forms";
import { describe, newIdempotencyKey, query, type Page } from "../api";
import { pagedList } from "../paging";
import { go, link, type Route } from "../router";
import { activeBrands } from "../brandOptions";
import { validateTools } from "../personaRules";
import { showConflict } from "../conflict";
import type { Context, Screen } from "../context";
import type { PersonaListing, PersonaProfile, PersonaTemplate, PersonaTool, PersonaView } from "../model";

export async function personasScreen(context: Context, route: Route): Promise<Screen> {
  const id = route.segments[1];
  if (id) return personaDetail(context, id);
  return personaList(context, route);
}

async function personaList(context: Context, route: Route): Promise<Screen> {
  const brandFilter = route.query.get("brand") ?? "";
  const [templates, brands] = await Promise.all([context.api.get<PersonaTemplate[]>("/api/persona-templates"), activeBrands(context.api)]);
  const list = pagedList<PersonaListing>({
    label: "Personas",
    empty: "No personas yet: start from a template below.",
    load: (after) => context.api.get<Page<PersonaListing>>(`/api/personas${query({ brandId: brandFilter, after, limit: 25 })}`),
    render: (p) => h("li", { class: "card", "data-persona-id": p.persona.id },
      h("h3", {}, h("a", { href: link(`/personas/${p.persona.id}`) }, p.persona.name)),
      h("p", { class: "muted" }, p.persona.role),
      h("p", {}, h("span", { class: "brand-badge", "data-brand-id": p.brand.id }, p.brand.name), " ",
        h("span", { class: "muted" }, `${p.agentCount} agent${p.agentCount === 1 ? "" : "s"}`))),
  });
  await list.reload();

  const library = h("ul", { class: "cards templates", "aria-label": "Persona templates" },
    (templates.ok ? templates.value : []).map((template) => templateCard(context, template, brands)));
  return {
    title: "Personas",
    body: h("section", {},
      h("h1", {}, "Personas"),
      list.element,
      h("h2", { id: "templates-title" }, "Start from a template"),
      brands.length === 0 ? h("p", { class: "notice" }, "Create a brand first: every persona belongs to one.") : null,
      library),
  };
}

function templateCard(context: Context, template: PersonaTemplate, brands: [string, string][]): HTMLElement {
  const key = newIdempotencyKey();
  const use = form({
    label: `Use the ${template.title} template`,
    fields: [
      field({ name: "brandId", label: "Brand", type: "select", options: brands, required: true }),
      field({ name: "name", label: "Persona name", value: template.profile.name }),
    ],
    submitLabel: `Use ${template.title}`,
    onSubmit: async (values) => {
      const result = await context.api.request<PersonaView>("POST", "/api/personas/from-template",
        { templateId: template.id, brandId: values.text("brandId"), name: values.optional("name") }, { idempotencyKey: key });
      if (!result.ok) return result.problem;
      context.announce(`Persona ${result.value.profile.name} created for ${result.value.brand.name}.`);
      go(`/personas/${result.value.id}`);
      return null;
    },
  });
  return h("li", { class: "card template", "data-template-id": template.id },
    h("h3", {}, template.title),
    h("p", {}, template.summary),
    h("details", {}, h("summary", {}, "Preview"),
      h("dl", { class: "facts" },
        h("dt", {}, "Role"), h("dd", {}, template.profile.role),
        h("dt", {}, "Traits"), h("dd", {}, template.profile.personalityTraits.join(", ") || "–"),
        h("dt", {}, "Tools"), h("dd", {}, template.profile.tools.map((t) => t.name).join(", ") || "–")),
      h("pre", { class: "instructions" }, template.profile.instructions)),
    brands.length > 0 ? use : null);
}

async function personaDetail(context: Context, id: string): Promise<Screen> {
  const read = await context.api.get<PersonaView>(`/api/personas/${encodeURIComponent(id)}`);
  if (!read.ok) return { title: "Persona", body: h("section", {}, h("h1", {}, "Persona"), h("p", { role: "alert" }, describe(read.problem))) };
  let persona = read.value;
  let etag = read.etag;
  const tools = h("div", { class: "tools" });
  persona.profile.tools.forEach((tool) => tools.appendChild(toolEditor(tool)));
  const addTool = h("button", { type: "button", class: "secondary" }, "Add a tool");
  addTool.addEventListener("click", () => {
    const editor = toolEditor({ name: "", description: "", parameters: { type: "object", properties: {} } });
    tools.appendChild(editor);
    renumber(tools);
    editor.querySelector("input")?.focus();
  });
  renumber(tools);
  const p = persona.profile;
  const conflict = h("div", { class: "conflict", role: "alert", hidden: true });
  const editor = form({
    label: "Persona",
    fields: [
      field({ name: "name", label: "Name", required: true, value: p.name }),
      field({ name: "role", label: "Role", required: true, value: p.role }),
      field({ name: "instructions", label: "Instructions", type: "textarea", rows: 10, required: true, value: p.instructions, hint: "Use {{variable_name}} for what each call fills in, e.g. {{first_name}}." }),
      field({ name: "personalityTraits", label: "Personality traits (one per line)", type: "textarea", rows: 3, value: p.personalityTraits.join("\n") }),
      field({ name: "tone", label: "Tone", value: p.tone }),
      field({ name: "languageStyle", label: "Language style", value: p.languageStyle }),
      field({ name: "voice.provider", label: "Voice provider", required: true, value: p.voice.provider }),
      field({ name: "voice.voiceId", label: "Voice id", required: true, value: p.voice.voiceId }),
      field({ name: "voice.speed", label: "Voice speed (0.5–2)", type: "number", step: "0.05", min: 0.5, max: 2, value: p.voice.speed }),
      field({ name: "capabilities", label: "Capabilities (one per line)", type: "textarea", rows: 3, value: p.capabilities.join("\n") }),
      h("fieldset", { class: "tools-set", "data-field": "tools" }, h("legend", {}, "Tools the persona may call"), tools, addTool, h("p", { class: "error", "data-error-for": "tools" })),
    ],
    submitLabel: "Save persona",
    onSubmit: async (values, element) => {
      const checked = validateTools(readTools(tools));
      if (Object.keys(checked.errors).length > 0) return { status: 400, title: "Check the tools", errors: checked.errors };
      const body = { brandId: persona.brand.id, ...profileFrom(values, checked.parsed) };
      const result = await context.api.request<PersonaView>("PUT", `/api/personas/${persona.id}`, body, { ifMatch: etag });
      if (result.ok) {
        persona = result.value;
        etag = result.etag;
        context.announce("Saved.");
        return null;
      }
      if (result.status === 412) {
        clearProblems(element);
        await showConflict<PersonaView>({
          api: context.api, panel: conflict, what: "persona", path: `/api/personas/${persona.id}`,
          facts: (other) => [["Name", other.profile.name], ["Role", other.profile.role], ["Tone", other.profile.tone], ["Instructions", other.profile.instructions],
            ["Tools", other.profile.tools.map((t) => t.name).join(", ")]],
          keepMine: (other, theirEtag) => {
            persona = other;
            etag = theirEtag;
            element.requestSubmit();
          },
          takeTheirs: () => go(`/personas/${persona.id}`),
        });
        return null;
      }
      return result.problem;
    },
  });
  // Checks each tool's schema as it is typed, with the same words the API would answer.
  tools.addEventListener("input", () => {
    const checked = validateTools(readTools(tools));
    tools.querySelectorAll<HTMLElement>("[data-error-for^='tools[']").forEach((e) => (e.textContent = ""));
    tools.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
    for (const [key, messages] of Object.entries(checked.errors)) {
      const target = tools.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`);
      target?.querySelector("[data-error-for]")?.replaceChildren(messages.join(" "));
      target?.querySelector("input, textarea")?.setAttribute("aria-invalid", "true");
    }
  });
  return {
    title: persona.profile.name,
    body: h("section", { class: "narrow" },
      h("p", {}, h("a", { href: link("/personas") }, "← Personas")),
      h("h1", {}, persona.profile.name),
      h("p", {}, "Brand: ", h("a", { class: "brand-badge", href: link(`/brands/${persona.brand.id}`) }, persona.brand.name),
        h("span", { class: "muted" }, ` · ${persona.agentCount} agent(s) · revision ${persona.revision}`)),
      conflict, editor),
  };
}

function toolEditor(tool: PersonaTool): HTMLElement {
  const remove = h("button", { type: "button", class: "secondary" }, "Remove tool");
  const element = h("fieldset", { class: "tool" }, h("legend", {}, tool.name || "New tool"),
    field({ name: "tool-name", label: "Function name", value: tool.name, hint: "snake_case, e.g. book_appointment" }),
    field({ name: "tool-description", label: "What it does", type: "textarea", rows: 2, value: tool.description }),
    field({ name: "tool-parameters", label: "Parameters (JSON Schema)", type: "textarea", rows: 6, value: JSON.stringify(tool.parameters, null, 2) }),
    remove);
  remove.addEventListener("click", () => {
    const parent = element.parentElement!;
    element.remove();
    renumber(parent);
  });
  return element;
}

/** Names each tool's fields as the API names them (tools[i].name), so an error from either lands on the right field. */
function renumber(tools: HTMLElement): void {
  [...tools.querySelectorAll<HTMLElement>("fieldset.tool")].forEach((tool, i) => {
    const fields = tool.querySelectorAll<HTMLElement>("[data-field]");
    const suffixes = ["name", "description", "parameters"];
    fields.forEach((f, j) => {
      f.dataset.field = `tools[${i}].${suffixes[j]}`;
      f.querySelector("[data-error-for]")?.setAttribute("data-error-for", f.dataset.field);
    });
  });
}

function readTools(tools: HTMLElement): { name: string; description: string; parameters: string }[] {
  return [...tools.querySelectorAll<HTMLElement>("fieldset.tool")].map((tool) => {
    const [name, description, parameters] = [...tool.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea")].map((c) => c.value);
    return { name: name.trim(), description, parameters };
  });
}

function profileFrom(values: FormValues, tools: PersonaTool[]): PersonaProfile {
  return {
    name: values.text("name").trim(), role: values.text("role").trim(), instructions: values.text("instructions"),
    personalityTraits: values.lines("personalityTraits"), tone: values.optional("tone"), languageStyle: values.optional("languageStyle"),
    voice: { provider: values.text("voice.provider").trim(), voiceId: values.text("voice.voiceId").trim(), speed: values.number("voice.speed") ?? 1 },
    capabilities: values.lines("capabilities"), tools,
  };
}
