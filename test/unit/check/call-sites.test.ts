// Naming the operands of a shape trace from the traced function's source, as tslab compiles it
// (names of earlier cells read exports.x, imported functions (0, gradbook_1.f)), and falling
// back to plain shapes whenever the match between calls and recorded ops is not certain.
import { afterEach, describe, expect, it } from "vitest";
import { callSites, nameOperands, readableSource } from "../../../src/check/call-sites";
import type { TraceOp } from "../../../src/protocol";
import { formatCall } from "../../../src/protocol";

const op = (name: string, inputs: number[][], output: number[] | null = [1]): TraceOp => ({
  op: name,
  inputs,
  output,
});

describe("the calls of a traced function's source", () => {
  afterEach(() => {
    delete (globalThis as { __tslab__?: unknown }).__tslab__;
  });

  it("names the failing matmul and its operands in tslab's compiled code", () => {
    const ops = nameOperands(
      [op("matmul", [[5], [3]], null)],
      "() => exports.xOne.matmul(exports.errorOne)",
    );
    expect(ops[0]).toMatchObject({
      source: "xOne.matmul(errorOne)",
      operands: ["xOne", "errorOne"],
    });
    expect(formatCall(ops[0])).toBe("xOne [5] @ errorOne [3]");
  });

  it("reads functions of a module as taking every operand as an argument", () => {
    const sources = [
      "() => (0, gradbook_1.matmul)(exports.A, exports.B)",
      "() => exports.gb.matmul(exports.A, exports.B)",
      "() => gb.matmul(A, B)",
    ];
    for (const source of sources)
      expect(nameOperands([op("matmul", [[2], [3]])], source)[0].operands, source).toEqual([
        "A",
        "B",
      ]);
    (globalThis as { __tslab__?: unknown }).__tslab__ = {
      exports: { np: { __esModule: true } },
    };
    expect(
      nameOperands([op("matmul", [[2], [3]])], "() => exports.np.matmul(exports.A, exports.B)")[0]
        .operands,
    ).toEqual(["A", "B"]);
    expect(callSites("() => gb.linalg.inv(A)")).toMatchObject([
      { op: "linalg.inv", operands: ["A"], isMethod: false },
    ]);
  });

  it("orders calls as JavaScript runs them and names operands by the expression that made them", () => {
    const source = "function (X) { const h = X.T.matmul(W).add(b); return gb.sum(h, 0); }";
    expect(callSites(source)?.map((site) => [site.op, site.source])).toEqual([
      ["transpose", "X.T"],
      ["matmul", "X.T.matmul(W)"],
      ["add", "X.T.matmul(W).add(b)"],
      ["sum", "gb.sum(h, 0)"],
    ]);
    const ops = nameOperands(
      [
        op("transpose", [[3, 4]]),
        op("matmul", [
          [4, 3],
          [3, 2],
        ]),
        op("add", [[4, 2], [2]]),
        op("sum", [[4, 2]]),
      ],
      source,
    );
    expect(ops.map((entry) => entry.operands)).toEqual([
      ["X"],
      ["X.T", "W"],
      ["X.T.matmul(W)", "b"],
      ["h"],
    ]);
    expect(formatCall(ops[3])).toBe("sum(h [4, 2])");
  });

  it("skips einsum's spec and ignores calls that are not tensor ops", () => {
    const source = "() => Math.max(1, 2) + einsum('ij,jk->ik', A, B).sum().item()";
    const ops = nameOperands(
      [
        op("einsum", [
          [2, 3],
          [3, 4],
        ]),
        op("sum", [[2, 4]]),
      ],
      source,
    );
    expect(ops[0].operands).toEqual(["A", "B"]);
    expect(ops[1].operands).toEqual(["einsum('ij,jk->ik', A, B)"]);
  });

  it("keeps plain shapes when the calls and the ops do not match for sure", () => {
    const loop = "() => { for (let i = 0; i < 3; i++) X.add(1); }";
    const ranThrice = [op("add", [[2], []]), op("add", [[2], []]), op("add", [[2], []])];
    expect(nameOperands(ranThrice, loop).every((entry) => entry.source === undefined)).toBe(true);
    // A helper's matmul runs before the one in the source: two ops, one call.
    const helper = "() => predict(X).matmul(W)";
    const two = nameOperands(
      [
        op("matmul", [
          [2, 2],
          [2, 2],
        ]),
        op(
          "matmul",
          [
            [2, 2],
            [2, 3],
          ],
          null,
        ),
      ],
      helper,
    );
    expect(two.map((entry) => entry.source)).toEqual([undefined, undefined]);
    // A nested function's call runs when it is called, not where it is written.
    const nested = "() => { const f = () => A.matmul(B); return C.matmul(D).add(f()); }";
    const three = nameOperands(
      [op("matmul", [[1]]), op("matmul", [[1]]), op("add", [[1], [1]])],
      nested,
    );
    expect(three.map((entry) => entry.source)).toEqual([
      undefined,
      undefined,
      "C.matmul(D).add(f())",
    ]);
    expect(
      nameOperands([op("add", [[1]])], "function () { [native code] }")[0].source,
    ).toBeUndefined();
  });

  it("writes long or multi-line calls on one short line", () => {
    expect(readableSource("exports.A\n    .matmul(exports.B)")).toBe("A.matmul(B)");
    expect(readableSource(`f(${"x".repeat(100)})`)).toHaveLength(80);
  });
});
