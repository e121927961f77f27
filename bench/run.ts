/**
 * `npm run bench`: times gradbook against numpy on the same machine and prints the ratio.
 *
 *   npm run bench [-- --filter matmul,gram] [--repeat 7] [--json] [--list] [--cpu]
 *                 [--kernel lab,run|none]
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
 * A workload written as a notebook cell (`cellWorkload` in bench/cell.ts, as the op sweep in
 * bench/workloads/sweep-*.ts is) is also timed inside tslab kernels, started as JupyterLab's
 * kernelspec starts them (`lab`) and as `gradbook run` does (`run`); `--kernel none` skips them.
 * The table then has a time and a ratio per side, and ends with each side's geometric mean.
 *
 * How it measures: one Python worker (bench/numpy_worker.py; GRADBOOK_PYTHON, else the
 * project's .venv, else python3) runs numpy with one BLAS thread. Per workload every side builds
 * the same inputs, runs twice to warm up, compares its result with numpy's (max relative
 * difference, default tolerance 1e-9), picks a loop count so a sample lasts ≥ 50 ms, then the
 * sides and numpy alternate samples `--repeat` times (default 5); the table shows medians.
 * Times are wall-clock; `--cpu` times process CPU time on every side instead, which keeps a
 * machine shared with other work from counting its waits against either side. Progress goes to
 * stderr, the table (or with --json the results as JSON) to stdout. The exit code is 1 when a
 * workload fails or disagrees with numpy; missed targets are reported, not failed. The library
 * is timed as compiled into dist/ (bench/compiled-library.ts), as users run it.
 */
import "./compiled-library";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { defaultGemmBackend } from "../src/tensor/gemm/select";
import { sizeOf } from "../src/tensor/strided";
import { BenchKernel, KERNEL_MODES, type KernelMode } from "./kernel-side";
import { type BenchResult, formatTable, type SideResult } from "./report";
import { type NumpyInfo, NumpyWorker, pythonExecutable } from "./numpy";
import {
  kernelSide,
  nodeSide,
  readValues,
  relativeError,
  type ResultValues,
  type Side,
} from "./sides";
import { type BenchInput, type Workload, benchValues } from "./workload";

const ROOT = join(__dirname, "..");
const MIN_SAMPLE_MS = 50;

interface Options {
  filters: string[];
  repeat: number;
  json: boolean;
  list: boolean;
  cpu: boolean;
  kernels: KernelMode[];
}

function parseKernels(value: string): KernelMode[] {
  if (value === "none") return [];
  const modes = value.split(",");
  for (const mode of modes) {
    if (!(KERNEL_MODES as readonly string[]).includes(mode))
      throw new Error(`--kernel takes ${KERNEL_MODES.join(",")} or none, got ${mode}`);
  }
  return modes as KernelMode[];
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    filters: [],
    repeat: 5,
    json: false,
    list: false,
    cpu: false,
    kernels: [...KERNEL_MODES],
  };
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
    else if (arg === "--kernel") options.kernels = parseKernels(value());
    else if (arg === "--repeat") {
      options.repeat = Number(value());
      if (!Number.isInteger(options.repeat) || options.repeat < 1) {
        throw new Error(`--repeat must be a positive integer, got ${argv[i]}`);
      }
    } else
      throw new Error(
        `unknown option ${arg} (use --filter a,b  --repeat N  --json  --list  --cpu  --kernel lab,run|none)`,
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

function emptySide(): SideResult {
  return { ms: null, ratio: null, maxRelError: null, error: null, samples: [], loops: 1 };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The sides that take part in `workload`, each prepared, warmed up and checked against numpy. */
async function prepareSides(
  sides: readonly Side[],
  workload: Workload,
  inputs: Record<string, BenchInput>,
  expected: () => Promise<ResultValues>,
  scratch: string,
  options: Options,
  progress: (s: string) => void,
): Promise<Map<Side, SideResult>> {
  const prepared = new Map<Side, SideResult>();
  for (const side of sides.filter((s) => s.accepts(workload))) {
    const result = emptySide();
    prepared.set(side, result);
    try {
      progress(`${side.name}: warm-up and check`);
      await side.prepare(workload, inputs, scratch);
      const { onceMs, result: mine } = await side.warmUp(scratch);
      if (mine !== null) {
        const theirs = await expected();
        result.maxRelError = relativeError(mine, theirs);
        const tolerance = workload.tolerance ?? 1e-9;
        if (!(result.maxRelError <= tolerance)) {
          result.error =
            result.maxRelError === Number.POSITIVE_INFINITY
              ? `result shape [${mine.shape.join(", ")}] or NaNs differ from numpy's [${theirs.shape.join(", ")}]`
              : `result differs from numpy's: max relative error ${result.maxRelError} > ${tolerance}`;
        }
      }
      result.loops = await side.calibrate(onceMs, options.cpu, MIN_SAMPLE_MS);
    } catch (error) {
      result.error = `${side.name}: ${message(error)}`;
    }
  }
  return prepared;
}

async function runWorkload(
  entry: Entry,
  numpy: NumpyWorker,
  sides: readonly Side[],
  options: Options,
  progress: (s: string) => void,
): Promise<BenchResult> {
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
    sides: {},
    samples: { numpy: [], numpyLoops: 1 },
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
    const numpyOnce =
      1000 * (await numpy.request<{ seconds: number }>({ op: "time", loops: 1, clock })).seconds;
    // numpy's result, asked for once and only if some side returns an array to compare.
    let numpyResult: Promise<ResultValues> | undefined;
    const expected = () => {
      const path = join(scratch, "numpy-result.bin");
      numpyResult ??= numpy
        .request<{ shape: number[] }>({ op: "result", path })
        .then(({ shape }) => readValues(path, shape));
      return numpyResult;
    };
    const prepared = await prepareSides(
      sides,
      workload,
      inputs,
      expected,
      scratch,
      options,
      progress,
    );
    const numpyLoops = Math.max(1, Math.ceil(MIN_SAMPLE_MS / numpyOnce));
    result.samples.numpyLoops = numpyLoops;
    for (let sample = 1; sample <= repeat; sample++) {
      progress(`sample ${sample}/${repeat}`);
      for (const [side, figures] of prepared) {
        if (figures.error !== null) continue;
        try {
          figures.samples.push(await side.time(figures.loops, cpu));
        } catch (error) {
          figures.error = `${side.name}: ${message(error)}`;
        }
      }
      const { seconds } = await numpy.request<{ seconds: number }>({
        op: "time",
        loops: numpyLoops,
        clock,
      });
      result.samples.numpy.push(1000 * seconds);
    }
    result.numpyMs = median(result.samples.numpy);
    for (const [side, figures] of prepared) {
      if (figures.error === null) {
        figures.ms = median(figures.samples);
        figures.ratio = figures.ms / result.numpyMs;
      }
      result.sides[side.name] = figures;
    }
    summarize(result, workload);
  } catch (error) {
    result.error = message(error);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return result;
}

/** The plain-Node columns, GFLOP/s, whether the target is met and the first error. */
function summarize(result: BenchResult, workload: Workload): void {
  const node = result.sides.node;
  result.gradbookMs = node.ms;
  result.ratio = node.ratio;
  result.maxRelError = node.maxRelError;
  const sides = Object.values(result.sides);
  result.error = sides.find((side) => side.error !== null)?.error ?? null;
  if (workload.flops !== undefined && node.ms !== null && result.numpyMs !== null) {
    result.gradbookGflops = workload.flops / node.ms / 1e6;
    result.numpyGflops = workload.flops / result.numpyMs / 1e6;
  }
  if (result.target !== null && result.error === null) {
    const target = result.target;
    result.met = sides.every((side) => side.ratio !== null && side.ratio <= target);
  }
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

/** The kernels the selected workloads need, started one after the other. */
async function startKernels(entries: readonly Entry[], modes: readonly KernelMode[]) {
  if (!entries.some((e) => e.workload.cell !== undefined)) return [];
  const kernels: BenchKernel[] = [];
  for (const mode of modes) {
    process.stderr.write(`starting a tslab kernel (${mode})...\n`);
    kernels.push(await BenchKernel.start(mode, ROOT));
  }
  return kernels;
}

const MiB = 1024 ** 2;

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
  const kernels = await startKernels(entries, options.kernels);
  try {
    const info = await numpy.request<NumpyInfo>({ op: "info" });
    const machine = {
      cpu: cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      node: process.version,
      gemmBackend: defaultGemmBackend().name,
      glibcTunables: process.env.GLIBC_TUNABLES ?? "",
      python: pythonExecutable(ROOT),
      // Other processes on the machine skew both sides: the 1-minute load before and after.
      loadBefore: loadavg()[0],
      loadAfter: Number.NaN,
      kernelResidentMiB: {} as Record<string, number>,
    };
    process.stderr.write(
      `gradbook bench on ${machine.cpu} (${machine.cores} cores), node ${machine.node}, ` +
        `gemm backend ${machine.gemmBackend}, load average ${machine.loadBefore.toFixed(2)}\n` +
        `plain Node's GLIBC_TUNABLES: ${machine.glibcTunables || "(none)"}\n` +
        `numpy ${info.numpy} (python ${info.python}, ${machine.python}): ${describeBlas(info)}\n`,
    );
    const sides = [nodeSide(), ...kernels.map(kernelSide)];
    const results: BenchResult[] = [];
    for (const [index, entry] of entries.entries()) {
      const label = `[${index + 1}/${entries.length}] ${entry.workload.name}`;
      const result = await runWorkload(entry, numpy, sides, options, (step) =>
        process.stderr.write(`${label}: ${step}\n`),
      );
      const times = Object.entries(result.sides)
        .map(([name, side]) => `${name} ${side.ms?.toPrecision(3)} ms (${side.ratio?.toFixed(2)}×)`)
        .join(", ");
      const summary =
        result.error !== null
          ? `ERROR ${result.error.split("\n")[0]}`
          : `numpy ${result.numpyMs?.toPrecision(3)} ms; ${times}`;
      process.stderr.write(`${label}: ${summary}\n`);
      results.push(result);
    }
    machine.loadAfter = loadavg()[0];
    for (const kernel of kernels) {
      machine.kernelResidentMiB[kernel.mode] = Math.round(kernel.residentBytes / MiB);
    }
    if (options.json) {
      const clock = options.cpu ? "process CPU time" : "wall-clock";
      console.log(
        JSON.stringify({ machine, numpy: info, repeat: options.repeat, clock, results }, null, 2),
      );
    } else {
      const resident = Object.entries(machine.kernelResidentMiB)
        .map(([mode, mib]) => `; kernel ${mode} resident ${mib} MiB at the end`)
        .join("");
      console.log(
        `\nnumpy: ${describeBlas(info)}; gradbook gemm backend: ${machine.gemmBackend}; ` +
          `plain Node's GLIBC_TUNABLES: ${machine.glibcTunables || "(none)"}; ` +
          `load average ${machine.loadBefore.toFixed(2)} → ${machine.loadAfter.toFixed(2)} on ${machine.cores} cores; ` +
          `${options.cpu ? "process CPU" : "wall-clock"} times${resident}`,
      );
      console.log(formatTable(results));
    }
    return results.some((r) => r.error !== null) ? 1 : 0;
  } finally {
    numpy.close();
    await Promise.all(kernels.map((kernel) => kernel.close()));
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
