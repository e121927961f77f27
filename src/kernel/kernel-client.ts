/**
 * A client for one tslab kernel: execute code and get back nbformat outputs and a status, with a
 * per-execution timeout, restart and shutdown (docs/design.md, "Kernel runner"):
 * - the reply status decides; the error text is the reply's traceback (kernels load
 *   src/preload/jupyter-protocol.ts). A tslab without those fixes replies without one and prints
 *   the error to stderr: the cell's stderr is the error text then;
 * - requests go one at a time with `stop_on_error: false`, so the kernel never aborts one; a
 *   request answered "aborted" anyway (or "abort", tslab's own word for its 200 ms window after
 *   a failure, yunabe/tslab#19) never ran and is sent again;
 * - floods can lose IOPub messages, including the final idle: after the reply, outputs are
 *   awaited until idle or until IOPub has been quiet for a moment, never forever;
 * - interrupts are SIGINT to the kernel process: only a signal stops a synchronous loop, which
 *   holds the event loop that would read an interrupt_request.
 */
import type { JSONObject, Output } from "../notebook";
import { cellErrorText } from "./error-text";
import { KernelConnection, type ConnectionOptions } from "./kernel-connection";
import type { KernelExit } from "./kernel-process";
import { DisplayRegistry, OutputCollector, type CollectedOutputs } from "./output-collector";
import type { JupyterMessage } from "./wire";

/** How to start and drive a kernel. */
export interface KernelOptions extends ConnectionOptions {
  /** Give up on a kernel that has not completed the handshake after this long (default 30 s). */
  startTimeoutMs?: number;
  /** Cap on the stored outputs of one execution, in characters (default 1,000,000). */
  maxOutputChars?: number;
  /** After a timeout's interrupt, how long to wait for the cell to stop before killing (3 s). */
  interruptGraceMs?: number;
}

/**
 * How an execution ended: `ok`; `error` (exception, type error, or an interrupt from outside);
 * `timeout` (ran past its limit and was interrupted, or killed when that did not stop it);
 * `died` (the kernel process ended during the execution: process.exit, crash, memory cap).
 */
export type ExecuteStatus = "ok" | "error" | "timeout" | "died";

/** Options of one execution. */
export interface ExecuteOptions {
  /** Interrupt the execution after this many milliseconds (default: no limit). */
  timeoutMs?: number;
  /** Display ids shared across executions, so updates reach outputs of earlier cells. */
  displays?: DisplayRegistry;
}

/** What one execution did. */
export interface ExecuteResult {
  status: ExecuteStatus;
  /** The kernel's execution count for the request, null when it never answered. */
  executionCount: number | null;
  outputs: Output[];
  /**
   * Why it failed, for a report: our line for a timeout or death, then the cell's traceback (or,
   * from a kernel that reports none, its stderr without tslab's and Node's frames). Empty when ok.
   */
  errorText: string;
  /** Everything the execution wrote to stderr (last 64 Ki characters). */
  stderr: string;
  /** True when outputs were cut at `maxOutputChars`. */
  truncated: boolean;
  durationMs: number;
  /** How the kernel ended, when it did during this execution (`died`, or a forced `timeout`). */
  exit?: KernelExit;
}

/** tslab's own abort window; retries of an aborted request cover it several times over. */
const TSLAB_ABORT_WINDOW_MS = 200;
const ABORT_RETRIES = 5;
const ABORTED = new Set(["aborted", "abort"]);
/** Longest error text kept: its start, which names the error (a message can be megabytes). */
const MAX_ERROR_CHARS = 65_536;
/**
 * After a cell's reply, its outputs are drained until tslab's idle status for it, which tslab
 * always publishes and, with no high-water mark (src/preload/tslab-fixes.ts), never drops: these
 * bounds only end a drain whose kernel stopped talking. They were 100 ms of IOPub silence and 5 s
 * in all, and on a loaded 2-core machine a test's error, queued behind an earlier cell's
 * 20,000-line flood, arrived after both (the hostile class lost it as "never arrived").
 */
const IDLE_QUIET_MS = 10_000;
const IDLE_MAX_WAIT_MS = 120_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolve with `promise`'s value, or with `undefined` after `ms` (the timer is cleared). */
async function within<T>(promise: Promise<T>, ms: number | undefined): Promise<T | undefined> {
  if (ms === undefined) {
    return promise;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type Ending = { kind: "reply"; reply: JupyterMessage } | { kind: "exit"; exit: KernelExit };

function tracebackText(content: JSONObject): string | undefined {
  const traceback = content.traceback;
  if (Array.isArray(traceback) && traceback.length > 0) {
    return traceback.map(String).join("\n").trim();
  }
  return typeof content.ename === "string"
    ? `${content.ename}: ${String(content.evalue ?? "")}`
    : undefined;
}

// The reply's traceback, else the last `error` output's, else the stderr of a kernel that
// prints its errors there (tslab without gradbook's protocol fixes).
function cellErrorOf(ending: Ending, collected: CollectedOutputs): string {
  const fromReply = ending.kind === "reply" ? tracebackText(ending.reply.content) : undefined;
  const lastError = collected.outputs.filter((output) => output.output_type === "error").at(-1);
  const fromOutput =
    lastError === undefined ? undefined : tracebackText(lastError as unknown as JSONObject);
  return (fromReply ?? fromOutput ?? cellErrorText(collected.stderr)).slice(0, MAX_ERROR_CHARS);
}

/** A running tslab kernel (see the file comment). Start it with `KernelClient.start`. */
export class KernelClient {
  private connection: KernelConnection;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    connection: KernelConnection,
    private readonly options: KernelOptions,
  ) {
    this.connection = connection;
  }

  /** Start a kernel in `options.cwd`; throws `KernelStartError` when it does not come up. */
  static async start(options: KernelOptions): Promise<KernelClient> {
    const connection = await KernelConnection.open(options, options.startTimeoutMs ?? 30_000);
    return new KernelClient(connection, options);
  }

  /** True while the kernel process runs. */
  get alive(): boolean {
    return this.connection.process.alive;
  }

  /** Process id of the kernel (also its process group and session id). */
  get pid(): number {
    return this.connection.process.pid;
  }

  /** The kernel_info_reply content (language_info, implementation, …). */
  get kernelInfo(): JSONObject {
    return this.connection.kernelInfo;
  }

  /** How the current kernel process ended, once it has. */
  get exitInfo(): KernelExit | undefined {
    return this.connection.process.exitInfo;
  }

  /** Largest resident memory of the kernel's process tree seen so far (with a memory cap set). */
  get peakMemoryBytes(): number {
    return this.connection.process.peakMemoryBytes;
  }

  /** Interrupt whatever runs now (the execution then ends with status `error`). */
  interrupt(): void {
    this.connection.process.interrupt();
  }

  /**
   * Execute `code` and collect its outputs. Executions are queued: one runs at a time. Never
   * throws for what the code does; a dead kernel answers every later call with `died` until
   * `restart`.
   */
  execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    const timeoutMs = options.timeoutMs;
    if (timeoutMs !== undefined && !(timeoutMs > 0)) {
      const message = `timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`;
      return Promise.reject(new RangeError(message));
    }
    const run = this.queue.then(() => this.executeNow(code, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Kill the kernel and start a fresh one with the same options (names and state are lost). */
  async restart(): Promise<void> {
    await this.queue;
    await this.connection.close("kernel restarted");
    this.connection = await KernelConnection.open(
      this.options,
      this.options.startTimeoutMs ?? 30_000,
    );
  }

  /**
   * Stop the kernel: kill its whole process tree (tslab keeps no state worth a polite
   * shutdown_request, and student timers could keep it alive) and remove the connection file.
   */
  async shutdown(): Promise<KernelExit> {
    return this.connection.close();
  }

  private async executeNow(code: string, options: ExecuteOptions): Promise<ExecuteResult> {
    const started = performance.now();
    const collector = new OutputCollector(
      this.options.maxOutputChars ?? 1_000_000,
      options.displays ?? new DisplayRegistry(),
    );
    const { ending, timedOut } = await this.sendUntilAccepted(code, collector, options.timeoutMs);
    const collected = collector.finish();
    const status: ExecuteStatus = timedOut
      ? "timeout"
      : ending.kind === "exit"
        ? "died"
        : ending.reply.content.status === "ok"
          ? "ok"
          : "error";
    const count = ending.kind === "reply" ? ending.reply.content.execution_count : undefined;
    return {
      status,
      executionCount: typeof count === "number" ? count : null,
      outputs: collected.outputs,
      errorText: this.errorText(status, ending, options.timeoutMs, cellErrorOf(ending, collected)),
      stderr: collected.stderr,
      truncated: collected.droppedChars > 0,
      durationMs: performance.now() - started,
      exit: ending.kind === "exit" ? ending.exit : undefined,
    };
  }

  private errorText(
    status: ExecuteStatus,
    ending: Ending,
    timeoutMs: number | undefined,
    cellText: string,
  ): string {
    if (status === "ok") {
      return "";
    }
    if (status === "error") {
      // tslab's IOPub drops messages past its high-water mark, and the error is written last.
      return cellText === ""
        ? "the cell failed, but its error message never arrived (a cell that prints a lot of output can lose it)"
        : cellText;
    }
    const lines: string[] = [];
    if (status === "timeout") {
      lines.push(`timed out after ${((timeoutMs ?? 0) / 1000).toFixed(1)} s and was interrupted`);
    }
    if (ending.kind === "exit") {
      lines.push(ending.exit.description);
    }
    if (cellText !== "") {
      lines.push(cellText);
    }
    return lines.join("\n");
  }

  // A request that tslab aborts was never run: sending it again is safe.
  private async sendUntilAccepted(
    code: string,
    collector: OutputCollector,
    timeoutMs: number | undefined,
  ): Promise<{ ending: Ending; timedOut: boolean }> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(code, collector, timeoutMs);
      const ending = outcome.ending;
      const aborted = ending.kind === "reply" && ABORTED.has(String(ending.reply.content.status));
      if (!aborted || attempt >= ABORT_RETRIES) {
        return outcome;
      }
      await sleep(TSLAB_ABORT_WINDOW_MS / 2);
    }
  }

  // One execute_request: resolves with its reply (after draining its outputs) or the kernel's
  // exit; a timeout interrupts, then kills the kernel if the cell does not stop in the grace.
  private async attempt(
    code: string,
    collector: OutputCollector,
    timeoutMs: number | undefined,
  ): Promise<{ ending: Ending; timedOut: boolean }> {
    const connection = this.connection;
    const kernel = connection.process;
    if (!kernel.alive) {
      return { ending: { kind: "exit", exit: await kernel.exited }, timedOut: false };
    }
    let requestId: string | undefined;
    let idle = false;
    let lastOutputAt = performance.now();
    let wakeDrain = (): void => {};
    const stopIopub = connection.onIopub((message) => {
      // IOPub is one queue: while an earlier cell's flood still drains, this request's output
      // (the error after it) waits behind it. Any message means IOPub is not quiet yet.
      lastOutputAt = performance.now();
      if (requestId === undefined || message.parent_header.msg_id !== requestId) {
        return;
      }
      if (message.header.msg_type === "status") {
        idle ||= message.content.execution_state === "idle";
        wakeDrain();
      } else {
        collector.add(message);
      }
    });
    let stopShell = (): void => {};
    const reply = new Promise<Ending>((resolve) => {
      stopShell = connection.onShell((message) => {
        if (
          requestId !== undefined &&
          message.parent_header.msg_id === requestId &&
          message.header.msg_type === "execute_reply"
        ) {
          resolve({ kind: "reply", reply: message });
        }
      });
    });
    const exited = kernel.exited.then((exit): Ending => ({ kind: "exit", exit }));
    try {
      const request = connection.request("execute_request", {
        code,
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
        stop_on_error: false,
      });
      requestId = request.msgId;
      await request.sent;
      const ending = await within(Promise.race([reply, exited]), timeoutMs);
      if (ending === undefined) {
        return { ending: await this.stopRunawayCell(reply, exited), timedOut: true };
      }
      if (ending.kind === "reply") {
        // Outputs published before the reply travel on another socket and may still be on
        // their way: the quiet period counts from the reply at the earliest.
        const replyAt = performance.now();
        lastOutputAt = Math.max(lastOutputAt, replyAt);
        void exited.then(() => wakeDrain());
        while (
          !idle &&
          kernel.alive &&
          performance.now() - lastOutputAt < IDLE_QUIET_MS &&
          performance.now() - replyAt < IDLE_MAX_WAIT_MS
        ) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, IDLE_QUIET_MS);
            wakeDrain = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      }
      return { ending, timedOut: false };
    } finally {
      stopIopub();
      stopShell();
    }
  }

  private async stopRunawayCell(reply: Promise<Ending>, exited: Promise<Ending>): Promise<Ending> {
    const grace = this.options.interruptGraceMs ?? 3_000;
    this.connection.process.interrupt();
    const stopped = await within(Promise.race([reply, exited]), grace);
    if (stopped !== undefined) {
      return stopped;
    }
    const exit = await this.connection.process.kill(
      `kernel killed: the cell was still running ${(grace / 1000).toFixed(1)} s after an interrupt`,
    );
    return { kind: "exit", exit };
  }
}
