import { KernelMessage, type Kernel } from "@jupyterlab/services";

/**
 * What a query brought back: the bundle it emitted, or why there is none. `stderr` is what the
 * kernel said about a failure: the traceback of its `error` message (gradbook's kernels, whose
 * preload follows the messaging protocol) and any stderr text (a bare tslab reports errors there).
 */
export type QueryOutcome =
  | { kind: "answer"; data: unknown; stderr: string }
  /**
   * The kernel answered "aborted": the query reached it while a cell run with stop-on-error (Run
   * All) was failing (a bare tslab says "abort", for ~200 ms after any failure, tslab issue #19).
   */
  | { kind: "aborted" }
  | { kind: "failed"; stderr: string }
  | { kind: "no-answer"; stderr: string }
  | { kind: "timeout" }
  /** The kernel went away (restart, shutdown) while the query ran. */
  | { kind: "canceled" };

export interface QueryOptions {
  /** Give up after this long; the first query in a fresh kernel compiles the import (~2 s). */
  timeoutMs?: number;
  /** Once the reply is in, how long to wait for output (bundle, stderr) that trails it on IOPub. */
  graceMs?: number;
}

/**
 * Runs `code` in the kernel as an ordinary execute request and returns the `mimeType` payload of
 * the display_data it emits. tslab has no comms and ignores `silent` and `store_history`
 * (docs/design.md, "Kernel runner"), so this is the only channel; the outputs belong to this
 * request's future alone and never reach a notebook cell. The answer counts once the reply and
 * the bundle are both in: tslab can lose the final `idle` status under load, so we do not wait
 * for it.
 */
export function runKernelQuery(
  kernel: Kernel.IKernelConnection,
  code: string,
  mimeType: string,
  { timeoutMs = 30_000, graceMs = 1_000 }: QueryOptions = {},
): Promise<QueryOutcome> {
  return new Promise<QueryOutcome>((resolve) => {
    let data: unknown = undefined;
    let stderr = "";
    let replyStatus: string | null = null;
    let settled = false;
    const timers: ReturnType<typeof setTimeout>[] = [];
    const finish = (outcome: QueryOutcome) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      resolve(outcome);
    };
    const aborted = () => replyStatus === "aborted" || replyStatus === "abort";
    const conclude = () => {
      if (aborted()) finish({ kind: "aborted" });
      else if (data !== undefined) finish({ kind: "answer", data, stderr });
      else if (replyStatus === "ok") finish({ kind: "no-answer", stderr });
      else finish({ kind: "failed", stderr });
    };
    let future: Kernel.IShellFuture<
      KernelMessage.IExecuteRequestMsg,
      KernelMessage.IExecuteReplyMsg
    >;
    try {
      future = kernel.requestExecute(
        { code, silent: false, store_history: false, allow_stdin: false, stop_on_error: false },
        true,
      );
    } catch {
      finish({ kind: "canceled" });
      return;
    }
    future.onIOPub = (msg) => {
      if (KernelMessage.isDisplayDataMsg(msg) && mimeType in msg.content.data) {
        data = msg.content.data[mimeType];
        if (replyStatus !== null) conclude();
      } else if (KernelMessage.isStreamMsg(msg) && msg.content.name === "stderr") {
        stderr += msg.content.text;
      } else if (KernelMessage.isErrorMsg(msg)) {
        const { ename, evalue, traceback } = msg.content;
        stderr += `${traceback.length > 0 ? traceback.join("\n") : `${ename}: ${evalue}`}\n`;
      }
    };
    future.onReply = (msg) => {
      replyStatus = msg.content.status;
      // An answer or an abort is complete; a failure waits for its stderr, which trails the reply.
      if ((data !== undefined && replyStatus === "ok") || aborted()) conclude();
      else timers.push(setTimeout(conclude, graceMs));
    };
    future.done.then(conclude, () => finish({ kind: "canceled" }));
    timers.push(setTimeout(() => finish({ kind: "timeout" }), timeoutMs));
  });
}
