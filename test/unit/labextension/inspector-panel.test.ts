// @vitest-environment jsdom
/// <reference lib="dom" />
import "./lumino-dom";
import { INSPECTOR_QUERY_CODE, MIME, type InspectorEntry } from "gradbook/protocol";
import { Widget } from "@lumino/widgets";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InspectorModel } from "../../../labextension/src/inspector/model";
import { INSPECTOR_ID, InspectorPanel } from "../../../labextension/src/inspector/panel";
import { visibleEntries } from "../../../labextension/src/inspector/rows";
import { irisLikeTensor } from "../../support/display-bundles";
import { FakeNotebook } from "./fake-kernel";

// @jupyterlab/ui-components needs a browser bundle's dependencies; the icon is not under test.
vi.mock("../../../labextension/src/inspector/icon", () => ({ inspectorIcon: undefined }));

function entry(name: string, shape: number[], extra: Partial<InspectorEntry> = {}): InspectorEntry {
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    name,
    shape,
    dtype: "float64",
    size,
    bytes: 8 * size,
    min: -1.5,
    max: 2,
    mean: 0.25,
    nanCount: 0,
    infCount: 0,
    ...extra,
  };
}

const TENSORS = [
  entry("x10", [10]),
  entry("X", [150, 4]),
  entry("loss", []),
  entry("x2", [3, 3], { nanCount: 2, infCount: 1 }),
];

describe("visibleEntries", () => {
  it("filters by name in any case and sorts by name naturally or by size", () => {
    const names = (list: InspectorEntry[]) => list.map((e) => e.name);
    expect(names(visibleEntries(TENSORS, "", { key: "name", descending: false }))).toEqual([
      "loss",
      "X",
      "x2",
      "x10",
    ]);
    expect(names(visibleEntries(TENSORS, " x ", { key: "size", descending: true }))).toEqual([
      "X",
      "x10",
      "x2",
    ]);
    expect(names(visibleEntries(TENSORS, "", { key: "size", descending: false }))[0]).toBe("loss");
  });
});

describe("InspectorPanel", () => {
  let notebook: FakeNotebook;
  let model: InspectorModel;
  let panel: InspectorPanel;
  const settle = (ms = 50) => vi.advanceTimersByTimeAsync(ms);
  const rows = () => [...panel.node.querySelectorAll<HTMLElement>("[data-gradbook-var]")];
  const names = () => rows().map((row) => row.dataset.gradbookVar);

  beforeEach(async () => {
    vi.useFakeTimers();
    notebook = new FakeNotebook();
    notebook.kernel.answer = (code) =>
      code === INSPECTOR_QUERY_CODE
        ? { display: { [MIME.inspector]: { version: 1, tensors: TENSORS, elapsedMs: 3 } } }
        : { display: { [MIME.tensor]: irisLikeTensor() } };
    model = new InspectorModel();
    panel = new InspectorPanel(model);
    Widget.attach(panel, document.body);
    model.setTarget(notebook);
    await settle();
  });

  afterEach(() => {
    panel.dispose();
    model.dispose();
    vi.useRealTimers();
  });

  it("is the sidebar widget with the stable id, one row per tensor with its hooks", () => {
    expect(panel.id).toBe(INSPECTOR_ID);
    expect(panel.node.id).toBe("gradbook-shape-inspector");
    expect(names()).toEqual(["loss", "X", "x2", "x10"]);
    const shapes = Object.fromEntries(
      rows().map((row) => [row.dataset.gradbookVar, row.dataset.gradbookShape]),
    );
    expect(shapes).toEqual({ loss: "", X: "150,4", x2: "3,3", x10: "10" });
    const x = rows()[1];
    expect(x.getAttribute("role")).toBe("option");
    expect(x.tabIndex).toBe(0);
    expect(x.querySelector(".gradbook-shape-badge")?.textContent).toBe("[150, 4]");
    expect(
      [...x.querySelectorAll(".gradbook-inspector-row-facts > span")].map((s) => s.textContent),
    ).toEqual(["float64", "600 values", "min -1.5", "max 2"]);
    expect(x.title).toBe("X: [150, 4] float64, 4.7 KiB");
    expect(panel.node.querySelector(".gradbook-inspector-notebook")?.textContent).toBe(
      "lesson.ipynb",
    );
  });

  it("shows numbers by value and names typed arrays and values inside objects", async () => {
    const values = [
      entry("fit.W", [3, 1], { kind: "tensor" }),
      entry("fit.b", [], { kind: "number", dtype: "number", min: 0.5, max: 0.5, bytes: 8 }),
      entry("labels", [150], { kind: "typed-array", dtype: "int32", bytes: 600, min: 0 }),
      entry("history", [3], { kind: "array", dtype: "number" }),
    ];
    notebook.kernel.answer = () => ({
      display: { [MIME.inspector]: { version: 1, tensors: values, elapsedMs: 1 } },
    });
    model.refresh();
    await settle();
    const byName = Object.fromEntries(rows().map((row) => [row.dataset.gradbookVar, row]));
    expect(Object.keys(byName).sort()).toEqual(["fit.b", "fit.W", "history", "labels"].sort());
    expect(byName["fit.b"].dataset.gradbookKind).toBe("number");
    expect(byName["fit.b"].querySelector(".gradbook-inspector-value")?.textContent).toBe("0.5");
    expect(byName["fit.b"].querySelector(".gradbook-shape-badge")).toBeNull();
    expect(byName["fit.b"].getAttribute("aria-label")).toBe("fit.b, number 0.5");
    const facts = (row: HTMLElement) =>
      [...row.querySelectorAll(".gradbook-inspector-row-facts > span")].map((s) => s.textContent);
    expect(facts(byName.labels)[0]).toBe("int32 typed array");
    expect(byName.labels.dataset.gradbookShape).toBe("150");
    expect(facts(byName.history)[0]).toBe("number[]");
    expect(byName["fit.W"].dataset.gradbookKind).toBe("tensor");
    expect(panel.node.querySelector(".gradbook-inspector-status")?.textContent).toMatch(
      /^1 tensor, 1 number, 1 typed array, 1 array · refreshed in/,
    );
  });

  it("warns on NaN and Inf", () => {
    const x2 = rows()[2];
    expect(x2.querySelector(".gradbook-inspector-nonfinite")?.textContent).toBe("⚠ 2 NaN, 1 Inf");
    expect(x2.getAttribute("aria-label")).toContain("warning: 2 NaN, 1 Inf");
    expect(rows()[1].querySelector(".gradbook-inspector-nonfinite")).toBeNull();
  });

  it("reports the refresh time of the rows it rendered", () => {
    const ms = Number(panel.node.dataset.gradbookRefreshMs);
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(panel.node.querySelector(".gradbook-inspector-status")?.textContent).toMatch(
      /^4 tensors · refreshed in \d+ ms \(query \d+ ms, kernel 3 ms\)$/,
    );
  });

  it("sorts with buttons that say how they sort", () => {
    const [byName, bySize] = [...panel.node.querySelectorAll<HTMLButtonElement>("[data-sort]")];
    expect(byName.getAttribute("aria-pressed")).toBe("true");
    expect(byName.getAttribute("aria-label")).toBe("Sorted by name, ascending");
    bySize.click();
    expect(names()).toEqual(["X", "x10", "x2", "loss"]);
    expect(bySize.getAttribute("aria-label")).toBe("Sorted by size, descending");
    expect(bySize.textContent).toBe("Size ▼");
    bySize.click();
    expect(names()).toEqual(["loss", "x2", "x10", "X"]);
    byName.click();
    expect(names()).toEqual(["loss", "X", "x2", "x10"]);
  });

  it("filters by name and says when nothing matches", () => {
    const filter = panel.node.querySelector<HTMLInputElement>(".gradbook-inspector-filter")!;
    expect(filter.getAttribute("aria-label")).toBe("Filter the values by name");
    filter.value = "x1";
    filter.dispatchEvent(new Event("input"));
    expect(names()).toEqual(["x10"]);
    filter.value = "weights";
    filter.dispatchEvent(new Event("input"));
    expect(names()).toEqual([]);
    expect(panel.node.querySelector(".gradbook-inspector-list")?.textContent).toBe(
      'No name contains "weights".',
    );
  });

  it("previews a row on Enter, Space or click, and moves with the arrow keys", async () => {
    const x = rows()[1];
    x.focus();
    x.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    expect(document.activeElement).toBe(rows()[2]);
    x.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await settle();
    expect(notebook.kernel.codes.at(-1)).toBe(
      'require("gradbook/internal").inspectTensor("X", { edgeItems: 3 });',
    );
    const preview = panel.node.querySelector<HTMLElement>(".gradbook-inspector-preview")!;
    expect(preview.hidden).toBe(false);
    expect(preview.querySelector(".gradbook-tensor")?.getAttribute("data-gradbook-shape")).toBe(
      "150,4",
    );
    expect(rows()[1].getAttribute("aria-selected")).toBe("true");
    rows()[3].dispatchEvent(new KeyboardEvent("keydown", { key: " ", bubbles: true }));
    expect(model.preview?.name).toBe("x10");
    rows()[0].click();
    expect(model.preview?.name).toBe("loss");
    preview.querySelector<HTMLButtonElement>("button")!.click();
    expect(preview.hidden).toBe(true);
  });

  it("shows the model's message when there is nothing to list", async () => {
    notebook.kernel.name = "python3";
    notebook.kernelChanged.emit(null);
    await settle();
    expect(names()).toEqual([]);
    const message = panel.node.querySelector(".gradbook-inspector-message")!;
    expect(message.classList.contains("is-problem")).toBe(true);
    expect(message.textContent).toContain("Python 3 (ipykernel)");
    expect(panel.node.dataset.gradbookStatus).toBe("not-typescript");
  });

  it("refreshes on the button", async () => {
    const before = notebook.kernel.codes.length;
    panel.node.querySelector<HTMLButtonElement>(".gradbook-inspector-refresh")!.click();
    await settle();
    expect(notebook.kernel.codes.length).toBe(before + 1);
  });
});
