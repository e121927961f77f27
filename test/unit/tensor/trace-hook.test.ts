import { afterEach, describe, expect, it } from "vitest";
import * as gb from "../../../src/tensor";
import { type OpRecord, setRecorder, tensor } from "../../../src/tensor";
import { recorded } from "../../../src/tensor/trace-hook";

function trace(fn: () => void): OpRecord[] {
  const records: OpRecord[] = [];
  const previous = setRecorder((r) => records.push(r));
  try {
    fn();
  } finally {
    setRecorder(previous);
  }
  return records;
}

describe("trace hook", () => {
  afterEach(() => setRecorder(null));

  it("setRecorder returns the previous recorder", () => {
    const first = () => undefined;
    expect(setRecorder(first)).toBeNull();
    expect(setRecorder(null)).toBe(first);
  });

  it("records each public op once with operand and result shapes", () => {
    const X = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const records = trace(() => {
      const y = X.matmul([[1], [1], [1]]);
      y.add([10, 20]).sum(0);
      X.T.reshape(-1);
      gb.mean(X, 1, true);
      gb.mul(X, 2);
      X.slice(null, [0, 2]);
    });
    expect(records.map((r) => r.op)).toEqual([
      "matmul",
      "add",
      "sum",
      "transpose",
      "reshape",
      "mean",
      "mul",
      "slice",
    ]);
    expect(records[0]).toMatchObject({
      inputs: [
        [2, 3],
        [3, 1],
      ],
      output: [2, 1],
      detail: { m: 2, k: 3, n: 1 },
    });
    expect(records[1]).toMatchObject({ inputs: [[2, 1], [2]], output: [2, 2], broadcast: [2, 2] });
    expect(records[2]).toMatchObject({ inputs: [[2, 2]], output: [2], detail: { axis: 0 } });
    expect(records[5]).toMatchObject({ output: [2, 1], detail: { axis: 1, keepdims: 1 } });
    expect(records[6]).toMatchObject({ inputs: [[2, 3], []], output: [2, 3] });
    expect(records[6].broadcast).toBeUndefined();
    expect(records[7]).toMatchObject({ output: [2, 2], detail: { spec: "[:, 0:2]" } });
  });

  it("records creation, random and in-place ops", () => {
    const records = trace(() => {
      const w = gb.zeros([3]);
      gb.random(0).normal([2, 3]);
      gb.axpyInPlace(w, 1, [1, 2, 3]);
      gb.stack([w, w]);
    });
    expect(records.map((r) => [r.op, r.output])).toEqual([
      ["zeros", [3]],
      ["normal", [2, 3]],
      ["axpyInPlace", [3]],
      ["stack", [2, 3]],
    ]);
  });

  it("records nothing for an op that throws, and nothing when no recorder is set", () => {
    const [a, b] = [gb.zeros([2]), gb.zeros([3])];
    const records = trace(() => {
      expect(() => gb.add(a, b)).toThrow(gb.ShapeError);
    });
    expect(records).toEqual([]);
    expect(gb.add(1, 2).item()).toBe(3);
  });

  it("recorded returns the result and builds its extra only inside a trace", () => {
    const result = { shape: [2] };
    let built = 0;
    const extra = () => {
      built++;
      return { detail: { axis: 0 } };
    };
    expect(recorded("custom", [{ shape: [2, 3] }], result, extra)).toBe(result);
    expect(built).toBe(0);
    const records = trace(() => recorded("custom", [{ shape: [2, 3] }], result, extra));
    expect(built).toBe(1);
    expect(records).toEqual([{ op: "custom", inputs: [[2, 3]], output: [2], detail: { axis: 0 } }]);
  });

  it("records a broadcast for elementwise operands of other shapes, not for a number beside a tensor", () => {
    const X = gb.zeros([2, 3]);
    const one = tensor(1);
    const records = trace(() => {
      gb.add(X, 1);
      gb.add(1, X);
      gb.add(X, [1, 2, 3]);
      gb.add(X, one);
      gb.where(X, 1, [[2], [3]]);
      gb.addInPlace(X, [1, 2, 3]);
    });
    expect(records.map((r) => r.broadcast)).toEqual([
      undefined,
      undefined,
      [2, 3],
      [2, 3],
      [2, 3],
      undefined,
    ]);
    expect(records[5]).toEqual({ op: "addInPlace", inputs: [[2, 3], [3]], output: [2, 3] });
  });
});
