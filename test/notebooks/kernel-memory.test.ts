// A kernel that computes with tensors for a while keeps its memory bounded (issue 15): a loop of
// 1000 ops, each leaving a fresh result of 8–16 MB for the collector, must not grow the
// kernel's resident memory beyond twice its working set (the kernel with the inputs and one
// result of each op). What could break it is the malloc configuration kernels start with
// (src/kernel/malloc-tunables.ts), which keeps freed results for reuse instead of returning
// them to the system. The kernel is started as `gradbook run` starts it. Needs dist/ built.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { KernelClient } from "../../src/kernel/kernel-client";
import { residentBytes } from "../../src/kernel/process-tree";

const MiB = 1024 ** 2;

const SETUP = `
import * as gb from "gradbook";
const x = gb.random(0).normal([1000000]);
const X = gb.random(1).normal([20000, 100]);
const b = gb.random(2).normal([100]);
const labels = Int32Array.from({ length: 100000 }, (_, i) => i % 10);
const ops = [
  () => gb.mul(x, 0.5),
  () => gb.exp(x),
  () => gb.add(X, b),
  () => gb.addBias(X),
  () => gb.where(gb.greater(x, 0), x, 0),
  () => gb.softmax(X),
  () => gb.oneHot(labels, 10),
  () => gb.concat([X, X], 0),
  () => gb.sum(X, 0),
  () => X.T.clone(),
];
let kept = 0;
for (const op of ops) kept += op().size;
`;

const LOOP = `
for (let i = 0; i < 1000; i++) kept += ops[i % ops.length]().size;
`;

describe("kernel memory under a loop of tensor ops", () => {
  let kernel: KernelClient;

  beforeAll(async () => {
    // No real cap: the memory watch only records the peak, every 50 ms.
    kernel = await KernelClient.start({
      cwd: __dirname,
      memoryCapBytes: 64 * 1024 * MiB,
      memoryPollMs: 50,
    });
  });

  afterAll(async () => {
    await kernel?.shutdown();
  });

  test("1000 ops keep resident memory within twice the working set", async () => {
    const setup = await kernel.execute(SETUP, { timeoutMs: 120_000 });
    expect(setup.status, setup.errorText).toBe("ok");
    const workingSet = residentBytes(kernel.pid);
    const loop = await kernel.execute(LOOP, { timeoutMs: 240_000 });
    expect(loop.status, loop.errorText).toBe("ok");
    const after = residentBytes(kernel.pid);
    const peak = Math.max(kernel.peakMemoryBytes, after);
    console.log(
      `kernel resident memory: working set ${Math.round(workingSet / MiB)} MiB, ` +
        `peak ${Math.round(peak / MiB)} MiB, after 1000 ops ${Math.round(after / MiB)} MiB`,
    );
    expect(workingSet).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2 * workingSet);
  });
});
