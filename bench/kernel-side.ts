/**
 * The gradbook side of a cell workload (bench/cell.ts) timed inside a real tslab kernel, where
 * students run it: started as JupyterLab starts it (`lab`: the kernelspec's argv and env that
 * `npm run setup` registers) or as `gradbook run` and the grader's runner start it (`run`:
 * src/kernel's defaults). The kernel imports gradbook as a notebook does, reads the inputs from
 * files, builds the workload from the same cell text as plain Node, and times it with the same
 * code (bench/timing.ts); the harness alternates its samples with numpy's as for plain Node.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KernelClient, type KernelOptions } from "../src/kernel/kernel-client";
import { treeResidentBytes } from "../src/kernel/process-tree";
import { sourceText } from "../src/notebook";
import { cellFactorySource } from "./cell";
import { TIMING_SOURCE } from "./timing";
import type { BenchInput, CellCode } from "./workload";

/** How the kernel is started (see the file comment). */
export const KERNEL_MODES = ["lab", "run"] as const;

/** One of KERNEL_MODES. */
export type KernelMode = (typeof KERNEL_MODES)[number];

const MARK = "__BENCH__";
const CELL_TIMEOUT_MS = 600_000;

// Helpers every later cell calls. A result is written as float64 in C order, as numpy's is.
const PRELUDE = `
import * as gb from "gradbook";
import * as fs from "fs";
${TIMING_SOURCE}
function benchRead(path, shape) {
  const bytes = fs.readFileSync(path);
  const data = new Float64Array(bytes.length / 8);
  new Uint8Array(data.buffer).set(bytes);
  return gb.tensor(data, shape);
}
function benchWrite(value, path) {
  let data = null;
  let shape = null;
  if (value instanceof Float64Array || value instanceof Int32Array) {
    data = Float64Array.from(value);
    shape = [value.length];
  } else if (value && value.data instanceof Float64Array && Array.isArray(value.strides)) {
    data = gb.tensor(value).data;
    shape = [...value.shape];
  }
  if (data !== null) fs.writeFileSync(path, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return shape;
}
function benchReply(value) {
  console.log("${MARK}" + JSON.stringify(value));
}
`;

interface KernelSpec {
  argv: string[];
  env?: Record<string, string>;
}

/** The tslab kernelspec registered in the project's Python environment. */
function kernelSpec(root: string): KernelSpec {
  const envFile = join(root, ".gradbook", "env.json");
  if (!existsSync(envFile)) throw new Error(`${envFile} is missing: run \`npm run setup\` first`);
  const { prefix } = JSON.parse(readFileSync(envFile, "utf8")) as { prefix: string };
  const file = join(prefix, "share", "jupyter", "kernels", "tslab", "kernel.json");
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run setup\` first`);
  return JSON.parse(readFileSync(file, "utf8")) as KernelSpec;
}

/**
 * The kernel's options for `mode`. Its environment is this process's without GLIBC_TUNABLES
 * (scripts/bench.mjs sets them for plain Node): a kernel gets what its own start gives it.
 */
function kernelOptions(mode: KernelMode, root: string): KernelOptions {
  const env = { ...process.env };
  delete env.GLIBC_TUNABLES;
  const common = { cwd: root, startTimeoutMs: 120_000, maxOutputChars: 100_000 };
  if (mode === "run") return { ...common, env };
  const spec = kernelSpec(root);
  return { ...common, command: spec.argv, env: { ...env, ...spec.env } };
}

/** A tslab kernel that runs cell workloads (see the file comment). */
export class BenchKernel {
  private constructor(
    readonly mode: KernelMode,
    private readonly client: KernelClient,
  ) {}

  /** Starts a kernel the way `mode` does and loads gradbook and the helpers into it. */
  static async start(mode: KernelMode, root: string): Promise<BenchKernel> {
    const kernel = new BenchKernel(mode, await KernelClient.start(kernelOptions(mode, root)));
    await kernel.run(`${PRELUDE}\nbenchReply(true);`);
    return kernel;
  }

  /** Resident memory of the kernel's process tree, in bytes. */
  get residentBytes(): number {
    return treeResidentBytes(this.client.pid);
  }

  /** Builds the workload from its inputs (written to files in `scratch`) and its cell. */
  async load(
    cell: CellCode,
    inputs: Readonly<Record<string, BenchInput>>,
    scratch: string,
  ): Promise<void> {
    const names = Object.keys(inputs);
    const reads = names.map((name) => {
      const path = join(scratch, `input-${name}.bin`);
      const { data, shape } = inputs[name];
      writeFileSync(path, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      return `${name}: benchRead(${JSON.stringify(path)}, ${JSON.stringify(shape)})`;
    });
    const factory = cellFactorySource(names, cell);
    await this.run(
      `globalThis.benchRun = ${factory}(gb, { ${reads.join(", ")} });\nbenchReply(true);`,
    );
  }

  /**
   * Runs the workload twice (the harness's warm-up), writes the result to `resultPath` and
   * returns the second call's time and the result's shape (null when it is not an array).
   */
  warmUp(resultPath: string): Promise<{ onceMs: number; shape: number[] | null }> {
    return this.run(`{
      let value;
      let onceMs = 0;
      for (let call = 0; call < 2; call++) {
        const start = performance.now();
        value = globalThis.benchRun();
        onceMs = performance.now() - start;
      }
      benchReply({ onceMs, shape: benchWrite(value, ${JSON.stringify(resultPath)}) });
    }`);
  }

  /** calibrateLoops of bench/timing.ts, in the kernel. */
  calibrate(onceMs: number, cpu: boolean, minMs: number): Promise<number> {
    return this.run(
      `benchReply(calibrateLoops(globalThis.benchRun, ${onceMs}, ${cpu}, ${minMs}));`,
    );
  }

  /** timeLoops of bench/timing.ts, in the kernel: milliseconds per call. */
  time(loops: number, cpu: boolean): Promise<number> {
    return this.run(`benchReply(timeLoops(globalThis.benchRun, ${loops}, ${cpu}));`);
  }

  /** Stops the kernel. */
  async close(): Promise<void> {
    await this.client.shutdown();
  }

  /** Executes `code` and returns what it passed to benchReply; a failed cell throws its error. */
  private async run<T>(code: string): Promise<T> {
    const result = await this.client.execute(code, { timeoutMs: CELL_TIMEOUT_MS });
    if (result.status !== "ok") {
      throw new Error(
        `kernel (${this.mode}): ${result.errorText.split("\n").slice(0, 6).join("\n")}`,
      );
    }
    const stdout = result.outputs
      .map((output) =>
        output.output_type === "stream" && output.name === "stdout" ? sourceText(output.text) : "",
      )
      .join("");
    const line = stdout.split("\n").find((text) => text.startsWith(MARK));
    if (line === undefined)
      throw new Error(`kernel (${this.mode}) sent no reply: ${stdout.slice(0, 200)}`);
    return JSON.parse(line.slice(MARK.length)) as T;
  }
}
