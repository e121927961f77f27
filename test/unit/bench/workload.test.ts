import { describe, expect, it } from "vitest";
import { benchValues } from "../../../bench/workload";

describe("benchValues (the benchmark's inputs, shared with bench/numpy_worker.py)", () => {
  it("matches numpy_worker.bench_values bit for bit", () => {
    // Oracle: bench_values(1000003, 0) and bench_values(10, 2) from numpy_worker.py (numpy 2.4).
    const first = benchValues(1000003, 0);
    expect([...first.subarray(0, 4)]).toEqual([
      0.2164021828211844, 0.10016382159665227, -0.7345444830134511, -0.9850658089853823,
    ]);
    expect(first[1000002]).toBe(-0.27175783598795533);
    let sum = 0;
    for (const value of first) sum += value;
    expect(sum).toBe(1406.4451649221592);
    expect([...benchValues(10, 2).subarray(0, 3)]).toEqual([
      -0.7760964594781399, -0.18428853061050177, -0.13976202718913555,
    ]);
  });

  it("stays in [-1, 1) and differs between inputs", () => {
    const a = benchValues(5000, 0);
    const b = benchValues(5000, 1);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a)).toBeLessThan(1);
    expect(a.some((value, i) => value !== b[i])).toBe(true);
  });
});
