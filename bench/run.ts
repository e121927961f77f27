/**
 * `npm run bench`: times gradbook against numpy on the same machine and prints the ratio.
 *
 *   npm run bench [-- --filter matmul,gram] [--repeat 7] [--json] [--list] [--cpu]
 *
 * Workloads live in bench/workloads/*.ts, one file per topic; each exports
 * `workloads: Workload[]` (bench/workload.ts), and a new file is picked up with no change here:
 *
 *   export const workloads: Workload<{ a: Tensor; b: Tensor }>[] = [{
 *     name: "matmul 512",
 *     inputs: { A: [512, 512], B: [512, 512] },     // generated identically on both sides
 *     setup: ({ A, B }) => ({ a: tensor(A.data, A.shape), b: tensor(B.data, B.shape) }),
 *     gradbook: ({ a, b }) => matmul(a, b),           // timed; a returned tensor is checked
 *     numpy: { run: "A @ B" },                        // timed; `setup` (optional) is not
 *     flops: 2 * 512 ** 3,                            // optional: GFLOP/s columns
 *     target: 4,                                      // optional: the issue's max ratio
 *   }];
 *
 * How it measures: one Python worker (bench/numpy_worker.py; GRADBOOK_PYTHON, else the
 * project's .venv, else python3) runs numpy with one BLAS thread. Per workload both sides build
 * the same inputs, run once to warm up, compare results (max relative difference, default
 * tolerance 1e-9), pick a loop count so a sample lasts ≥ 50 ms, then alternate gradbook and
 * numpy samples `--repeat` times (default 5); the table shows medians. Times are wall-clock;
 * `--cpu` times process CPU time on both sides instead, which keeps a machine shared with other
 * work from counting its waits against either side. Progress goes to stderr,
 * the table (or with --json the results as JSON) to stdout. The exit code is 1 when a workload
 * fails or disagrees with numpy; missed targets are reported, not failed. The library is timed
 * as compiled into dist/ (bench/compiled-library.ts), as users run it.
 */
import "./compiled-library";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { defaultGemmBackend } from "../src/tensor/gemm/select";
import { type Strided, sizeOf, toContiguous } from "../src/tensor/strided";
import { type BenchResult, formatTable } from "./report";
import { type NumpyInfo, NumpyWorker, pythonExecutable } from "./numpy";
import { type BenchInput, type Workload, benchValues } from "./workload";

const ROOT = join(__dirname, "..");
const MIN_SAMPLE_MS = 50;

interface Options {
  filters: string[];
  repeat: number;
  json: boolean;
  list: boolean;
  cpu: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { filters: [], repeat: 5, json: false, list: false, cpu: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--json") options.json = true;
    else if (arg === "--list") options.list = true;
    else if (arg === "--cpu") options.cpu = true;
    else if (arg === "--filter") options.filters.push(...value().toLowerCase().split(","));
    else if (arg === "--repeat") {
      options.repeat = Number(value());
      if (!Number.isInteger(options.repeat) || options.repeat < 1) {
        throw new Error(`--repeat must be a positive integer, got ${argv[i]}`);
      }
    } else
      throw new Error(
        `unknown option ${arg} (use --filter a,b  --repeat N  --json  --list  --cpu)`,
      );
  }
  return options;
}

interface Entry {
  file: string;
  workload: Workload;
}

async function loadWorkloads(filters: readonly string[]): Promise<Entry[]> {
  const folder = join(ROOT, "bench/workloads");
  const entries: Entry[] = [];
  for (const name of readdirSync(folder)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    const module = (await import(pathToFileURL(join(folder, name)).href)) as {
      workloads?: Workload[];
    };
    if (!Array.isArray(module.workloads))
      throw new Error(`bench/workloads/${name} exports no \`workloads\` array`);
    const file = name.replace(/\.ts$/, "");
    for (const workload of module.workloads) entries.push({ file, workload });
  }
  const matches = (e: Entry) =>
    filters.some((f) => `${e.file}/${e.workload.name}`.toLowerCase().includes(f));
  return filters.length === 0 ? entries : entries.filter(matches);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds per call of `fn` over `loops` calls in a row, wall-clock or process CPU time. */
function timeGradbook(fn: () => unknown, loops: number, cpu: boolean): number {
  const start = cpu ? process.cpuUsage() : null;
  const wall = performance.now();
  for (let i = 0; i < loops; i++) fn();
  if (start === null) return (performance.now() - wall) / loops;
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / loops;
}

/**
 * How many calls make a gradbook sample last MIN_SAMPLE_MS. A call that takes that long alone
 * runs once. Shorter ones are counted up by doubling, as Python's timeit does: a quick call
 * timed once, cold, is still running unoptimized code (an add on [4] took 20 µs the second time
 * and 0.2 µs once V8 had optimized it), so a count derived from it made samples of cold code.
 */
function calibrateLoops(fn: () => unknown, onceMs: number, cpu: boolean): number {
  if (onceMs >= MIN_SAMPLE_MS) return 1;
  let loops = Math.max(1, Math.ceil(MIN_SAMPLE_MS / onceMs));
  for (let round = 0; round < 30; round++) {
    const perCall = timeGradbook(fn, loops, cpu);
    if (perCall * loops >= MIN_SAMPLE_MS) return loops;
    loops = Math.ceil(Math.max(2 * loops, (1.2 * MIN_SAMPLE_MS) / Math.max(perCall, 1e-9)));
  }
  return loops;
}

/** A gradbook result as C-order values and shape, or null when it is not an array. */
function resultValues(value: unknown): { data: Float64Array; shape: readonly number[] } | null {
  if (value instanceof Float64Array) return { data: value, shape: [value.length] };
  const view = value as Partial<Strided> | null;
  if (
    view &&
    view.data instanceof Float64Array &&
    Array.isArray(view.shape) &&
    Array.isArray(view.strides)
  ) {
    return { data: toContiguous(view as Strided), shape: view.shape };
  }
  return null;
}

/** max |actual − expected| / max |expected|; Infinity when shapes or NaN positions differ. */
function relativeError(actual: Float64Array, expected: Float64Array): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(actual[i]) !== Number.isNaN(expected[i])) return Number.POSITIVE_INFINITY;
    scale = Math.max(scale, Math.abs(expected[i]));
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  }
  return scale === 0 ? worst : worst / scale;
}

async function runWorkload(
  entry: Entry,
  numpy: NumpyWorker,
  options: Options,
  progress: (s: string) => void,
) {
  const { repeat, cpu } = options;
  const clock = cpu ? "cpu" : "wall";
  const { workload } = entry;
  const result: BenchResult = {
    file: entry.file,
    name: workload.name,
    gradbookMs: null,
    numpyMs: null,
    ratio: null,
    gradbookGflops: null,
    numpyGflops: null,
    target: workload.target ?? null,
    met: null,
    maxRelError: null,
    error: null,
    samples: { gradbook: [], numpy: [], gradbookLoops: 1, numpyLoops: 1 },
  };
  const scratch = mkdtempSync(join(tmpdir(), "gradbook-bench-"));
  try {
    progress("inputs");
    const names = Object.keys(workload.inputs);
    const inputs: Record<string, BenchInput> = {};
    names.forEach((name, q) => {
      const shape = workload.inputs[name];
      inputs[name] = { data: benchValues(sizeOf(shape), q), shape };
    });
    await numpy.request({
      op: "load",
      inputs: names.map((name) => [name, workload.inputs[name]]),
      setup: workload.numpy.setup ?? "",
      run: workload.numpy.run,
    });
    const state = workload.setup(inputs);

    progress("warm-up and check");
    let output: unknown;
    let gradbookOnce = Number.POSITIVE_INFINITY;
    for (let call = 0; call < 2; call++) {
      const start = performance.now();
      output = workload.gradbook(state);
      gradbookOnce = performance.now() - start;
    }
    const numpyOnce =
      1000 * (await numpy.request<{ seconds: number }>({ op: "time", loops: 1, clock })).seconds;
    const mine = resultValues(output);
    if (mine !== null) {
      const path = join(scratch, "numpy-result.bin");
      const { shape } = await numpy.request<{ shape: number[] }>({ op: "result", path });
      const bytes = readFileSync(path);
      const theirs = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
      const sameShape =
        shape.length === mine.shape.length && shape.every((d, i) => d === mine.shape[i]);
      result.maxRelError = sameShape ? relativeError(mine.data, theirs) : Number.POSITIVE_INFINITY;
      const tolerance = workload.tolerance ?? 1e-9;
      if (!(result.maxRelError <= tolerance)) {
        result.error = sameShape
          ? `result differs from numpy's: max relative error ${result.maxRelError} > ${tolerance}`
          : `result shape [${mine.shape.join(", ")}] differs from numpy's [${shape.join(", ")}]`;
      }
    }

    const gradbookLoops = calibrateLoops(() => workload.gradbook(state), gradbookOnce, cpu);
    const numpyLoops = Math.max(1, Math.ceil(MIN_SAMPLE_MS / numpyOnce));
    result.samples.gradbookLoops = gradbookLoops;
    result.samples.numpyLoops = numpyLoops;
    for (let sample = 1; sample <= repeat; sample++) {
      progress(`sample ${sample}/${repeat}`);
      result.samples.gradbook.push(
        timeGradbook(() => workload.gradbook(state), gradbookLoops, cpu),
      );
      const { seconds } = await numpy.request<{ seconds: number }>({
        op: "time",
        loops: numpyLoops,
        clock,
      });
      result.samples.numpy.push(1000 * seconds);
    }
    result.gradbookMs = median(result.samples.gradbook);
    result.numpyMs = median(result.samples.numpy);
    result.ratio = result.gradbookMs / result.numpyMs;
    if (workload.flops !== undefined) {
      result.gradbookGflops = workload.flops / result.gradbookMs / 1e6;
      result.numpyGflops = workload.flops / result.numpyMs / 1e6;
    }
    if (result.target !== null) result.met = result.ratio <= result.target;
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return result;
}

function describeBlas(info: NumpyInfo): string {
  if (info.blas.length === 0) return "no BLAS threadpool found";
  return info.blas
    .map(
      (b) =>
        `${b.internal_api ?? "?"} ${b.version ?? ""} kernel=${b.architecture ?? "?"} threads=${b.num_threads ?? "?"}`,
    )
    .join("; ");
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const entries = await loadWorkloads(options.filters);
  if (options.list) {
    for (const e of entries) console.log(`${e.file}/${e.workload.name}`);
    return 0;
  }
  if (entries.length === 0)
    throw new Error(`no workload matches --filter ${options.filters.join(",")}`);

  const numpy = new NumpyWorker(ROOT);
  try {
    const info = await numpy.request<NumpyInfo>({ op: "info" });
    const machine = {
      cpu: cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      node: process.version,
      gemmBackend: defaultGemmBackend().name,
      python: pythonExecutable(ROOT),
      // Other processes on the machine skew both sides: the 1-minute load before and after.
      loadBefore: loadavg()[0],
      loadAfter: Number.NaN,
    };
    process.stderr.write(
      `gradbook bench on ${machine.cpu} (${machine.cores} cores), node ${machine.node}, ` +
        `gemm backend ${machine.gemmBackend}, load average ${machine.loadBefore.toFixed(2)}\n` +
        `numpy ${info.numpy} (python ${info.python}, ${machine.python}): ${describeBlas(info)}\n`,
    );
    const results: BenchResult[] = [];
    for (const [index, entry] of entries.entries()) {
      const label = `[${index + 1}/${entries.length}] ${entry.workload.name}`;
      const result = await runWorkload(entry, numpy, options, (step) =>
        process.stderr.write(`${label}: ${step}\n`),
      );
      const summary =
        result.error !== null
          ? `ERROR ${result.error.split("\n")[0]}`
          : `${result.gradbookMs?.toPrecision(3)} ms vs numpy ${result.numpyMs?.toPrecision(3)} ms (${result.ratio?.toFixed(2)}×)`;
      process.stderr.write(`${label}: ${summary}\n`);
      results.push(result);
    }
    machine.loadAfter = loadavg()[0];
    if (options.json) {
      const clock = options.cpu ? "process CPU time" : "wall-clock";
      console.log(
        JSON.stringify({ machine, numpy: info, repeat: options.repeat, clock, results }, null, 2),
      );
    } else {
      console.log(
        `\nnumpy: ${describeBlas(info)}; gradbook gemm backend: ${machine.gemmBackend}; ` +
          `load average ${machine.loadBefore.toFixed(2)} → ${machine.loadAfter.toFixed(2)} on ${machine.cores} cores; ` +
          `${options.cpu ? "process CPU" : "wall-clock"} times`,
      );
      console.log(formatTable(results));
    }
    return results.some((r) => r.error !== null) ? 1 : 0;
  } finally {
    numpy.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
