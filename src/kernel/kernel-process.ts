/**
 * The tslab kernel as an operating-system process: started detached as the leader of its own
 * session and process group (so that the kernel and everything student code spawns can be
 * killed together, and a terminal's Ctrl-C reaches gradbook, not the kernel), watched for death
 * and, optionally, for memory: the resident memory of the whole tree is polled and the tree
 * killed above a cap (RLIMIT_AS fits V8 badly: it reserves far more address space than it uses).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ABORT_WINDOW_ENV } from "../preload/contract";
import { launchWithoutNetwork, type Launch } from "./network-namespace";
import { preloadScript } from "./preload-scripts";
import { signalTree, treeResidentBytes } from "./process-tree";

/** How to start a kernel process. */
export interface KernelProcessOptions {
  /** Connection file the kernel binds to (see `createConnectionFile`). */
  connectionFile: string;
  /** Working folder; tslab resolves imports, and finds its type definitions, from here. */
  cwd: string;
  /** Environment of the kernel (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Arguments for `node` before the tslab script, e.g. `--max-old-space-size` or permissions. */
  nodeArgs?: readonly string[];
  /** The tslab launcher script (default: `tslab/bin/tslab` as resolved from gradbook). */
  tslabPath?: string;
  /**
   * Module node loads before anything else (default: this package's compiled tslab fixes,
   * src/preload/tslab-fixes.ts, which keep tslab working when files change around it).
   */
  preload?: string;
  /** Kill the kernel when its process tree's resident memory exceeds this many bytes. */
  memoryCapBytes?: number;
  /** How often to measure memory, in milliseconds (default 200). */
  memoryPollMs?: number;
  /** Run the kernel as this user (needs the privilege to switch); the connection file follows. */
  uid?: number;
  /** Group to run the kernel as (default: `uid`'s number when `uid` is set). */
  gid?: number;
  /**
   * Run under Node's permission model: no file writes, child processes or worker threads; native
   * addons allowed (zeromq, which tslab talks through); reads of `readablePaths` and of the
   * kernel's own connection folder only. Default: no permission model.
   */
  permissions?: { readablePaths: readonly string[] };
  /**
   * Start the kernel in a network namespace of its own (network-namespace.ts): it then has no
   * network at all and must be reached through Unix sockets (connection transport "ipc").
   */
  isolateNetwork?: boolean;
}

/**
 * Why a kernel process ended: it exited by itself (`process.exit`, a crash), it was killed by
 * gradbook (shutdown, a timeout that an interrupt did not stop), or it exceeded the memory cap.
 */
export type KernelExitReason = "exited" | "killed" | "memory";

/** How a kernel process ended. */
export interface KernelExit {
  reason: KernelExitReason;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** One sentence for a report: "kernel died: exit code 3". */
  description: string;
}

const OUTPUT_TAIL_CHARS = 16_384;

/**
 * tslab's abort window (src/preload/abort-window.ts) in the kernels started here: long enough
 * for the failed request's own reply to leave first, short against a cell's run. Requests go
 * one at a time, so tslab's 200 ms only made each failed cell cost 250 ms of idle kernel: a
 * student's unfinished notebook fails seven cells of lesson 1 alone, and at 40 submissions
 * that was most of a minute.
 */
export const RUNNER_ABORT_WINDOW_MS = 5;

const live = new Set<KernelProcess>();
let exitHookInstalled = false;

// Kernels are detached, so they would outlive a gradbook that exits or crashes: kill them first.
function installExitHook(): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", killAllKernels);
  }
}

/** Kill every kernel this process started that is still running (synchronous, for exit paths). */
export function killAllKernels(): void {
  for (const kernel of live) {
    signalTree(kernel.pid, "SIGKILL");
  }
}

/** The tslab launcher script that gradbook depends on. */
export function resolveTslab(): string {
  const packageJson = require.resolve("tslab/package.json");
  return path.join(path.dirname(packageJson), "bin", "tslab");
}

// Node 22.13 and 23.5 renamed --experimental-permission.
function permissionFlag(): string {
  const [major, minor] = process.versions.node.split(".").map(Number);
  const stable = major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13);
  return stable ? "--permission" : "--experimental-permission";
}

/** Node's permission flags for a kernel with `options.permissions` (none without). */
export function permissionArgs(options: KernelProcessOptions): string[] {
  if (options.permissions === undefined) {
    return [];
  }
  const readable = [...options.permissions.readablePaths, path.dirname(options.connectionFile)];
  return [
    permissionFlag(),
    "--allow-addons",
    ...readable.map((entry) => `--allow-fs-read=${entry}`),
  ];
}

// The command that starts the kernel, and the user the spawn itself switches to: none when
// unshare switches, after making the namespace (network-namespace.ts).
function launchOf(
  argv: string[],
  options: KernelProcessOptions,
): Launch & { uid?: number; gid?: number } {
  const user =
    options.uid === undefined ? undefined : { uid: options.uid, gid: options.gid ?? options.uid };
  if (options.isolateNetwork) {
    return launchWithoutNetwork(process.execPath, argv, user);
  }
  return { file: process.execPath, args: argv, ...user };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(2)} GiB`
    : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** A running (or ended) tslab kernel process. */
export class KernelProcess {
  /** Process id, which is also the id of its process group and session. */
  readonly pid: number;
  /** Resolves once, when the process has ended, with how it ended. */
  readonly exited: Promise<KernelExit>;
  private exit: KernelExit | undefined;
  private killReason: { reason: KernelExitReason; description: string } | undefined;
  private outputTail = "";
  private peakBytes = 0;
  private memoryTimer: NodeJS.Timeout | undefined;

  private constructor(child: ChildProcess, options: KernelProcessOptions) {
    if (child.pid === undefined) {
      throw new Error("the tslab kernel process could not be started");
    }
    this.pid = child.pid;
    // Later errors (a signal that cannot be delivered) change nothing the exit event won't say.
    child.on("error", () => {});
    const keepTail = (chunk: Buffer): void => {
      this.outputTail = (this.outputTail + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout?.on("data", keepTail);
    child.stderr?.on("data", keepTail);
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        clearInterval(this.memoryTimer);
        live.delete(this);
        // Children of a kernel that exited by itself would be orphaned: take them down too.
        signalTree(this.pid, "SIGKILL");
        this.exit = this.describeExit(code, signal);
        resolve(this.exit);
      });
    });
    if (options.memoryCapBytes !== undefined) {
      const cap = options.memoryCapBytes;
      this.memoryTimer = setInterval(() => this.checkMemory(cap), options.memoryPollMs ?? 200);
      this.memoryTimer.unref();
    }
    live.add(this);
  }

  /**
   * Start a tslab kernel with `options`. Rejects when the folder or launcher is missing or the
   * process cannot be created (e.g. no permission to switch to `uid`).
   */
  static async spawn(options: KernelProcessOptions): Promise<KernelProcess> {
    if (!fs.existsSync(options.cwd) || !fs.statSync(options.cwd).isDirectory()) {
      throw new Error(`kernel folder ${options.cwd} does not exist`);
    }
    const cap = options.memoryCapBytes;
    if (cap !== undefined && !(cap > 0)) {
      throw new RangeError(`memoryCapBytes must be a positive number of bytes, got ${cap}`);
    }
    const tslab = options.tslabPath ?? resolveTslab();
    if (!fs.existsSync(tslab)) {
      throw new Error(`tslab launcher ${tslab} not found; is tslab installed (npm install)?`);
    }
    const preload = options.preload ?? preloadScript("tslabFixes");
    if (!fs.existsSync(preload)) {
      throw new Error(`kernel preload ${preload} not found; is gradbook built (npm run build)?`);
    }
    const argv = [
      // First, so that it patches tslab's TypeScript before a guard hardens it.
      "--require",
      preload,
      ...permissionArgs(options),
      ...(options.nodeArgs ?? []),
      tslab,
      "kernel",
      "--config-path",
      options.connectionFile,
    ];
    const launch = launchOf(argv, options);
    const child = spawn(launch.file, launch.args, {
      cwd: options.cwd,
      // Requests go one at a time: tslab need not abort new ones for long after a failure.
      env: { ...(options.env ?? process.env), [ABORT_WINDOW_ENV]: String(RUNNER_ABORT_WINDOW_MS) },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      // A kernel switched to another user must not keep this process's (root) group.
      uid: launch.uid,
      gid: launch.gid,
    });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", (error) =>
        reject(new Error(`cannot start the kernel: ${error.message}`)),
      );
    });
    installExitHook();
    return new KernelProcess(child, options);
  }

  /** True until the process has exited. */
  get alive(): boolean {
    return this.exit === undefined;
  }

  /** How the process ended, once it has. */
  get exitInfo(): KernelExit | undefined {
    return this.exit;
  }

  /** The last 16 KiB the kernel wrote to its own stdout/stderr (outside of cell executions). */
  get output(): string {
    return this.outputTail;
  }

  /** Largest resident memory of the process tree seen by the memory watch, in bytes. */
  get peakMemoryBytes(): number {
    return this.peakBytes;
  }

  /** Interrupt the running cell: tslab turns SIGINT into an interrupt of sync and async code. */
  interrupt(): void {
    if (this.alive) {
      try {
        process.kill(this.pid, "SIGINT");
      } catch {
        // Exited in the meantime: the exit handler reports it.
      }
    }
  }

  /** Kill the whole process tree and wait for the kernel to be gone. */
  kill(description = "kernel shut down"): Promise<KernelExit> {
    if (this.alive) {
      this.killReason ??= { reason: "killed", description };
      signalTree(this.pid, "SIGKILL");
    }
    return this.exited;
  }

  private checkMemory(cap: number): void {
    const bytes = treeResidentBytes(this.pid);
    this.peakBytes = Math.max(this.peakBytes, bytes);
    if (bytes > cap && this.alive) {
      this.killReason = {
        reason: "memory",
        description: `kernel killed: memory ${formatBytes(bytes)} above the cap of ${formatBytes(cap)}`,
      };
      signalTree(this.pid, "SIGKILL");
    }
  }

  private describeExit(code: number | null, signal: NodeJS.Signals | null): KernelExit {
    if (this.killReason) {
      return { ...this.killReason, code, signal };
    }
    const how = signal !== null ? `signal ${signal}` : `exit code ${code}`;
    return { reason: "exited", code, signal, description: `kernel died: ${how}` };
  }
}
