/**
 * How the gradbook side of a sample is timed, as source text: the harness evaluates it in its
 * own process (plain Node) and sends the same text to a tslab kernel (bench/kernel-side.ts), so
 * both sides are measured by the same code. Plain JavaScript that tslab also compiles as
 * TypeScript (its compiler is not strict).
 */
export const TIMING_SOURCE = `
/** Milliseconds per call of fn over loops calls in a row, wall-clock or process CPU time. */
function timeLoops(fn, loops, cpu) {
  const start = cpu ? process.cpuUsage() : null;
  const wall = performance.now();
  for (let i = 0; i < loops; i++) fn();
  if (start === null) return (performance.now() - wall) / loops;
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / loops;
}

/**
 * How many calls make a sample last minMs. A call that takes that long alone runs once.
 * Shorter ones are counted up by doubling, as Python's timeit does: a quick call timed once,
 * cold, is still running unoptimized code (an add on [4] took 20 µs the second time and 0.2 µs
 * once V8 had optimized it), so a count derived from it made samples of cold code.
 */
function calibrateLoops(fn, onceMs, cpu, minMs) {
  if (onceMs >= minMs) return 1;
  let loops = Math.max(1, Math.ceil(minMs / onceMs));
  for (let round = 0; round < 30; round++) {
    const perCall = timeLoops(fn, loops, cpu);
    if (perCall * loops >= minMs) return loops;
    loops = Math.ceil(Math.max(2 * loops, (1.2 * minMs) / Math.max(perCall, 1e-9)));
  }
  return loops;
}
`;

/** The functions of TIMING_SOURCE. */
export interface Timing {
  timeLoops(fn: () => unknown, loops: number, cpu: boolean): number;
  calibrateLoops(fn: () => unknown, onceMs: number, cpu: boolean, minMs: number): number;
}

/** TIMING_SOURCE evaluated in this process. */
export const timing = new Function(
  `${TIMING_SOURCE}\nreturn { timeLoops, calibrateLoops };`,
)() as Timing;
