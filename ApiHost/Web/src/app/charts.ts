// Charts drawn with Chart.js (from npm, bundled), each paired with a table of the same figures: the canvas is for the
// eye, the table for screen readers and for anyone who wants the numbers.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { h, scrollBox } from "./dom";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Series {
  label: string;
  values: number[];
}

export function barChart(title: string, labels: string[], series: Series[], format: (n: number) => string = String): HTMLElement {
  const canvas = h("canvas", { role: "img", "aria-label": `${title}: chart; the same figures are in the table that follows.` });
  const palette = ["#0b57d0", "#146c2e", "#8a4b00", "#6b3fa0", "#b3261e"];
  const figure = h("figure", { class: "chart" },
    h("figcaption", {}, title),
    h("div", { class: "chart-canvas" }, canvas),
    scrollBox(`${title}: figures`, h("table", { class: "chart-table" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ""), series.map((s) => h("th", { scope: "col" }, s.label)))),
      h("tbody", {}, labels.map((label, i) => h("tr", {}, h("th", { scope: "row" }, label), series.map((s) => h("td", {}, format(s.values[i] ?? 0)))))))));
  // Drawn once the canvas is in the page (Chart.js measures its container).
  requestAnimationFrame(() => {
    new Chart(canvas, {
      type: "bar",
      data: { labels, datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: palette[i % palette.length] })) },
      options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: series.length > 1 } }, scales: { y: { beginAtZero: true } } },
    });
  });
  return figure;
}
