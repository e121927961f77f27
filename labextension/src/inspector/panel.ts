import {
  entryCounts,
  formatNumber,
  formatShape,
  nonFiniteCounts,
  shapeAttribute,
  type InspectorEntry,
} from "gradbook/protocol";
import type { Message } from "@lumino/messaging";
import { Widget } from "@lumino/widgets";
import { el, setChildren } from "../dom";
import { formatBytes } from "../format";
import { renderTensor, spokenShape } from "../views/tensor-view";
import { inspectorIcon } from "./icon";
import type { InspectorModel } from "./model";
import type { InspectorState, PreviewState } from "./state";
import { visibleEntries, type SortKey, type SortOrder } from "./rows";

/** The sidebar widget's id: a stable hook (labextension/README.md, "Stable DOM hooks"). */
export const INSPECTOR_ID = "gradbook-shape-inspector";

const SORT_LABELS: Record<SortKey, string> = { name: "Name", size: "Size" };

function nonFiniteText(entry: InspectorEntry): string {
  return nonFiniteCounts(entry.nanCount, entry.infCount).join(", ");
}

/** A number entry's value: its min (= max) when finite. */
function numberText(entry: InspectorEntry): string {
  if (entry.min !== null) return formatNumber(entry.min);
  return entry.nanCount > 0 ? "nan" : "±inf";
}

/** What the entry is, after its element type: "float64", "int32 typed array", "number[]". */
function kindText(entry: InspectorEntry): string {
  switch (entry.kind ?? "tensor") {
    case "number":
      return "number";
    case "typed-array":
      return `${entry.dtype} typed array`;
    case "array":
      return "number[]";
    default:
      return entry.dtype;
  }
}

function rangeParts(entry: InspectorEntry): string[] {
  if (entry.min === null || entry.max === null)
    return [entry.size === 0 ? "empty" : "no finite values"];
  return [`min ${formatNumber(entry.min)}`, `max ${formatNumber(entry.max)}`];
}

/**
 * The shape inspector's view: heading, refresh button, filter box, sort buttons, one row per
 * tensor (hooks `data-gradbook-var`, `data-gradbook-shape`), the preview of the chosen tensor and
 * a status line with the refresh time (`data-gradbook-refresh-ms` on the panel). It renders the
 * model's state and forwards the user's requests to the model; it never talks to the kernel.
 */
export class InspectorPanel extends Widget {
  private readonly notebookName = el("div", { className: "gradbook-inspector-notebook" });
  private readonly filterInput = el("input", {
    className: "gradbook-inspector-filter",
    attrs: {
      type: "search",
      placeholder: "Filter by name",
      "aria-label": "Filter the values by name",
    },
  });
  private readonly sortButtons = new Map<SortKey, HTMLButtonElement>();
  private readonly message = el("div", {
    className: "gradbook-inspector-message",
    attrs: { role: "status" },
  });
  private readonly list = el("ul", {
    className: "gradbook-inspector-list",
    attrs: { role: "listbox", "aria-label": "Tensors and numbers in the kernel" },
  });
  private readonly previewBox = el("section", {
    className: "gradbook-inspector-preview",
    attrs: { "aria-label": "Tensor preview" },
  });
  private readonly statusLine = el("div", {
    className: "gradbook-inspector-status",
    attrs: { "aria-live": "polite" },
  });
  private order: SortOrder = { key: "name", descending: false };

  constructor(private readonly model: InspectorModel) {
    super();
    this.id = INSPECTOR_ID;
    this.addClass("gradbook-inspector");
    this.title.icon = inspectorIcon;
    this.title.caption = "Shape Inspector";
    this.node.setAttribute("role", "region");
    this.node.setAttribute("aria-label", "Shape inspector");
    this.previewBox.hidden = true;

    const refresh = el("button", {
      className: "gradbook-inspector-refresh",
      text: "⟳ Refresh",
      attrs: { type: "button", "aria-label": "Refresh the tensor list" },
    });
    refresh.addEventListener("click", () => model.refresh());
    this.filterInput.addEventListener("input", () => this.renderRows());
    const sortGroup = el(
      "div",
      { className: "gradbook-inspector-sort", attrs: { role: "group", "aria-label": "Sort" } },
      "Sort by",
    );
    for (const key of ["name", "size"] as SortKey[]) {
      const button = el("button", { attrs: { type: "button", "data-sort": key } });
      button.addEventListener("click", () => this.sortBy(key));
      this.sortButtons.set(key, button);
      sortGroup.append(button);
    }
    this.list.addEventListener("keydown", (event) => this.onListKey(event));
    this.node.append(
      el(
        "div",
        { className: "gradbook-inspector-top" },
        el(
          "div",
          { className: "gradbook-inspector-titlebar" },
          el(
            "div",
            { className: "gradbook-inspector-titles" },
            el("h2", { className: "gradbook-inspector-heading", text: "Tensors" }),
            this.notebookName,
          ),
          refresh,
        ),
        this.filterInput,
        sortGroup,
      ),
      this.message,
      this.list,
      this.previewBox,
      this.statusLine,
    );
    model.stateChanged.connect(this.onState, this);
    model.previewChanged.connect(this.onPreview, this);
    this.renderSortButtons();
    this.onState(model, model.state);
  }

  protected override onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.model.setVisible(this.isVisible);
  }

  protected override onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.model.setVisible(true);
  }

  protected override onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this.model.setVisible(false);
  }

  protected override onBeforeDetach(msg: Message): void {
    this.model.setVisible(false);
    super.onBeforeDetach(msg);
  }

  override dispose(): void {
    this.model.stateChanged.disconnect(this.onState, this);
    this.model.previewChanged.disconnect(this.onPreview, this);
    super.dispose();
  }

  private sortBy(key: SortKey): void {
    this.order =
      this.order.key === key
        ? { key, descending: !this.order.descending }
        : { key, descending: key === "size" };
    this.renderSortButtons();
    this.renderRows();
  }

  private renderSortButtons(): void {
    for (const [key, button] of this.sortButtons) {
      const active = this.order.key === key;
      const direction = this.order.descending ? "descending" : "ascending";
      button.textContent = `${SORT_LABELS[key]}${active ? (this.order.descending ? " ▼" : " ▲") : ""}`;
      button.setAttribute("aria-pressed", String(active));
      button.setAttribute(
        "aria-label",
        active ? `Sorted by ${key}, ${direction}` : `Sort by ${key}`,
      );
    }
  }

  private onState(_model: InspectorModel, state: InspectorState): void {
    this.notebookName.textContent = state.notebook ?? "no notebook";
    this.notebookName.title = state.notebook ?? "";
    this.node.dataset.gradbookStatus = state.status;
    this.node.setAttribute("aria-busy", String(state.refreshing));
    this.message.textContent = state.message;
    this.message.hidden = state.message === "";
    this.message.classList.toggle(
      "is-problem",
      ["not-typescript", "no-gradbook", "error"].includes(state.status),
    );
    this.renderRows();
    this.renderStatusLine(state);
  }

  private renderStatusLine(state: InspectorState): void {
    const parts: string[] = [];
    if (state.status === "ready") parts.push(entryCounts(state.entries));
    if (state.refreshing) parts.push("refreshing…");
    else if (state.requestedAt !== null) {
      // The rows are in the DOM now: this is the refresh time a student feels.
      const elapsed = performance.now() - state.requestedAt;
      this.node.dataset.gradbookRefreshMs = elapsed.toFixed(1);
      const detail = [
        state.queryMs !== null ? `query ${Math.round(state.queryMs)} ms` : "",
        state.kernelMs !== null ? `kernel ${Math.round(state.kernelMs)} ms` : "",
      ].filter(Boolean);
      parts.push(
        `refreshed in ${Math.round(elapsed)} ms${detail.length ? ` (${detail.join(", ")})` : ""}`,
      );
      if (state.queryMs !== null) this.node.dataset.gradbookQueryMs = state.queryMs.toFixed(1);
    }
    this.statusLine.textContent = parts.join(" · ");
  }

  private renderRows(): void {
    const focusedName = (document.activeElement as HTMLElement | null)?.dataset?.gradbookVar;
    const selected = this.model.preview?.name;
    const entries = visibleEntries(this.model.state.entries, this.filterInput.value, this.order);
    setChildren(this.list, ...entries.map((entry) => this.row(entry, entry.name === selected)));
    if (entries.length === 0 && this.model.state.entries.length > 0)
      this.list.append(
        el("li", {
          className: "gradbook-inspector-message",
          text: `No name contains "${this.filterInput.value.trim()}".`,
        }),
      );
    if (focusedName !== undefined)
      this.rowElements()
        .find((row) => row.dataset.gradbookVar === focusedName)
        ?.focus();
  }

  private row(entry: InspectorEntry, selected: boolean): HTMLElement {
    const warning = nonFiniteText(entry);
    const isNumber = entry.kind === "number";
    const facts = isNumber
      ? [kindText(entry)]
      : [
          kindText(entry),
          `${entry.size} value${entry.size === 1 ? "" : "s"}`,
          ...rangeParts(entry),
        ];
    const spoken = isNumber
      ? `${entry.name}, number ${numberText(entry)}`
      : `${entry.name}, shape ${spokenShape(entry.shape)}, ${entry.size} values, ${rangeParts(entry).join(", ")}`;
    const row = el(
      "li",
      {
        className: "gradbook-inspector-row",
        attrs: {
          role: "option",
          tabindex: "0",
          "aria-selected": String(selected),
          "data-gradbook-var": entry.name,
          "data-gradbook-shape": shapeAttribute(entry.shape),
          "data-gradbook-kind": entry.kind ?? "tensor",
          "aria-label": `${spoken}${warning ? `, warning: ${warning}` : ""}`,
        },
        title: `${entry.name}: ${isNumber ? numberText(entry) : formatShape(entry.shape)} ${kindText(entry)}, ${formatBytes(entry.bytes)}`,
      },
      el(
        "div",
        { className: "gradbook-inspector-row-main" },
        el("span", { className: "gradbook-name", text: entry.name }),
        warning
          ? el("span", {
              className: "gradbook-inspector-nonfinite",
              text: `⚠ ${warning}`,
              title: "This value holds NaN or Inf",
            })
          : null,
        isNumber
          ? el("span", { className: "gradbook-inspector-value", text: numberText(entry) })
          : el("span", { className: "gradbook-shape-badge", text: formatShape(entry.shape) }),
      ),
      el(
        "div",
        { className: "gradbook-inspector-row-facts" },
        ...facts.map((text) => el("span", { text })),
      ),
    );
    row.addEventListener("click", () => this.model.showPreview(entry.name));
    return row;
  }

  private rowElements(): HTMLElement[] {
    return [...this.list.querySelectorAll<HTMLElement>(".gradbook-inspector-row")];
  }

  /** Enter or Space previews the focused row; arrows, Home and End move between rows. */
  private onListKey(event: KeyboardEvent): void {
    const rows = this.rowElements();
    const current = event.target instanceof HTMLElement ? rows.indexOf(event.target) : -1;
    if (current === -1) return;
    let next = -1;
    if (event.key === "Enter" || event.key === " ") {
      const name = rows[current].dataset.gradbookVar;
      if (name !== undefined) this.model.showPreview(name);
    } else if (event.key === "ArrowDown") next = Math.min(rows.length - 1, current + 1);
    else if (event.key === "ArrowUp") next = Math.max(0, current - 1);
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = rows.length - 1;
    else return;
    event.preventDefault();
    if (next !== -1) rows[next].focus();
  }

  private onPreview(_model: InspectorModel, preview: PreviewState | null): void {
    for (const row of this.rowElements())
      row.setAttribute("aria-selected", String(row.dataset.gradbookVar === preview?.name));
    this.previewBox.hidden = preview === null;
    if (!preview) {
      this.previewBox.replaceChildren();
      return;
    }
    const close = el("button", {
      text: "✕",
      attrs: { type: "button", "aria-label": `Close the preview of ${preview.name}` },
    });
    close.addEventListener("click", () => this.model.closePreview());
    const body = el("div", { className: "gradbook-inspector-preview-body" });
    if (preview.bundle) renderTensor(body, preview.bundle, { digits: 4 });
    else
      body.append(
        el("div", {
          className:
            preview.status === "error"
              ? "gradbook-inspector-message is-problem"
              : "gradbook-inspector-message",
          text: preview.message,
        }),
      );
    this.previewBox.dataset.gradbookStatus = preview.status;
    this.previewBox.replaceChildren(
      el(
        "div",
        { className: "gradbook-inspector-preview-header" },
        el("span", { text: "Preview" }),
        close,
      ),
      body,
    );
  }
}
