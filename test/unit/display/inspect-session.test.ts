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
        notTensor: [1, 2, 3],
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
      "inspectTensor: 'notTensor' is not a tensor in this notebook session",
    );
    expect(() => inspectTensor("missing")).toThrow(
      "inspectTensor: 'missing' is not defined in this notebook session",
    );
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
