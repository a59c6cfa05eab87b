// A save refused because someone else saved first (412): the other person's version, read afresh, beside the choice to
// keep one's own (saved over theirs, knowingly) or to take theirs. Used by every editor that sends If-Match.
import { h, formatTime } from "./dom";
import { describe, type ConsoleApi } from "./api";

export interface ConflictOptions<T extends { revision: number; updatedAt: string }> {
  api: ConsoleApi;
  /** The panel to fill (hidden until there is a conflict). */
  panel: HTMLElement;
  what: string;
  path: string;
  /** Their version's fields worth comparing, as label and value. */
  facts: (theirs: T) => [string, string | null | undefined][];
  /** Keep mine: adopt their revision (and object), then save again. */
  keepMine: (theirs: T, etag: string | null) => void;
  takeTheirs: () => void;
}

export async function showConflict<T extends { revision: number; updatedAt: string }>(o: ConflictOptions<T>): Promise<void> {
  const read = await o.api.get<T>(o.path);
  o.panel.hidden = false;
  if (!read.ok) {
    o.panel.textContent = describe(read.problem);
    return;
  }
  const theirs = read.value;
  const keepMine = h("button", { type: "button" }, "Keep my version (save over theirs)");
  const takeTheirs = h("button", { type: "button", class: "secondary" }, "Discard mine and load theirs");
  keepMine.addEventListener("click", () => {
    o.panel.hidden = true;
    o.keepMine(theirs, read.etag);
  });
  takeTheirs.addEventListener("click", o.takeTheirs);
  o.panel.replaceChildren(
    h("h2", {}, `Someone else changed this ${o.what}`),
    h("p", {}, `Revision ${theirs.revision} was saved ${formatTime(theirs.updatedAt)}, after you opened it. Your changes are not saved. Their version:`),
    h("dl", { class: "facts their-version" }, o.facts(theirs).flatMap(([label, value]) => [h("dt", {}, label), h("dd", {}, value || "–")])),
    h("div", { class: "actions" }, keepMine, takeTheirs));
  keepMine.focus();
}
