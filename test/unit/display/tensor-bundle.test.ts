import { describe, expect, it } from "vitest";
import { MIME, type TensorBundle } from "../../../src/protocol";
import { tensorBundle, tensorMime } from "../../../src/display/tensor-bundle";
import { tensorStats } from "../../../src/display/tensor-stats";
import { arange, tensor, zeros } from "../../../src/tensor";

describe("tensor stats", () => {
  it("summarize the finite entries and count NaN and ±Infinity (numpy oracle)", () => {
    const x = tensor([
      [1.5, -2, NaN],
      [Infinity, 0.25, 3],
    ]);
    // numpy: f = x[np.isfinite(x)]; f.min(), f.max(), f.mean(), f.std()
    expect(tensorStats(x)).toEqual({
      min: -2,
      max: 3,
      mean: 0.6875,
      std: expect.closeTo(1.8317938612191056, 14),
      nanCount: 1,
      infCount: 1,
    });
  });

  it("are the same for a strided view as for its copy", () => {
    const x = arange(24).reshape(4, 6).T.slice([1, 5, 2]);
    expect(tensorStats(x)).toEqual(tensorStats(x.clone()));
    expect(tensorStats(x)?.min).toBe(1);
  });

  it("are null for an empty tensor and have null values without finite entries", () => {
    expect(tensorStats(zeros([0, 3]))).toBeNull();
    expect(tensorStats(tensor([NaN, -Infinity]))).toEqual({
      min: null,
      max: null,
      mean: null,
      std: null,
      nanCount: 1,
      infCount: 1,
    });
  });
});

describe("tensorBundle", () => {
  it("previews long axes numpy-style and encodes non-finite numbers as strings", () => {
    const values = [0, NaN, 2, 3, 4, 5, 6, 7, Infinity, -Infinity];
    const bundle = tensorBundle(tensor(values), { name: "v" });
    expect(bundle).toEqual({
      version: 1,
      name: "v",
      shape: [10],
      dtype: "float64",
      size: 10,
      stats: expect.objectContaining({ nanCount: 1, infCount: 2, min: 0, max: 7 }),
      edgeItems: 3,
      preview: [0, "NaN", 2, "...", 7, "Infinity", "-Infinity"],
    });
    const json = JSON.parse(JSON.stringify(bundle)) as TensorBundle;
    expect(json).toEqual(bundle);
  });

  it("keeps short axes whole, previews a 0-d tensor as a number, honours edgeItems", () => {
    expect(tensorBundle(arange(24).reshape(2, 3, 4)).preview).toEqual(
      arange(24).reshape(2, 3, 4).toArray(),
    );
    expect(tensorBundle(tensor(2.5)).preview).toBe(2.5);
    expect(tensorBundle(arange(10), { edgeItems: 1 }).preview).toEqual([0, "...", 9]);
    expect(() => tensorBundle(arange(3), { edgeItems: 0 })).toThrow(
      "tensorBundle: option edgeItems must be an integer ≥ 1, got 0",
    );
  });

  it("elides rows and columns of a large matrix", () => {
    const preview = tensorBundle(arange(150 * 8).reshape(150, 8)).preview as unknown[];
    expect(preview).toHaveLength(7);
    expect(preview[3]).toBe("...");
    expect(preview[0]).toEqual([0, 1, 2, "...", 5, 6, 7]);
    expect(preview[6]).toEqual([1192, 1193, 1194, "...", 1197, 1198, 1199]);
  });

  it("gives a matrix a heatmap of block means, at most 32 a side", () => {
    const x = arange(600).reshape(150, 4);
    const heatmap = tensorBundle(x).heatmap;
    expect(heatmap).toMatchObject({ rows: 30, cols: 4, rowStep: 5, colStep: 1 });
    // Block (0, 1) averages rows 0–4 of column 1: 1, 5, 9, 13, 17.
    expect(heatmap?.values[1]).toBe(9);
    const tall = tensorBundle(zeros([1000, 70])).heatmap;
    expect(tall).toMatchObject({ rows: 32, cols: 24, rowStep: 32, colStep: 3 });
    const holes = tensorBundle(tensor([[NaN, 1]])).heatmap;
    expect(holes?.values).toEqual([null, 1]);
    expect(tensorBundle(arange(3)).heatmap).toBeUndefined();
  });
});

describe("tensorMime", () => {
  it("carries text/plain, text/html and the tensor JSON", () => {
    const bundle = tensorMime(
      tensor([
        [1, 2],
        [3, 4],
      ]),
      { name: "X" },
    );
    expect(Object.keys(bundle).sort()).toEqual([MIME.tensor, "text/html", "text/plain"].sort());
    expect(bundle["text/plain"]).toBe(
      "X: float64 [2, 2] · min 1 · max 4 · mean 2.5 · std 1.118\nTensor([[1, 2],\n        [3, 4]], shape=[2, 2])",
    );
    expect(bundle["text/html"]).toBe(
      "<p>X: float64 [2, 2] · min 1 · max 4 · mean 2.5 · std 1.118</p><table><tbody><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></tbody></table>",
    );
  });

  it("says what is not finite and shows 3-D tensors as text", () => {
    const plain = tensorMime(tensor([NaN, Infinity, 1]))["text/plain"];
    expect(plain.split("\n")[0]).toBe(
      "float64 [3] · min 1 · max 1 · mean 1 · std 0 · 1 NaN · 1 Inf",
    );
    const cube = tensorMime(arange(8).reshape(2, 2, 2));
    expect(cube["text/html"]).toContain("<pre>Tensor([[[0, 1],");
    expect(tensorMime(zeros([0]))["text/plain"]).toBe("float64 [0] · empty\nTensor([], shape=[0])");
  });
});
