import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  inspectorBundle,
  inspectSession,
  inspectTensor,
} from "../../../src/display/inspect-session";
import { type DisplayContent, useDisplayWriter } from "../../../src/display/mime-output";
import { MIME, type InspectorBundle, type TensorBundle } from "../../../src/protocol";
import { random, Tensor, tensor } from "../../../src/tensor";

type Global = { __tslab__?: { exports: Record<string, unknown> } };

describe("the inspector (tslab's scope simulated)", () => {
  const sent: DisplayContent[] = [];
  let restoreWriter: ReturnType<typeof useDisplayWriter>;
  beforeEach(() => {
    sent.length = 0;
    restoreWriter = useDisplayWriter((content) => sent.push(content));
    (globalThis as Global).__tslab__ = {
      exports: {
        X: tensor([
          [1, 2],
          [3, NaN],
        ]),
        notTensor: ["a", "b"],
        gb: { tensor },
        tsLastExpr: tensor([9]),
        // A tensor from another copy of the library: same storage fields, another class.
        foreign: { data: new Float64Array([5, -Infinity]), shape: [2], strides: [1], offset: 0 },
        view: tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]).T,
      },
    };
  });
  afterEach(() => {
    delete (globalThis as Global).__tslab__;
    useDisplayWriter(restoreWriter);
  });

  it("lists the tensors among the session's names, in declaration order", () => {
    const bundle = inspectorBundle();
    expect(bundle.tensors).toEqual([
      {
        name: "X",
        kind: "tensor",
        shape: [2, 2],
        dtype: "float64",
        size: 4,
        bytes: 32,
        min: 1,
        max: 3,
        mean: 2,
        nanCount: 1,
        infCount: 0,
      },
      {
        name: "foreign",
        kind: "tensor",
        shape: [2],
        dtype: "float64",
        size: 2,
        bytes: 16,
        min: 5,
        max: 5,
        mean: 5,
        nanCount: 0,
        infCount: 1,
      },
      {
        name: "view",
        kind: "tensor",
        shape: [3, 2],
        dtype: "float64",
        size: 6,
        bytes: 48,
        min: 1,
        max: 6,
        mean: 3.5,
        nanCount: 0,
        infCount: 0,
      },
    ]);
    expect(bundle.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it("inspectSession emits one inspector bundle with a text/plain table and returns undefined", () => {
    expect(inspectSession()).toBeUndefined();
    expect(sent).toHaveLength(1);
    const data = sent[0].data;
    expect((data[MIME.inspector] as InspectorBundle).tensors.map((entry) => entry.name)).toEqual([
      "X",
      "foreign",
      "view",
    ]);
    expect(data["text/plain"].split("\n")[0]).toBe("gradbook session: 3 tensors");
  });

  it("inspectTensor emits one tensor's bundle and names what it cannot find", () => {
    inspectTensor("view", { edgeItems: 1 });
    const bundle = sent[0].data[MIME.tensor] as TensorBundle;
    expect(bundle).toMatchObject({
      name: "view",
      shape: [3, 2],
      edgeItems: 1,
      preview: [[1, 4], "...", [3, 6]],
    });
    expect(() => inspectTensor("notTensor")).toThrow(
      "inspectTensor: 'notTensor' is not a tensor, a number or an array of numbers in this notebook session",
    );
    expect(() => inspectTensor("missing")).toThrow(
      "inspectTensor: 'missing' is not defined in this notebook session",
    );
  });

  it("lists numbers, typed arrays, arrays of numbers and the values inside plain objects", () => {
    const labels = Int32Array.of(0, 2, 1, 2);
    const fit = { W: tensor([[1, 2]]), b: 0.5, history: [3, 2, 1], note: "fitted" };
    const scope: Record<string, unknown> = {
      m: 20,
      labels,
      fit,
      params: [tensor([1]), { w: tensor([2, 3]) }],
      "odd key": { "learning rate": 0.1 },
      net: { layer: { W: tensor([4]), deeper: { W: tensor([5]) } } },
      rng: random(0),
      predict: (x: number) => x,
      gb: { __esModule: true, pi: 3.14 },
    };
    const entries = inspectorBundle(scope).tensors;
    expect(entries.map((entry) => entry.name)).toEqual([
      "m",
      "labels",
      "fit.W",
      "fit.b",
      "fit.history",
      "params[0]",
      "params[1].w",
      'odd key["learning rate"]',
      "net.layer.W",
    ]);
    expect(entries[0]).toEqual({
      name: "m",
      kind: "number",
      shape: [],
      dtype: "number",
      size: 1,
      bytes: 8,
      min: 20,
      max: 20,
      mean: 20,
      nanCount: 0,
      infCount: 0,
    });
    expect(entries[1]).toMatchObject({
      kind: "typed-array",
      shape: [4],
      dtype: "int32",
      bytes: 16,
      min: 0,
      max: 2,
      mean: 1.25,
    });
    expect(entries[4]).toMatchObject({ kind: "array", shape: [3], dtype: "number", bytes: 24 });
    expect(entries[2]).toMatchObject({ kind: "tensor", shape: [1, 2] });
  });

  it("counts what it leaves out of a long container, and never reads a getter", () => {
    let read = false;
    const scope = {
      many: Object.fromEntries(Array.from({ length: 105 }, (_, i) => [`t${i}`, tensor([i])])),
      lazy: {
        get W() {
          read = true;
          return tensor([1]);
        },
      },
    };
    const bundle = inspectorBundle(scope);
    expect(bundle.tensors).toHaveLength(100);
    expect(bundle.omitted).toBe(5);
    expect(read).toBe(false);
  });

  it("previews a value by its path: a nested tensor, a typed array, a number", () => {
    (globalThis as Global).__tslab__ = {
      exports: { fit: { W: tensor([[1, 2]]), labels: Int32Array.of(1, 0) }, lr: 0.5 },
    };
    inspectTensor("fit.W");
    inspectTensor("fit.labels");
    inspectTensor("lr");
    const bundles = sent.map((content) => content.data[MIME.tensor] as TensorBundle);
    expect(bundles.map((bundle) => [bundle.name, bundle.shape, bundle.preview])).toEqual([
      ["fit.W", [1, 2], [[1, 2]]],
      ["fit.labels", [2], [1, 0]],
      ["lr", [], 0.5],
    ]);
    expect(() => inspectTensor("fit.missing")).toThrow(
      "inspectTensor: 'fit.missing' is not defined in this notebook session",
    );
    expect(() => inspectTensor("fit.constructor")).toThrow("is not defined");
  });

  it("finds no tensors outside tslab", () => {
    delete (globalThis as Global).__tslab__;
    expect(inspectorBundle().tensors).toEqual([]);
  });

  it("reads any scope it is given, and the stats of every tensor in it", () => {
    const rng = random(0);
    const scope: Record<string, Tensor> = {};
    for (let i = 0; i < 100; i++) scope[`t${i}`] = rng.normal([50, 20]);
    const bundle = inspectorBundle(scope);
    expect(bundle.tensors.map((entry) => entry.name)).toEqual(Object.keys(scope));
    const t7 = scope.t7;
    expect(bundle.tensors[7]).toMatchObject({
      min: t7.min().item(),
      max: t7.max().item(),
      mean: expect.closeTo(t7.mean().item(), 14),
    });
  });
});
