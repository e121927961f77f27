// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it } from "vitest";
import { plot } from "../../../src/display";
import { figureSvg } from "../../../src/protocol/figure-svg";
import { contourSegments, joinSegments } from "../../../src/protocol/figure-svg/grid";
import { readFigure } from "../../../src/protocol/figure-svg/read-figure";
import { niceTicks } from "../../../src/protocol/figure-svg/scale";
import { tensor } from "../../../src/tensor";

function parse(svg: string | null): SVGSVGElement {
  if (svg === null) throw new Error("no SVG was written");
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  expect(doc.querySelector("parsererror")).toBeNull();
  return doc.documentElement as unknown as SVGSVGElement;
}

describe("figureSvg", () => {
  it("draws a loss curve: one path per line, axes with round ticks, a legend and the title", () => {
    const svg = parse(figureSvg(plot.lossCurve({ train: [3, 2, 1], test: [3.5, 2.5, 2] })));
    expect(svg.getAttribute("class")).toBe("gradbook-figure");
    expect(svg.getAttribute("data-gradbook-traces")).toBe("2");
    const traces = [...svg.querySelectorAll("g.gradbook-trace")];
    expect(traces.map((g) => g.getAttribute("data-gradbook-name"))).toEqual(["train", "test"]);
    expect(traces.every((g) => g.querySelector("path")?.getAttribute("d")?.startsWith("M"))).toBe(
      true,
    );
    expect(svg.querySelector("g.gradbook-legend")?.textContent).toBe("traintest");
    expect(svg.querySelector("title")?.textContent).toBe("Training loss");
    const ticks = [...svg.querySelectorAll("g.gradbook-axes > text")].map((t) => t.textContent);
    expect(ticks).toContain("2");
  });

  it("draws a decision boundary as a PNG heatmap under the points, a few KB", () => {
    const X = tensor([
      [0, 0],
      [1, 1],
      [0, 1],
      [1, 0],
    ]);
    const figure = plot.decisionBoundary((grid) => grid.sum(1), X, [0, 1, 0, 1]);
    const text = figureSvg(figure);
    const svg = parse(text);
    const types = [...svg.querySelectorAll("g.gradbook-trace")].map((g) =>
      g.getAttribute("data-gradbook-type"),
    );
    expect(types[0]).toBe("heatmap");
    expect(types).toContain("scatter");
    expect(svg.querySelector("image")?.getAttribute("href")).toMatch(/^data:image\/png;base64,/);
    expect(text?.length).toBeLessThan(60_000);
  });

  it("returns null for what is not a figure or has nothing to draw", () => {
    expect(figureSvg(null)).toBeNull();
    expect(figureSvg({ data: "x" })).toBeNull();
    expect(figureSvg({ data: [{ type: "scatter" }], layout: {} })).toBeNull();
  });

  it("escapes text, refuses colours that are not colours and names traces it cannot draw", () => {
    const text = figureSvg({
      data: [
        {
          type: "scatter",
          name: '<script>alert(1)</script>"',
          x: [0, 1],
          y: [1, 2],
          line: { color: 'red" onload="alert(2)' },
        },
        { type: "bar<img>", x: [1], y: [1] },
      ],
      layout: { title: { text: "Fit <b>1</b> & more" } },
    });
    expect(text).not.toContain("<script");
    expect(text).not.toContain("onload");
    const svg = parse(text);
    expect(svg.querySelector("title")?.textContent).toBe("Fit 1 & more");
    expect(svg.querySelector("desc")?.textContent).toContain("not drawn here: barimg");
    expect(svg.querySelector("path")?.getAttribute("stroke")).toBe("#1f77b4");
  });

  it("traces contour lines as joined polylines of marching squares", () => {
    const model = readFigure(
      {
        data: [
          {
            type: "contour",
            x: [0, 1, 2],
            y: [0, 1, 2],
            z: [
              [0, 0, 0],
              [0, 2, 0],
              [0, 0, 0],
            ],
          },
        ],
      },
      niceTicks,
    );
    const grid = model?.grids[0];
    if (grid === undefined) throw new Error("no grid");
    const lines = joinSegments(contourSegments(grid, 1));
    expect(lines).toHaveLength(1);
    expect(lines[0][0]).toEqual(lines[0][lines[0].length - 1]);
    expect(lines[0]).toContainEqual([1, 0.5]);
  });
});
