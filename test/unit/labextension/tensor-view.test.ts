// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it } from "vitest";
import { axisIndices, renderTensor } from "../../../labextension/src/views/tensor-view";
import { cube, irisLikeTensor, scalar, vectorWithNaN } from "../../support/display-bundles";

function rendered(bundle: Parameters<typeof renderTensor>[1]): HTMLElement {
  const host = document.createElement("div");
  renderTensor(host, bundle);
  return host;
}

const texts = (host: Element, selector: string) =>
  [...host.querySelectorAll(selector)].map((node) => node.textContent);

describe("axisIndices", () => {
  it("numbers the items after the elision from the end of the axis", () => {
    expect(axisIndices([0, 1, 2, "...", 7, 8, 9], 10)).toEqual([0, 1, 2, null, 7, 8, 9]);
    expect(axisIndices([5, 6], 2)).toEqual([0, 1]);
  });
});

describe("renderTensor", () => {
  it("carries the stable hooks: class gradbook-tensor and data-gradbook-shape", () => {
    const host = rendered(irisLikeTensor());
    expect(host.classList.contains("gradbook-tensor")).toBe(true);
    expect(host.dataset.gradbookShape).toBe("150,4");
    expect(host.querySelector(".gradbook-shape-badge")?.textContent).toBe("[150, 4]");
    expect(host.querySelector(".gradbook-name")?.textContent).toBe("X");
    expect(texts(host, ".gradbook-chip")).toEqual(["float64", "600 values"]);
  });

  it("shows the statistics", () => {
    const host = rendered(irisLikeTensor());
    expect(texts(host, ".gradbook-stat-label")).toEqual(["min", "max", "mean", "std"]);
    expect(texts(host, ".gradbook-stat-value")).toEqual(["0.1", "149.4", "74.75", "43.3"]);
    expect(host.querySelector(".gradbook-warning")).toBeNull();
  });

  it("keeps the '...' elision of rows with the real indices around it", () => {
    const host = rendered(irisLikeTensor());
    expect(texts(host, "tbody th")).toEqual(["0", "1", "2", "⋮", "147", "148", "149"]);
    expect(texts(host, "thead th").slice(1)).toEqual(["0", "1", "2", "3"]);
    const rows = host.querySelectorAll("tbody tr");
    expect(texts(rows[0], "td")).toEqual(["0.1", "0.2", "0.3", "0.4"]);
    expect(rows[3].classList.contains("gradbook-elided-row")).toBe(true);
    expect(texts(rows[3], "td")).toEqual(["⋮", "⋮", "⋮", "⋮"]);
    expect(texts(rows[6], "td")).toEqual(["149.1", "149.2", "149.3", "149.4"]);
    expect(host.querySelector(".gradbook-tensor-preview")?.getAttribute("tabindex")).toBe("0");
    expect(host.querySelector("caption")).toBeNull();
  });

  it("draws the heatmap of block means for a 2-D tensor, marking empty blocks", () => {
    const host = rendered(irisLikeTensor());
    const cells = host.querySelectorAll(".gradbook-heatmap-grid .gradbook-heatmap-cell");
    expect(cells).toHaveLength(6);
    expect(cells[5].classList.contains("is-empty")).toBe(true);
    expect(cells[0].getAttribute("title")).toBe("rows 0–49, cols 0–1: 1");
    expect((cells[4] as HTMLElement).style.getPropertyValue("--gradbook-t")).toBe("100%");
    expect((cells[0] as HTMLElement).style.getPropertyValue("--gradbook-t")).toBe("0%");
    expect(host.querySelector(".gradbook-heatmap-grid")?.getAttribute("aria-label")).toContain(
      "blocks of 50 × 2",
    );
    expect(host.querySelector("figcaption")?.textContent).toContain("mean of a 50 × 2 block");
  });

  it("shows NaN and Inf entries and warns about them", () => {
    const host = rendered(vectorWithNaN());
    expect(host.dataset.gradbookShape).toBe("10");
    expect(texts(host, "thead th")).toEqual(["0", "1", "2", "…", "7", "8", "9"]);
    expect(texts(host, "tbody td")).toEqual(["0", "nan", "2", "…", "7", "inf", "9"]);
    expect(texts(host, "td.is-nonfinite")).toEqual(["nan", "inf"]);
    expect(host.querySelector(".gradbook-warning")?.textContent).toBe(
      "⚠ 1 NaN and 1 Inf values; the statistics cover the finite ones.",
    );
    expect(host.querySelector(".gradbook-heatmap")).toBeNull();
  });

  it("shows a 3-D tensor as one labelled table per leading index", () => {
    const host = rendered(cube());
    expect(host.dataset.gradbookShape).toBe("2,3,4");
    expect(texts(host, "caption")).toEqual(["[0, :, :]", "[1, :, :]"]);
    const second = host.querySelectorAll("table")[1];
    expect(texts(second, "tbody tr:last-child td")).toEqual(["20", "21", "22", "23"]);
  });

  it("counts elided slices of a leading axis", () => {
    const bundle = cube();
    bundle.shape = [9, 3, 4];
    bundle.size = 108;
    const slab = (bundle.preview as unknown[])[0];
    bundle.preview = [slab, slab, slab, "...", slab, slab, slab] as typeof bundle.preview;
    const host = rendered(bundle);
    expect(texts(host, "caption")).toEqual([
      "[0, :, :]",
      "[1, :, :]",
      "[2, :, :]",
      "[6, :, :]",
      "[7, :, :]",
      "[8, :, :]",
    ]);
    expect(host.querySelector(".gradbook-elided-block")?.textContent).toBe(
      "⋮ 3 slices of axis 0 not shown",
    );
  });

  it("shows a 0-d tensor as its number with an empty shape hook", () => {
    const host = rendered(scalar(3.5));
    expect(host.dataset.gradbookShape).toBe("");
    expect(host.querySelector(".gradbook-shape-badge")?.textContent).toBe("[]");
    expect(host.querySelector(".gradbook-tensor-preview")?.textContent).toBe("3.5");
    const nan = rendered(scalar("NaN"));
    expect(nan.querySelector(".gradbook-tensor-preview .is-nonfinite")?.textContent).toBe("nan");
    expect(texts(nan, ".gradbook-stat-value")).toEqual(["–", "–", "–", "–"]);
    expect(nan.querySelector(".gradbook-warning")?.textContent).toContain("1 NaN value;");
  });

  it("says so for an empty tensor", () => {
    const host = rendered({ ...vectorWithNaN(), shape: [0], size: 0, stats: null, preview: [] });
    expect(host.dataset.gradbookShape).toBe("0");
    expect(host.querySelector(".gradbook-tensor-preview")?.textContent).toBe(
      "empty tensor: no values",
    );
  });
});
