// The library's kernel-side display code on a real tslab kernel: the shape inspector's queries
// (INSPECTOR_QUERY_CODE and previewQueryCode, which load gradbook/internal) find names declared
// across cells, print nothing and answer fast; show() and live plots publish whole MIME bundles.
// Needs dist/ built (`npm run build`), as the notebooks import the package by name. One kernel
// serves the file; the tests run in order.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { KernelClient, type ExecuteResult } from "../../src/kernel/kernel-client";
import { DisplayRegistry } from "../../src/kernel/output-collector";
import type { DisplayDataOutput } from "../../src/notebook";
import {
  INSPECTOR_QUERY_CODE,
  type InspectorBundle,
  MIME,
  previewQueryCode,
  type ShapesBundle,
  type TensorBundle,
} from "../../src/protocol";
import { CELL_MS, KERNEL_START_MS } from "../support/patience";

function displays(result: ExecuteResult): DisplayDataOutput[] {
  return result.outputs.filter(
    (output): output is DisplayDataOutput => output.output_type === "display_data",
  );
}

/** The `mime` part of the first display_data of an execution. */
function firstBundle<T>(result: ExecuteResult, mime: string): T {
  return displays(result)[0].data[mime] as unknown as T;
}

async function run(kernel: KernelClient, code: string): Promise<ExecuteResult> {
  const result = await kernel.execute(code, { timeoutMs: CELL_MS });
  if (result.status !== "ok")
    throw new Error(`cell failed (${result.status}): ${code}\n${result.errorText}`);
  return result;
}

describe("kernel-side display on a tslab kernel", () => {
  let kernel: KernelClient;

  beforeAll(async () => {
    kernel = await KernelClient.start({ cwd: __dirname, startTimeoutMs: KERNEL_START_MS });
    await run(kernel, 'import * as gb from "gradbook";\nconst X = gb.tensor([[1, 2], [3, 4]]);');
    await run(kernel, "let w = gb.zeros([3]);\nvar b = gb.ones([2, 5]);");
    await run(
      kernel,
      "const { W1, b1 } = { W1: gb.eye(3), b1: gb.tensor([1, NaN, Infinity]) };\nconst [first, second] = [gb.full([2], 7), 42];",
    );
    await run(
      kernel,
      'w = gb.ones([4, 1]);\nconst label = "not a tensor";\nconst sizes = [1, 2, 3];',
    );
    await run(
      kernel,
      "const fit = { W: gb.zeros([3, 1]), b: 0.5, labels: Int32Array.of(2, 0, 1) };",
    );
  });

  afterAll(async () => {
    await kernel?.shutdown();
  });

  test("the query lists tensors, numbers and arrays from every cell and kind of declaration, and the values inside objects", async () => {
    const result = await run(kernel, INSPECTOR_QUERY_CODE);
    const bundle = firstBundle<InspectorBundle>(result, MIME.inspector);
    expect(bundle.version).toBe(1);
    expect(bundle.tensors.map((entry) => [entry.name, entry.kind, entry.shape])).toEqual([
      ["X", "tensor", [2, 2]],
      ["w", "tensor", [4, 1]],
      ["b", "tensor", [2, 5]],
      ["W1", "tensor", [3, 3]],
      ["b1", "tensor", [3]],
      ["first", "tensor", [2]],
      ["second", "number", []],
      ["sizes", "array", [3]],
      ["fit.W", "tensor", [3, 1]],
      ["fit.b", "number", []],
      ["fit.labels", "typed-array", [3]],
    ]);
    expect(bundle.tensors.find((entry) => entry.name === "fit.labels")?.dtype).toBe("int32");
    expect(bundle.tensors.find((entry) => entry.name === "b1")).toEqual({
      name: "b1",
      kind: "tensor",
      shape: [3],
      dtype: "float64",
      size: 3,
      bytes: 24,
      min: 1,
      max: 1,
      mean: 1,
      nanCount: 1,
      infCount: 1,
    });
  });

  test("the query prints nothing: one display_data, no stream output", async () => {
    const result = await run(kernel, INSPECTOR_QUERY_CODE);
    expect(result.outputs).toHaveLength(1);
    expect(result.outputs[0].output_type).toBe("display_data");
    expect(Object.keys(displays(result)[0].data).sort()).toEqual(
      [MIME.inspector, "text/plain"].sort(),
    );
  });

  test("a cell that does not compile binds nothing; one that throws keeps what ran before", async () => {
    const untyped = await kernel.execute("const mistyped: string = gb.zeros([2]);");
    expect(untyped.status).toBe("error");
    // tslab runs a cell's statements in order: a tensor bound before the exception stays in
    // memory (and in the scope), though later cells cannot refer to it by name.
    const thrown = await kernel.execute(
      "const before = gb.zeros([2]);\nbefore.matmul(gb.zeros([3]));",
    );
    expect(thrown.status).toBe("error");
    const result = await run(kernel, INSPECTOR_QUERY_CODE);
    const names = firstBundle<InspectorBundle>(result, MIME.inspector).tensors.map((e) => e.name);
    expect(names).not.toContain("mistyped");
    expect(names).toContain("before");
  });

  // Its speed is measured by `npm run bench -- --filter inspector`, not asserted here.
  test("the query lists every tensor of a session with 100 of them", async () => {
    await run(
      kernel,
      "const many = gb.random(0);\n" +
        Array.from({ length: 100 }, (_, i) => `const t${i} = many.normal([40, 25]);`).join("\n"),
    );
    await run(kernel, INSPECTOR_QUERY_CODE);
    const result = await run(kernel, INSPECTOR_QUERY_CODE);
    const bundle = firstBundle<InspectorBundle>(result, MIME.inspector);
    expect(bundle.tensors.length).toBeGreaterThanOrEqual(106);
    expect(bundle.tensors.filter((entry) => /^t\d+$/.test(entry.name))).toHaveLength(100);
    expect(bundle.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  test("inspectTensor answers with one TensorBundle; an unknown name fails with a clear message", async () => {
    const result = await run(kernel, previewQueryCode("b", 1)!);
    const bundle = firstBundle<TensorBundle>(result, MIME.tensor);
    expect(bundle).toMatchObject({
      name: "b",
      shape: [2, 5],
      edgeItems: 1,
      preview: [
        [1, "...", 1],
        [1, "...", 1],
      ],
    });
    const nested = firstBundle<TensorBundle>(
      await run(kernel, previewQueryCode("fit.W", 3)!),
      MIME.tensor,
    );
    expect(nested).toMatchObject({ name: "fit.W", shape: [3, 1] });
    const missing = await kernel.execute(previewQueryCode("nope", 3)!);
    expect(missing.status).toBe("error");
    expect(missing.errorText).toContain(
      "inspectTensor: 'nope' is not defined in this notebook session",
    );
  });

  test("show publishes the whole bundle in one display_data and returns nothing", async () => {
    const result = await run(kernel, 'gb.show(X, "X")');
    expect(result.outputs).toHaveLength(1);
    const data = displays(result)[0].data;
    expect(Object.keys(data).sort()).toEqual([MIME.tensor, "text/html", "text/plain"].sort());
    expect(data["text/plain"]).toBe(
      "X: float64 [2, 2] · min 1 · max 4 · mean 2.5 · std 1.118\nTensor([[1, 2],\n        [3, 4]], shape=[2, 2])",
    );
  });

  test("a shape trace names the failing call and its operands from tslab's compiled cell", async () => {
    await run(kernel, "const xOne = gb.ones([5]);\nconst errorOne = gb.ones([3]);");
    const result = await run(kernel, "gb.show(gb.traceShapes(() => xOne.matmul(errorOne)));");
    const bundle = firstBundle<ShapesBundle>(result, MIME.shapes);
    expect(bundle.ops.at(-1)).toMatchObject({
      op: "matmul",
      output: null,
      source: "xOne.matmul(errorOne)",
      operands: ["xOne", "errorOne"],
    });
    expect(displays(result)[0].data["text/plain"]).toContain(
      "in xOne.matmul(errorOne): xOne [5] @ errorOne [3]",
    );
  });

  test("a live figure is redrawn in place through update_display_data", async () => {
    const registry = new DisplayRegistry();
    const result = await kernel.execute(
      "const live = gb.plot.liveFigure(gb.plot.lossCurve([1]), { minIntervalMs: 0 });\nlive.update(gb.plot.lossCurve([1, 0.5]));",
      { displays: registry, timeoutMs: CELL_MS },
    );
    expect(result.status).toBe("ok");
    const shown = displays(result);
    expect(shown).toHaveLength(1);
    const figure = shown[0].data[MIME.plotly] as { data: { y: number[] }[] };
    expect(figure.data[0].y).toEqual([1, 0.5]);
  });
});
