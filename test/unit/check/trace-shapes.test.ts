import { describe, expect, it } from "vitest";
import { ShapeTrace, traceShapes } from "../../../src/check";
import {
  type OpRecord,
  ShapeError,
  recordOp,
  setRecorder,
  tensor,
  zeros,
} from "../../../src/tensor";
import { einsum } from "../../../src/tensor/einsum";
import { recorder } from "../../../src/tensor/trace-hook";

describe("traceShapes", () => {
  const X = zeros([4, 3]);
  const W = zeros([3, 2]);
  const b = zeros([2]);
  const G = zeros([4, 5]);
  const square = zeros([2, 2]);
  const column = zeros([4]);
  const wide = zeros([4, 2]);

  it("records ops with operand shapes, results and broadcasts", () => {
    const trace = traceShapes(() => X.matmul(W).add(b).sum(0));
    expect(trace).toBeInstanceOf(ShapeTrace);
    expect(trace.ok).toBe(true);
    expect(trace.value?.shape).toEqual([2]);
    expect(trace.ops).toEqual([
      {
        op: "matmul",
        inputs: [
          [4, 3],
          [3, 2],
        ],
        output: [4, 2],
        detail: { m: 4, k: 3, n: 2 },
        source: "X.matmul(W)",
        operands: ["X", "W"],
      },
      {
        op: "add",
        inputs: [[4, 2], [2]],
        output: [4, 2],
        broadcast: [4, 2],
        source: "X.matmul(W).add(b)",
        operands: ["X.matmul(W)", "b"],
      },
      {
        op: "sum",
        inputs: [[4, 2]],
        output: [2],
        detail: { axis: 0 },
        source: "X.matmul(W).add(b).sum(0)",
        operands: ["X.matmul(W).add(b)"],
      },
    ]);
    expect(trace.droppedOps).toBe(0);
  });

  it("records einsum's spec and the size of each letter", () => {
    const trace = traceShapes(() => einsum("ni,nk->ik", X, G));
    expect(trace.ops).toEqual([
      {
        op: "einsum",
        inputs: [
          [4, 3],
          [4, 5],
        ],
        output: [3, 5],
        detail: { spec: "ni,nk->ik", n: 4, i: 3, k: 5 },
        source: 'einsum("ni,nk->ik", X, G)',
        operands: ["X", "G"],
      },
    ]);
  });

  it("ends at a failing matmul, keeps the ShapeError and never throws", () => {
    const trace = traceShapes(() => {
      const h = X.add(1);
      return h.matmul(square);
    });
    expect(trace.ok).toBe(false);
    expect(trace.error).toBeInstanceOf(ShapeError);
    expect(trace.value).toBeUndefined();
    expect(trace.ops.map((op) => op.op)).toEqual(["add", "matmul"]);
    expect(trace.failedOp).toEqual({
      op: "matmul",
      inputs: [
        [4, 3],
        [2, 2],
      ],
      output: null,
      source: "h.matmul(square)",
      operands: ["h", "square"],
    });
    expect(trace.error).toMatchObject({ op: "matmul", operand: 1, axis: 0 });
    expect(trace.toString()).toContain("ShapeError: matmul: [4, 3] @ [2, 2]");
    expect(trace.toString()).toContain("(operand 1, axis 0)");
    expect(trace.toString()).toContain("in h.matmul(square): h [4, 3] @ square [2, 2]");
  });

  it("ends at a failing broadcast and a failing einsum", () => {
    const broadcast = traceShapes(() => X.add(column));
    expect(broadcast.failedOp).toEqual({
      op: "add",
      inputs: [[4, 3], [4]],
      output: null,
      source: "X.add(column)",
      operands: ["X", "column"],
    });
    expect(broadcast.error?.message).toMatch(/^add: \[4, 3\], \[4\]/);
    const contraction = traceShapes(() => einsum("ij,jk->ik", X, wide));
    expect(contraction.failedOp).toEqual({
      op: "einsum",
      inputs: [
        [4, 3],
        [4, 2],
      ],
      output: null,
      detail: { spec: "ij,jk->ik" },
      source: 'einsum("ij,jk->ik", X, wide)',
      operands: ["X", "wide"],
    });
    expect(contraction.error).toMatchObject({ operand: 1, axis: 0 });
    expect(contraction.error?.message).toContain(
      "index j is 3 in operand 0 (axis 1) but 4 in operand 1 (axis 0)",
    );
  });

  it("keeps other errors apart from shape errors", () => {
    const trace = traceShapes(() => {
      X.add(1);
      throw new TypeError("not a shape problem");
    });
    expect(trace.error).toBeUndefined();
    expect(trace.otherError).toBeInstanceOf(TypeError);
    expect(trace.ops).toHaveLength(1);
    const thrownString = traceShapes(() => {
      throw "plain string";
    });
    expect(thrownString.otherError?.message).toBe("plain string");
  });

  it("keeps at most maxOps ops and counts the rest", () => {
    const trace = traceShapes(
      () => {
        for (let i = 0; i < 25; i++) b.add(1);
      },
      { maxOps: 10 },
    );
    expect(trace.ops).toHaveLength(10);
    expect(trace.droppedOps).toBe(15);
    expect(trace.toString()).toMatch(/^shape trace: 10 ops \(\+15 not kept\)/);
  });

  it("appends the failing op even past the limit", () => {
    const trace = traceShapes(
      () => {
        b.add(1);
        b.add(1);
        return X.matmul(X);
      },
      { maxOps: 1 },
    );
    expect(trace.ops.map((op) => op.output)).toEqual([[2], null]);
    expect(trace.droppedOps).toBe(1);
  });

  it("nests, restores the previous recorder, and costs nothing outside a trace", () => {
    const seen: OpRecord[] = [];
    const previous = setRecorder((record) => seen.push(record));
    try {
      const outer = traceShapes(() => {
        X.add(1);
        const inner = traceShapes(() => X.mul(2));
        expect(inner.ops.map((op) => op.op)).toEqual(["mul"]);
        return X.sub(1);
      });
      expect(outer.ops.map((op) => op.op)).toEqual(["add", "mul", "sub"]);
      expect(seen.map((record) => record.op)).toEqual(["add", "mul", "sub"]);
    } finally {
      setRecorder(previous);
    }
    expect(recorder).toBeNull();
    traceShapes(() => X.matmul(W));
    expect(recorder).toBeNull();
    // Outside a trace recordOp has nobody to call.
    expect(() => recordOp({ op: "noop", inputs: [], output: [] })).not.toThrow();
  });

  it("copies shapes so later changes cannot reach the trace", () => {
    const shape = [3];
    const trace = traceShapes(() => recordOp({ op: "custom", inputs: [shape], output: shape }));
    shape[0] = 99;
    expect(trace.ops[0]).toEqual({ op: "custom", inputs: [[3]], output: [3] });
  });

  it("validates its arguments", () => {
    expect(() => traceShapes(() => 1, { maxOps: -1 })).toThrow(
      "traceShapes: option maxOps must be an integer ≥ 0, got -1",
    );
    expect(() => traceShapes(tensor as unknown as () => number)).not.toThrow();
  });
});
