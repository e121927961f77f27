/**
 * How a grading kernel runs in its working folder (work-root.ts). It is started with:
 * - Node's permission model: no file writes, no child processes, no worker threads, and reads
 *   only of its working folder, the package copy, its own connection folder and the one path
 *   zeromq's loader probes. The source notebook, other submissions and the rest of the disk
 *   are out of reach (`ERR_ACCESS_DENIED`);
 * - no network where the machine allows it (a network namespace of its own, see
 *   src/kernel/network-namespace.ts), and its sockets as Unix sockets in its private connection
 *   folder, which no other kernel's user can enter; where it does not, the guard is what keeps
 *   sockets out of reach;
 * - the kernel guard (src/preload/kernel-guard.ts) preloaded, with the modules cells may import;
 * - V8's heap capped at the memory limit (the kernel client also watches resident memory);
 * - a clean environment (no variables of the grader's);
 * - when gradbook runs as root, a user id of its own (kernel-users.ts).
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import type { Notebook } from "../../notebook";
import type { KernelOptions } from "../../kernel/kernel-client";
import { networkNamespaceSupport } from "../../kernel/network-namespace";
import { runNotebook, type RunReport } from "../../kernel/run-notebook";
import { GUARD_ENV, type GuardConfig } from "../../preload/contract";
import { killUserProcesses } from "./kernel-users";
import { createWorkFolder, type WorkRoot } from "./work-root";

/** Modules a graded cell may import; each is loaded and hardened before student code runs. */
export const ALLOWED_MODULES: readonly string[] = ["gradbook", "tslab"];

/**
 * The paths a kernel working in `folder` may read (see the file comment); the kernel process
 * adds its own connection folder (src/kernel/kernel-process.ts).
 */
export function readablePaths(root: WorkRoot, folder: string): string[] {
  return [
    folder,
    root.runtime.modules,
    // zeromq's addon loader tells musl from glibc by this file, and Node 20 throws on a denied
    // existsSync instead of answering false.
    "/etc/alpine-release",
  ];
}

/** Limits and identity of one kernel. */
export interface SandboxLimits {
  /** Kill the kernel above this resident memory, and cap V8's heap at it. */
  memoryBytes: number;
  /** Run as this user id (kernel-users.ts). */
  uid?: number;
  /** Cap on the stored output of one cell, in characters. */
  maxOutputChars?: number;
  /** The marker of the batch's test cells (sandbox/test-cell.ts), for the guard. */
  testMarker?: string;
}

/** Options for `KernelClient.start`/`runNotebook` that run a kernel sandboxed in `folder`. */
export function sandboxedKernel(
  root: WorkRoot,
  folder: string,
  limits: SandboxLimits,
): KernelOptions {
  const guard: GuardConfig = {
    allowedModules: [...ALLOWED_MODULES],
    preload: [...ALLOWED_MODULES],
    testMarker: limits.testMarker,
  };
  const heapMiB = Math.max(64, Math.floor(limits.memoryBytes / 1024 ** 2));
  return {
    cwd: folder,
    tslabPath: root.runtime.tslab,
    preload: root.runtime.preload,
    // zeromq, which tslab talks through, is a native addon (the permission model allows addons);
    // the guard takes process.dlopen away before any cell runs.
    permissions: { readablePaths: readablePaths(root, folder) },
    transport: "ipc",
    isolateNetwork: networkNamespaceSupport().supported,
    nodeArgs: [
      `--max-old-space-size=${heapMiB}`,
      // One V8 helper thread instead of four: measured on the lesson notebooks, a kernel then
      // spends about a third less CPU (start, cells and numeric loops alike) and finishes
      // sooner, since kernels of parallel workers already share the cores.
      "--v8-pool-size=1",
      // V8 optimizes a function once it has used up this much "budget" of bytecode; the default
      // (132 KiB) has the helper thread compile a good part of TypeScript's compiler with
      // TurboFan during a kernel's few seconds of life, work it never earns back. Measured on
      // 12 lesson-1 submissions with 2 workers: the helper thread's CPU fell from ~2.1 s to
      // ~0.65 s per kernel and grading took 2.3 s per submission instead of 2.7–3.3 s. Numeric
      // loops in cells still get optimized (on-stack replacement), a few milliseconds later.
      "--interrupt-budget=1000000",
      "--disable-warning=ExperimentalWarning",
      "--require",
      root.runtime.guard,
    ],
    env: {
      PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
      HOME: folder,
      LANG: "C.UTF-8",
      [GUARD_ENV]: JSON.stringify(guard),
    },
    uid: limits.uid,
    memoryCapBytes: limits.memoryBytes,
    maxOutputChars: limits.maxOutputChars ?? 100_000,
    startTimeoutMs: 60_000,
    interruptGraceMs: 3_000,
  };
}

/**
 * The default time budget of a whole submission (cells, restarts, replays) for a per-cell limit
 * of `timeoutMs`: five cells' worth, and at least two minutes. A correct lesson runs in well
 * under 15 s here, so an honest submission never meets it, even on a slow machine; one cell
 * that loops costs its own test only; but a notebook that loops or crashes over and over holds
 * a worker for minutes at most, not hours (issue #20: fifteen endless loops cost fifteen
 * timeouts, 7.5 minutes at the default 30 s).
 */
export function defaultSubmissionTimeoutMs(timeoutMs: number): number {
  return Math.max(120_000, 5 * timeoutMs);
}

/** Limits and placement of one submission's run. */
export interface SandboxedRun {
  /** The batch's folder, where the submission's working folder is made (`createWorkRoot`). */
  workRoot: WorkRoot;
  /** User id to run the kernel as (`claimKernelUser`), or undefined to run as this user. */
  uid?: number;
  /** Per-cell time limit. */
  timeoutMs: number;
  /**
   * Time for the whole submission once its kernel is up: cells, restarts and replays (default
   * `defaultSubmissionTimeoutMs(timeoutMs)`).
   */
  submissionTimeoutMs?: number;
  /** Memory cap of the kernel. */
  memoryBytes: number;
  /** Files and folders of the assignment to copy into the working folder. */
  include?: readonly string[];
  /** The marker of the batch's test cells (sandbox/test-cell.ts). */
  testMarker?: string;
}

/** The time budget of a submission's run (`SandboxedRun.submissionTimeoutMs`). */
export function submissionBudget(options: SandboxedRun): number {
  return options.submissionTimeoutMs ?? defaultSubmissionTimeoutMs(options.timeoutMs);
}

/**
 * Run every cell of `notebook` in a fresh sandboxed kernel in a working folder of its own named
 * after `name`, going on after errors and after a kernel's death, within the submission's time
 * budget and restart limit (src/kernel/run-notebook.ts); whatever the kernel started
 * is killed and the folder deleted before this returns. Throws `KernelStartError` when no
 * kernel comes up.
 */
export async function runSandboxed(
  notebook: Notebook,
  name: string,
  options: SandboxedRun,
): Promise<RunReport> {
  const folder = createWorkFolder(
    options.workRoot,
    `${name}-${randomBytes(4).toString("hex")}`,
    options.include,
  );
  const uid = options.uid;
  const { cwd: _cwd, ...kernel } = sandboxedKernel(options.workRoot, folder, {
    memoryBytes: options.memoryBytes,
    uid,
    testMarker: options.testMarker,
  });
  try {
    return await runNotebook(notebook, {
      cwd: folder,
      timeoutMs: options.timeoutMs,
      budgetMs: submissionBudget(options),
      allowErrors: true,
      restartOnDeath: true,
      kernel,
    });
  } finally {
    if (uid !== undefined) {
      killUserProcesses(uid);
    }
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
