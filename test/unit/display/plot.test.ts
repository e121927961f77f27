import { describe, expect, it } from "vitest";
import { plot } from "../../../src/display";
import { type PlotTrace } from "../../../src/display/plot";
import { type Tensor, tensor } from "../../../src/tensor";

function traceNamed(traces: PlotTrace[], name: string): PlotTrace {
  const found = traces.find((trace) => trace.name === name);
  if (found === undefined) throw new Error(`no trace named ${name}`);
  return found;
}

/** The closed curves of a trace drawn as several curves separated by nulls. */
function curves(trace: PlotTrace): [number, number][][] {
  const xs = trace.x as (number | null)[];
  const ys = trace.y as (number | null)[];
  const result: [number, number][][] = [[]];
  xs.forEach((x, i) => {
    if (x === null) result.push([]);
    else result[result.length - 1].push([x, ys[i] as number]);
  });
  return result.filter((curve) => curve.length > 0);
}

describe("basic plots", () => {
  it("line: one series or several by name, plain JSON arrays", () => {
    const single = plot.line(tensor([0, 1, 2]), tensor([[1], [4], [9]]), {
      title: "squares",
      name: "x²",
    });
    expect(single.data).toEqual([
      { type: "scatter", mode: "lines", name: "x²", x: [0, 1, 2], y: [1, 4, 9] },
    ]);
    expect(single.layout).toMatchObject({ title: { text: "squares" }, showlegend: false });
    const named = plot.line(
      [1, 2],
      { train: [3, 2], test: new Float64Array([4, 3]) },
      { logY: true, yLabel: "J" },
    );
    expect(named.data.map((trace) => trace.name)).toEqual(["train", "test"]);
    expect(named.data[1].y).toEqual([4, 3]);
    expect(named.layout.yaxis).toEqual({ title: { text: "J" }, type: "log" });
    expect(() => plot.line([1, 2], [1])).toThrow("plot.line: x has 2 values but y has 1");
    expect(() =>
      plot.line(
        [1, 2],
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toThrow(
      "plot.line (y): expected one value per point (shape [m] or [m, 1]), got shape [2, 2]",
    );
  });

  it("scatter colours points by class", () => {
    const figure = plot.scatter([1, 2, 3, 4], [5, 6, 7, 8], {
      labels: new Int32Array([1, 0, 1, 2]),
      classNames: ["setosa", "versicolor", "virginica"],
    });
    expect(figure.data.map((trace) => [trace.name, trace.x, trace.y])).toEqual([
      ["setosa", [2], [6]],
      ["versicolor", [1, 3], [5, 7]],
      ["virginica", [4], [8]],
    ]);
    expect(plot.scatter([1], [2]).data[0]).toMatchObject({ mode: "markers", name: "points" });
  });

  it("lossCurve reads a series, named series, or per-epoch records", () => {
    const simple = plot.lossCurve(tensor([3, 2, 1.5]));
    expect(simple.data).toEqual([
      { type: "scatter", mode: "lines", name: "loss", x: [1, 2, 3], y: [3, 2, 1.5] },
    ]);
    expect(simple.layout).toMatchObject({
      title: { text: "Training loss" },
      xaxis: { title: { text: "epoch" } },
      yaxis: { title: { text: "J(w)" } },
    });
    const records = plot.lossCurve([
      { epoch: 10, loss: 0.9, accuracy: 0.6 },
      { epoch: 20, loss: 0.5, accuracy: 0.8 },
    ]);
    expect(records.data.map((trace) => [trace.name, trace.x, trace.y])).toEqual([
      ["loss", [10, 20], [0.9, 0.5]],
      ["accuracy", [10, 20], [0.6, 0.8]],
    ]);
    expect(
      plot.lossCurve({ train: [2, 1], test: [3, 2] }, { logY: true }).layout.yaxis,
    ).toMatchObject({ type: "log" });
  });

  it("sigmoid crosses 0.5 at z = 0 and can add its derivative", () => {
    const figure = plot.sigmoid({ range: [-4, 4], points: 9, derivative: true });
    const sigma = traceNamed(figure.data, "σ(z)");
    expect(sigma.x).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect((sigma.y as number[])[4]).toBe(0.5);
    expect((sigma.y as number[])[8]).toBeCloseTo(1 / (1 + Math.exp(-4)), 15);
    expect((figure.data[2].y as number[])[4]).toBe(0.25);
    expect(() => plot.sigmoid({ range: [1, 1] })).toThrow(
      "plot.sigmoid: option range must be [low, high] with low < high, got [1, 1]",
    );
  });
});

describe("model plots", () => {
  const x = [0, 1, 2, 3, 4];
  const y = [1, 3, 2, 5, 4];

  it("fit draws the data and each predictor over [min x, max x]", () => {
    const seen: Tensor[] = [];
    const figure = plot.fit(
      x,
      y,
      {
        "degree 1": (grid) => {
          seen.push(grid);
          return grid.mul(0.8).add(1.4);
        },
        zero: (grid) => new Float64Array(grid.size),
      },
      { points: 5 },
    );
    expect(seen[0].shape).toEqual([5]);
    expect(figure.data.map((trace) => trace.name)).toEqual(["data", "degree 1", "zero"]);
    expect(figure.data[0]).toMatchObject({ mode: "markers", x, y });
    expect(figure.data[1]).toMatchObject({ mode: "lines", x: [0, 1, 2, 3, 4] });
    expect(figure.data[1].y).toEqual([1.4, 2.2, 3, 3.8000000000000003, 4.6]);
    expect(() => plot.fit(x, y, (grid) => grid.slice([0, 2]))).toThrow(
      "plot.fit: x has 200 values but the predictions of fit has 2",
    );
  });

  it("decisionBoundary: probabilities get the p = 0.5 line, scores their argmax class", () => {
    const X = tensor([
      [0, 0],
      [1, 1],
      [2, 0],
    ]);
    const probability = plot.decisionBoundary(
      (grid) => grid.slice(null, 0).map((v) => 1 / (1 + Math.exp(-(v - 1)))),
      X,
      [0, 1, 1],
      { resolution: 5, classNames: ["no", "yes"] },
    );
    expect(probability.data.map((trace) => trace.type)).toEqual([
      "heatmap",
      "contour",
      "scatter",
      "scatter",
    ]);
    const boundary = probability.data[1];
    expect(boundary.contours).toEqual({ start: 0.5, end: 0.5, size: 1, coloring: "lines" });
    // Padding 10 % of the range: x₁ from −0.2 to 2.2.
    expect(boundary.x).toEqual([-0.2, 0.4, 1, 1.6, 2.2].map((v) => expect.closeTo(v, 12)));
    expect((boundary.z as number[][])[0][2]).toBeCloseTo(0.5, 12);
    expect(probability.data.slice(2).map((trace) => [trace.name, trace.x])).toEqual([
      ["no", [0]],
      ["yes", [1, 2]],
    ]);
    const scores = plot.decisionBoundary((grid) => grid, X, [0, 1, 1], { resolution: 3 });
    expect(scores.data[0]).toMatchObject({ type: "heatmap", zmin: -0.5, zmax: 1.5 });
    // The grid is x₁ ∈ {−0.2, 1, 2.2}, x₂ ∈ {−0.1, 0.5, 1.1}; column 1 wins where x₂ > x₁.
    expect(scores.data[0].z).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [1, 1, 0],
    ]);
    expect(() => plot.decisionBoundary((grid) => grid, tensor([1, 2]), [0])).toThrow(
      "plot.decisionBoundary: X must have shape [m, 2] (two features), got [2]",
    );
  });

  it("contour samples f on a grid, z[row j][column i] = f(xᵢ, yⱼ)", () => {
    const figure = plot.contour((a, b) => a * a + 10 * b, [-1, 1], [0, 2], { resolution: 3 });
    expect(figure.data[0]).toMatchObject({
      type: "contour",
      x: [-1, 0, 1],
      y: [0, 1, 2],
      z: [
        [1, 0, 1],
        [11, 10, 11],
        [21, 20, 21],
      ],
    });
    expect(() => plot.contour(() => 0, [1, 0], [0, 1])).toThrow(
      "plot.contour: xRange must be [low, high] with low < high, got [1, 0]",
    );
  });
});

describe("l2Geometry (seed 002)", () => {
  const H = tensor([
    [2, 0.8],
    [0.8, 0.5],
  ]);
  const wStar = tensor([1.5, -1]);
  const alpha = 0.3;
  const figure = plot.l2Geometry(H, wStar, alpha);
  const L = (w: [number, number]) => {
    const d = [w[0] - 1.5, w[1] + 1];
    return 0.5 * (2 * d[0] * d[0] + 2 * 0.8 * d[0] * d[1] + 0.5 * d[1] * d[1]);
  };

  it("puts w̃ at (H + αI)⁻¹Hw* (numpy oracle)", () => {
    // numpy: np.linalg.solve(H + a*np.eye(2), H @ w)
    const wTilde = traceNamed(figure.data, "w̃");
    expect(wTilde.x).toEqual([expect.closeTo(1.0000000000000002, 13)]);
    expect(wTilde.y).toEqual([expect.closeTo(-0.1250000000000002, 13)]);
    expect(traceNamed(figure.data, "w*")).toMatchObject({ x: [1.5], y: [-1] });
  });

  it("labels the eigen-directions with their eigenvalues h and shrink factors h/(h+λ)", () => {
    // numpy: lam = [0.15341439, 2.34658561], lam/(lam+a) = [0.33835360, 0.88664640], sum 1.225
    const names = figure.data.map((trace) => trace.name);
    expect(names).toContain("eigen-direction q₁ (h = 0.1534)");
    expect(names).toContain("eigen-direction q₂ (h = 2.347)");
    expect(names).toContain("w̃ along q₁: ×0.338");
    expect(names).toContain("w̃ along q₂: ×0.887");
    const note = (figure.layout.annotations as { text: string }[])[0].text;
    expect(note).toContain("effective parameters Σh/(h+λ) = 1.23");
  });

  it("draws an ellipse of L and a circle of Ω through w̃, with equal axes", () => {
    const wTilde: [number, number] = [1, -0.125];
    const ellipse = curves(traceNamed(figure.data, "contours of L(w)"))[1];
    for (const point of ellipse) expect(L(point)).toBeCloseTo(L(wTilde), 10);
    const circle = curves(traceNamed(figure.data, "contours of Ω(w) = ½‖w‖²"))[1];
    for (const point of circle) expect(Math.hypot(...point)).toBeCloseTo(Math.hypot(...wTilde), 12);
    expect(figure.layout.yaxis).toMatchObject({ scaleanchor: "x", scaleratio: 1 });
    expect(JSON.parse(JSON.stringify(figure))).toEqual(figure);
  });

  it("keeps w* without regularization and handles a flat direction", () => {
    const same = traceNamed(plot.l2Geometry(H, wStar, 0).data, "w̃");
    expect(same.x).toEqual([expect.closeTo(1.5, 12)]);
    const flat = plot.l2Geometry(
      tensor([
        [1, 0],
        [0, 0],
      ]),
      [2, 3],
      1,
    );
    expect(traceNamed(flat.data, "w̃")).toMatchObject({
      x: [expect.closeTo(1, 12)],
      y: [expect.closeTo(0, 12)],
    });
  });

  it("rejects what has no picture", () => {
    expect(() =>
      plot.l2Geometry(
        tensor([
          [1, 2],
          [0, 1],
        ]),
        wStar,
        1,
      ),
    ).toThrow("plot.l2Geometry: H must be symmetric");
    expect(() =>
      plot.l2Geometry(
        tensor([
          [1, 0],
          [0, -1],
        ]),
        wStar,
        1,
      ),
    ).toThrow(
      "plot.l2Geometry: H must be positive semi-definite (a Hessian at a minimum), but it has the eigenvalue -1",
    );
    expect(() => plot.l2Geometry(tensor([[1]]), wStar, 1)).toThrow(
      "plot.l2Geometry: H must be a 2 × 2 matrix",
    );
    expect(() => plot.l2Geometry(H, [1, 2, 3], 1)).toThrow(
      "plot.l2Geometry: wStar must have 2 entries, got shape [3]",
    );
    expect(() => plot.l2Geometry(H, wStar, -1)).toThrow(
      "plot.l2Geometry: alpha must be a finite number ≥ 0, got -1",
    );
  });
});
