// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it } from "vitest";
import { renderGradcheck } from "../../../labextension/src/views/gradcheck-view";
import { failingGradcheck, passingGradcheck } from "../../support/display-bundles";

function rendered(bundle: Parameters<typeof renderGradcheck>[1]): HTMLElement {
  const host = document.createElement("div");
  renderGradcheck(host, bundle);
  return host;
}

const texts = (host: Element, selector: string) =>
  [...host.querySelectorAll(selector)].map((node) => node.textContent);

describe("renderGradcheck", () => {
  it("carries the stable hooks for a failing check", () => {
    const host = rendered(failingGradcheck());
    expect(host.classList.contains("gradbook-gradcheck")).toBe(true);
    expect(host.dataset.gradbookStatus).toBe("fail");
  });

  it("states the banded verdict in words as well as colour", () => {
    const host = rendered(failingGradcheck());
    expect(host.querySelector(".gradbook-header > .gradbook-badge")?.textContent).toBe(
      "✗ fail · wrong",
    );
    expect(texts(host, ".gradbook-band")).toEqual(["exact", "fine", "suspicious", "wrong"]);
    const current = host.querySelector(".gradbook-band.is-current");
    expect(current?.textContent).toBe("wrong");
    expect(current?.classList.contains("is-bad")).toBe(true);
    expect(current?.getAttribute("aria-current")).toBe("true");
    expect(host.querySelector(".gradbook-summary")?.textContent).toBe(
      "Gradient check failed for W: the analytic gradient disagrees with the numerical one.",
    );
    expect(host.querySelector(".gradbook-note")?.textContent).toBe(
      "central differences with eps 1e-06; tolerances rtol 0.001, atol 1e-05",
    );
  });

  it("lists the warnings", () => {
    const host = rendered(failingGradcheck());
    expect(texts(host, ".gradbook-warnings li")).toEqual([
      "⚠ f is not deterministic: two evaluations at the same point differ by 3e-9",
    ]);
  });

  it("gives each parameter its verdict and a table of its worst entries, NaN included", () => {
    const host = rendered(failingGradcheck());
    const w = host.querySelector('[data-gradbook-param="W"]')!;
    expect(w.classList.contains("is-fail")).toBe(true);
    expect(w.querySelector(".gradbook-badge")?.textContent).toBe("✗ fail · wrong");
    expect(w.querySelector(".gradbook-shape-badge")?.textContent).toBe("[2, 2]");
    expect(texts(w, ".gradbook-facts li")).toEqual([
      "max rel. error 0.87",
      "‖g − g̃‖/(‖g‖ + ‖g̃‖) = 0.42",
      "all 4 entries checked",
    ]);
    expect(texts(w, ".gradbook-worst tbody tr:first-child > *")).toEqual([
      "[1, 0]",
      "1.5",
      "0.1",
      "0.87",
    ]);
    expect(texts(w, ".gradbook-worst td.is-nonfinite")).toEqual(["nan", "nan"]);
    const b = host.querySelector('[data-gradbook-param="b"]')!;
    expect(b.classList.contains("is-pass")).toBe(true);
    expect(b.querySelector(".gradbook-badge")?.textContent).toBe("✓ pass · exact");
    expect(b.querySelector(".gradbook-heatmap")).toBeNull();
  });

  it("draws the relative-error heatmap of a matrix on a log scale", () => {
    const host = rendered(failingGradcheck());
    const cells = [
      ...host.querySelectorAll<HTMLElement>(
        '[data-gradbook-param="W"] .gradbook-heatmap-grid .gradbook-heatmap-cell',
      ),
    ];
    expect(cells).toHaveLength(4);
    expect(cells.map((cell) => cell.title)).toEqual([
      "W[0, 0]: relative error 0.5",
      "W[0, 1]: relative error nan",
      "W[1, 0]: relative error 0.87",
      "W[1, 1]: not checked",
    ]);
    // log10(0.5) = -0.301: (12 - 0.301) / 12 = 97.5%; NaN counts as the worst.
    expect(cells[0].style.getPropertyValue("--gradbook-t")).toBe("97%");
    expect(cells[1].style.getPropertyValue("--gradbook-t")).toBe("100%");
    expect(cells[3].classList.contains("is-empty")).toBe(true);
  });

  it("marks a passing check and explains sampling and the directional check", () => {
    const host = rendered(passingGradcheck());
    expect(host.dataset.gradbookStatus).toBe("pass");
    expect(host.querySelector(".gradbook-band.is-current")?.textContent).toBe("fine");
    expect(host.querySelector(".gradbook-summary")?.textContent).toBe(
      "Gradient check passed: agreement within what finite differences can resolve.",
    );
    expect(texts(host, ".gradbook-facts li").slice(2)).toEqual([
      "200 of 7840 entries checked (random sample)",
      "random direction: analytic 1.25, numerical 1.25 (rel. error 4e-08)",
    ]);
    expect(host.querySelector(".gradbook-warnings")).toBeNull();
  });
});
