// Calling windows drawn on a week grid: a checkbox per day and hour, so the grid works with a mouse, a finger and the
// keyboard alike, and a screen reader says "Monday 09:00 to 10:00". The grid and the API's windows convert both ways:
// each day's runs of hours, with days that have the same runs sharing one window.
import { h, scrollBox } from "./dom";
import type { CallWindowView } from "./model";

export const Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const DayNames: Record<string, string> = { monday: "Monday", tuesday: "Tuesday", wednesday: "Wednesday", thursday: "Thursday", friday: "Friday", saturday: "Saturday", sunday: "Sunday" };

export interface WindowRequest { days: string[]; from: string; to: string }

export function weekGrid(windows: CallWindowView[], legend: string): { element: HTMLElement; read: () => WindowRequest[] } {
  const on = new Set<string>();
  for (const w of windows)
    for (const day of w.days)
      for (let hour = 0; hour < 24; hour++) {
        const start = hour * 60;
        const inside = w.endMinute > w.startMinute ? start >= w.startMinute && start < w.endMinute : start >= w.startMinute || start < w.endMinute;
        if (inside) on.add(`${day}:${hour}`);
      }
  const hours = [...Array(24).keys()];
  const table = h("table", { class: "week-grid" },
    h("caption", {}, legend),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Day"), hours.map((hour) => h("th", { scope: "col" }, String(hour).padStart(2, "0"))))),
    h("tbody", {}, Days.map((day) => h("tr", {}, h("th", { scope: "row" }, DayNames[day].slice(0, 3)),
      hours.map((hour) => {
        const box = h("input", { type: "checkbox", "data-day": day, "data-hour": hour, "aria-label": `${DayNames[day]} ${pad(hour)}:00 to ${pad(hour + 1)}:00` });
        box.checked = on.has(`${day}:${hour}`);
        return h("td", {}, box);
      })))));
  const fill = (days: readonly string[], from: number, to: number) => {
    table.querySelectorAll<HTMLInputElement>("input[data-day]").forEach((box) => {
      box.checked = days.includes(box.dataset.day!) && Number(box.dataset.hour) >= from && Number(box.dataset.hour) < to;
    });
  };
  const presets = h("div", { class: "actions" },
    button("Weekdays 9–17", () => fill(Days.slice(0, 5), 9, 17)),
    button("Weekdays 8–21", () => fill(Days.slice(0, 5), 8, 21)),
    button("Every day 9–20", () => fill(Days, 9, 20)),
    button("Every day 8–21", () => fill(Days, 8, 21)),
    button("Clear", () => fill([], 0, 0)));
  const element = h("div", { class: "week", "data-field": "windows" }, presets, scrollBox("Calling hours grid", table), h("p", { class: "error", "data-error-for": "windows" }));
  return { element, read: () => toWindows(table) };
}

function toWindows(table: HTMLTableElement): WindowRequest[] {
  const runsByDay = new Map<string, string>();
  for (const day of Days) {
    const hours = [...table.querySelectorAll<HTMLInputElement>(`input[data-day="${day}"]`)].map((b) => b.checked);
    const runs: [number, number][] = [];
    for (let hour = 0; hour < 24; hour++) {
      if (!hours[hour]) continue;
      if (runs.length > 0 && runs[runs.length - 1][1] === hour) runs[runs.length - 1][1] = hour + 1;
      else runs.push([hour, hour + 1]);
    }
    if (runs.length > 0) runsByDay.set(day, JSON.stringify(runs));
  }
  const windows: WindowRequest[] = [];
  for (const runs of new Set(runsByDay.values())) {
    const days = Days.filter((d) => runsByDay.get(d) === runs);
    for (const [from, to] of JSON.parse(runs) as [number, number][]) windows.push({ days: [...days], from: `${pad(from)}:00`, to: to === 24 ? "24:00" : `${pad(to)}:00` });
  }
  return windows;
}

function button(label: string, action: () => void): HTMLButtonElement {
  const element = h("button", { type: "button", class: "secondary" }, label);
  element.addEventListener("click", action);
  return element;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
