// Forms: every input has a visible label and an error line it is described by; the API's problem details are put next
// to the field they name (RFC 7807 "errors"), and anything not about a field goes to the form's own alert.
import { h } from "./dom";
import type { Problem } from "./api";

export interface FieldSpec {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "textarea" | "select" | "number" | "url" | "checkbox" | "date" | "datetime-local" | "time";
  value?: string | number | boolean | null;
  options?: readonly (readonly [string, string])[];
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  rows?: number;
  min?: number;
  max?: number;
  step?: string;
  readonly?: boolean;
}

let fieldCounter = 0;

export function field(spec: FieldSpec): HTMLElement {
  const id = `f${++fieldCounter}-${spec.name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  const errorId = `${id}-error`;
  const hintId = spec.hint ? `${id}-hint` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");
  let control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  if (spec.type === "textarea") {
    control = h("textarea", { id, name: spec.name, rows: spec.rows ?? 4, "aria-describedby": describedBy, required: spec.required, readonly: spec.readonly });
    control.value = spec.value === null || spec.value === undefined ? "" : String(spec.value);
  } else if (spec.type === "select") {
    control = h("select", { id, name: spec.name, "aria-describedby": describedBy, required: spec.required, disabled: spec.readonly },
      (spec.options ?? []).map(([value, label]) => h("option", { value }, label)));
    // Without a value the browser's own default stays: the first option.
    if (spec.value !== null && spec.value !== undefined) control.value = String(spec.value);
  } else if (spec.type === "checkbox") {
    control = h("input", { id, name: spec.name, type: "checkbox", "aria-describedby": describedBy, disabled: spec.readonly });
    (control as HTMLInputElement).checked = spec.value === true;
    return h("div", { class: "field checkbox", "data-field": spec.name }, control, h("label", { for: id }, spec.label),
      spec.hint ? h("p", { id: hintId!, class: "hint" }, spec.hint) : null, h("p", { id: errorId, class: "error", "data-error-for": spec.name }));
  } else {
    control = h("input", {
      id, name: spec.name, type: spec.type ?? "text", autocomplete: spec.autocomplete ?? "off", "aria-describedby": describedBy,
      required: spec.required, min: spec.min, max: spec.max, step: spec.step, readonly: spec.readonly, spellcheck: spec.type === "email" || spec.type === "password" ? "false" : undefined,
    });
    control.value = spec.value === null || spec.value === undefined ? "" : String(spec.value);
  }
  // The mark of a required field sits beside its label, not in it: the label is the field's whole accessible name, and
  // the control's required attribute is what assistive technology announces.
  return h("div", { class: "field", "data-field": spec.name },
    h("div", { class: "label-row" }, h("label", { for: id }, spec.label), spec.required ? h("span", { class: "required", "aria-hidden": "true" }, "*") : null),
    control,
    spec.hint ? h("p", { id: hintId!, class: "hint" }, spec.hint) : null,
    h("p", { id: errorId, class: "error", "data-error-for": spec.name }));
}

/** A form with its alert line and a submit button; <paramref name="submit"/> gets the values and answers a problem or null. */
export function form(options: { label: string; fields: (HTMLElement | null)[]; submitLabel: string; onSubmit: (values: FormValues, form: HTMLFormElement) => Promise<Problem | null>; extra?: HTMLElement[] }): HTMLFormElement {
  const alert = h("p", { class: "form-alert error", role: "alert" });
  const submit = h("button", { type: "submit" }, options.submitLabel);
  const element = h("form", { "aria-label": options.label, novalidate: true }, options.fields, alert, h("div", { class: "actions" }, submit, options.extra ?? []));
  element.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearProblems(element);
    submit.disabled = true;
    try {
      const problem = await options.onSubmit(values(element), element);
      if (problem) showProblem(element, problem);
    } finally {
      submit.disabled = false;
    }
  });
  return element;
}

export class FormValues {
  constructor(private readonly form: HTMLFormElement) {}

  text(name: string): string {
    const control = this.form.elements.namedItem(name) as HTMLInputElement | null;
    return control ? control.value : "";
  }

  /** The trimmed text, or null when empty: an optional field left blank is absent, not "". */
  optional(name: string): string | null {
    const value = this.text(name).trim();
    return value === "" ? null : value;
  }

  number(name: string): number | null {
    const value = this.text(name).trim();
    return value === "" ? null : Number(value);
  }

  checked(name: string): boolean {
    const control = this.form.elements.namedItem(name) as HTMLInputElement | null;
    return control?.checked ?? false;
  }

  /** One item per non-empty line. */
  lines(name: string): string[] {
    return this.text(name).split("\n").map((l) => l.trim()).filter((l) => l.length > 0);
  }
}

function values(form: HTMLFormElement): FormValues {
  return new FormValues(form);
}

export function clearProblems(form: HTMLFormElement): void {
  form.querySelectorAll<HTMLElement>("[data-error-for]").forEach((e) => (e.textContent = ""));
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  const alert = form.querySelector<HTMLElement>(".form-alert");
  if (alert) alert.textContent = "";
}

/**
 * Puts each of the problem's field errors next to its field (matched by name, ignoring case, then by the last part of a
 * dotted or indexed path), focuses the first, and says the rest — or the detail — in the form's alert.
 */
export function showProblem(form: HTMLFormElement, problem: Problem): void {
  const alert = form.querySelector<HTMLElement>(".form-alert");
  const unplaced: string[] = [];
  let first: HTMLElement | null = null;
  for (const [key, messages] of Object.entries(problem.errors ?? {})) {
    const target = findField(form, key);
    if (!target) {
      unplaced.push(`${key ? `${key}: ` : ""}${messages.join(" ")}`);
      continue;
    }
    const error = target.querySelector<HTMLElement>("[data-error-for]");
    if (error) error.textContent = messages.join(" ");
    const control = target.querySelector<HTMLElement>("input, textarea, select");
    control?.setAttribute("aria-invalid", "true");
    first ??= control;
  }
  const summary = problem.errors && Object.keys(problem.errors).length > 0 ? unplaced.join(" ") : problem.detail ?? problem.title;
  if (alert) alert.textContent = summary || (first ? "" : problem.title);
  if (first) first.focus();
  else alert?.focus();
}

function findField(form: HTMLFormElement, key: string): HTMLElement | null {
  const fields = [...form.querySelectorAll<HTMLElement>("[data-field]")];
  const wanted = key.toLowerCase();
  const exact = fields.find((f) => f.dataset.field!.toLowerCase() === wanted);
  if (exact) return exact;
  const last = wanted.replace(/\[\d+\]/g, "").split(".").filter(Boolean).pop() ?? wanted;
  return fields.find((f) => f.dataset.field!.toLowerCase() === last) ?? fields.find((f) => wanted.startsWith(f.dataset.field!.toLowerCase())) ?? null;
}
