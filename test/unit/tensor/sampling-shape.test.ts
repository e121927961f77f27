import { describe, expect, it } from "vitest";
import { random } from "../../../src/tensor";

describe("normal and uniform called in numpy's order", () => {
  it("refuse a bare number as the shape, showing gradbook's signature and the fix", () => {
    expect(() => random(0).normal(0, 1)).toThrow(
      "normal: the shape comes first, normal(shape, mean = 0, std = 1), and must be an array: " +
        "normal(0, …) reads as numpy's order normal(mean, std, size) too, which means something else. " +
        "Write normal([], 0, 1) for one sample with mean 0 and std 1, normal([n], 0, 1) for n of them",
    );
    expect(() => random(0).uniform(-1, 1)).toThrow(
      "Write uniform([], -1, 1) for one sample with low -1 and high 1, uniform([n], -1, 1) for n of them",
    );
    expect(() => random(0).normal(5)).toThrow(", normal([5]) for 5 samples");
  });

  it("translate numpy's call with a size into gradbook's order", () => {
    const numpyCall = () => (random(0).normal as (...args: unknown[]) => unknown)(0, 1, [3]);
    expect(numpyCall).toThrow("Write normal([3], 0, 1)");
  });

  it("still draw with the shape first", () => {
    expect(random(0).normal([], 0, 1).shape).toEqual([]);
    expect(random(0).uniform([3], -1, 1).shape).toEqual([3]);
  });
});
