import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** The BLAS library numpy runs on, as threadpoolctl reports it. */
export interface BlasInfo {
  internal_api?: string;
  version?: string;
  architecture?: string;
  num_threads?: number;
  filepath?: string;
}

/** What the worker says about itself. */
export interface NumpyInfo {
  python: string;
  numpy: string;
  blas: BlasInfo[];
}

/**
 * The Python interpreter the benchmark runs numpy in: GRADBOOK_PYTHON if set, else the
 * project's .venv, else `python3` from PATH.
 */
export function pythonExecutable(root: string): string {
  const fromEnv = process.env.GRADBOOK_PYTHON;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  for (const candidate of [
    join(root, ".venv/bin/python"),
    join(root, ".venv/Scripts/python.exe"),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return "python3";
}

/**
 * The environment numpy runs under: one BLAS thread (the comparison is single-threaded), and
 * without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, which this project's machines set and which
 * pick an OpenBLAS kernel 1.55× slower than the one it detects by itself.
 */
function numpyEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  env.OPENBLAS_NUM_THREADS = "1";
  env.OMP_NUM_THREADS = "1";
  env.MKL_NUM_THREADS = "1";
  return env;
}

/** A running bench/numpy_worker.py, spoken to one JSON line at a time. */
export class NumpyWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: ((reply: Record<string, unknown>) => void)[] = [];
  private exited: string | null = null;

  constructor(root: string) {
    const python = pythonExecutable(root);
    this.child = spawn(python, [join(root, "bench/numpy_worker.py")], {
      env: numpyEnvironment(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      this.pending.shift()?.(JSON.parse(line) as Record<string, unknown>);
    });
    const fail = (why: string) => {
      this.exited = `the numpy worker (${python}) ${why}`;
      for (const resolve of this.pending.splice(0)) resolve({ error: this.exited });
    };
    this.child.on("error", (error) => fail(`could not start: ${error.message}`));
    this.child.on("exit", (code) => fail(`exited with code ${code}`));
  }

  /** Sends one request and resolves with the reply; a worker-side failure rejects. */
  request<T>(message: Record<string, unknown>): Promise<T> {
    if (this.exited !== null) return Promise.reject(new Error(this.exited));
    return new Promise<T>((resolve, reject) => {
      this.pending.push((reply) => {
        if (typeof reply.error === "string") reject(new Error(reply.error));
        else resolve(reply as T);
      });
      this.child.stdin.write(JSON.stringify(message) + "\n");
    });
  }

  /** Ends the worker (closing stdin ends its read loop). */
  close(): void {
    this.child.stdin.end();
  }
}
