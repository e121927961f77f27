import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { broadcastShapes, ShapeError } from "../../../src/tensor";
import { arbBroadcastPair, arbShape, refBroadcast } from "./reference";

describe("broadcastShapes", () => {
  it("follows numpy's rules", () => {
    expect(
      broadcastShapes("add", [
        [5, 1, 3],
        [4, 3],
      ]),
    ).toEqual([5, 4, 3]);
    expect(broadcastShapes("add", [[], [2, 3]])).toEqual([2, 3]);
    expect(
      broadcastShapes("add", [
        [0, 1],
        [1, 4],
      ]),
    ).toEqual([0, 4]);
    expect(broadcastShapes("add", [[3, 1], [1], [2, 1, 5]])).toEqual([2, 3, 5]);
  });

  it("returns the first shape itself when all are equal", () => {
    const shape = [2, 3];
    expect(broadcastShapes("add", [shape, [2, 3]])).toBe(shape);
  });

  it("agrees with a naive reference on random shapes", () => {
    fc.assert(
      fc.property(fc.array(arbShape(4, 3), { minLength: 1, maxLength: 3 }), (shapes) => {
        const expected = refBroadcast(shapes);
        if (expected === null) expect(() => broadcastShapes("op", shapes)).toThrow(ShapeError);
        else expect(broadcastShapes("op", shapes)).toEqual(expected);
      }),
    );
    fc.assert(
      fc.property(arbBroadcastPair(), ([a, b]) => {
        expect(broadcastShapes("op", [a, b])).toEqual(refBroadcast([a, b]));
      }),
    );
  });

  it("names the op, the right-aligned shapes and the failing axis", () => {
    const error = (() => {
      try {
        broadcastShapes("add", [[2, 3], [4]]);
      } catch (e) {
        return e as ShapeError;
      }
      throw new Error("expected a ShapeError");
    })();
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      "add: [2, 3], [4]: cannot broadcast: aligned from the right as [2, 3] and [_, 4], axis 1 has sizes 3 and 4; each axis needs equal sizes, or 1",
    );
    expect(error.op).toBe("add");
    expect(error.shapes).toEqual([[2, 3], [4]]);
    expect(error.operand).toBe(1);
    expect(error.axis).toBe(0);
  });

  it("names both operands when there are more than two", () => {
    expect(() => broadcastShapes("where", [[2, 3], [], [5, 1, 4]])).toThrow(
      "where: [2, 3], [], [5, 1, 4]: cannot broadcast: aligned from the right as [_, 2, 3], [_, _, _] and [5, 1, 4], axis 2 has sizes 3 and 4 (operands 0 and 2); each axis needs equal sizes, or 1",
    );
    expect(() =>
      broadcastShapes("mul", [
        [3, 1],
        [1, 5],
        [2, 1],
      ]),
    ).toThrow("axis 0 has sizes 3 and 2 (operands 0 and 2)");
  });
});
