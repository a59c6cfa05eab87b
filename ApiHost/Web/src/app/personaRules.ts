// The persona rules the API enforces (PersonaRules.cs), checked in the browser as the person types, so a tool's JSON
// Schema is fixed before it is sent. The API checks again; its answer is shown the same way.
import type { PersonaTool } from "./model";

export const MaxTools = 20;
const ToolName = /^[a-z][a-z0-9_]{1,63}$/;

/** Errors keyed as the API keys them (tools[0].parameters), with a parsed schema per tool when it is valid. */
export function validateTools(tools: { name: string; description: string; parameters: string }[]): { errors: Record<string, string[]>; parsed: PersonaTool[] } {
  const errors: Record<string, string[]> = {};
  const parsed: PersonaTool[] = [];
  if (tools.length > MaxTools) errors["tools"] = [`At most ${MaxTools} tools.`];
  const names = new Set<string>();
  tools.slice(0, MaxTools).forEach((tool, i) => {
    const field = `tools[${i}]`;
    if (!ToolName.test(tool.name)) errors[`${field}.name`] = ["snake_case, 2–64 characters, starting with a letter."];
    else if (names.has(tool.name)) errors[`${field}.name`] = [`Another tool is already named '${tool.name}'.`];
    names.add(tool.name);
    if (tool.description.trim().length === 0) errors[`${field}.description`] = ["Required."];
    else if (tool.description.length > 1000) errors[`${field}.description`] = ["At most 1000 characters."];
    const schema = objectSchema(tool.parameters);
    if (schema === null) errors[`${field}.parameters`] = ['A JSON Schema object with "type": "object" (at most 10,000 characters).'];
    parsed.push({ name: tool.name, description: tool.description, parameters: schema ?? {} });
  });
  return { errors, parsed };
}

function objectSchema(text: string): Record<string, unknown> | null {
  if (text.length > 10_000) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
    return (value as Record<string, unknown>).type === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
