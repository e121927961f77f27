/**
 * tslab's answer to an execute_request (`JupyterHandlerImpl.prototype.handleExecute` in
 * dist/jupyter.js), replaced so that the kernel follows the messaging protocol as ipykernel does:
 * - the reply says `ok`, `error` with `ename`/`evalue`/`traceback`, or `aborted`, with the
 *   execution count, `user_expressions` (none are evaluated) and `payload`;
 * - IOPub carries `execute_input` when the cell starts, `execute_result` for the value of its
 *   last expression and `error` when it fails (cell-outcome.ts, cell-error.ts);
 * - the execution count rises only for requests that store history (not for silent ones);
 * - stop on error: when a request with `stop_on_error` (the default) fails, the execute requests
 *   that reached the kernel before the failure was known — queued behind it, or still unread in
 *   the shell socket — are answered `aborted` without running, and later ones run. JupyterLab's
 *   "Run All" sends every cell at once and so still stops at the first error; a client that
 *   sends one cell after another (nbclient, nbgrader) or asks for `stop_on_error: false` has
 *   every cell run. tslab instead answered `abort` to every request for 200 ms after any failure
 *   (yunabe/tslab#19): nbclient's next cell came sooner, and a notebook "ran" with most of its
 *   cells silently skipped.
 */
import { cellRunner, type CellOutcome, type TslabExecutor } from "./cell-outcome";
import { thrownError } from "./cell-error";

type JSONRecord = Record<string, unknown>;

/** How the handler reaches the client of one request (provided by execute-reply.ts). */
export interface ExecuteChannel {
  writeStream(name: string, text: string): void;
  writeDisplayData(data: JSONRecord, update: boolean): void;
  /** Publish a message of `msgType` on IOPub, as a child of the request. */
  publish(msgType: string, content: JSONRecord): void;
  /** True while requests wait unread in the socket this one came from. */
  requestsWaiting(): boolean;
}

type WriteStream = ExecuteChannel["writeStream"];
type WriteDisplayData = ExecuteChannel["writeDisplayData"];

/** tslab's JupyterHandlerImpl, as far as this file uses it. */
interface Handler {
  execCount: number;
  executor: TslabExecutor;
  execQueue: { add<T>(task: () => Promise<T>): Promise<T> };
  createWriteToIopub(name: string, writeStream: WriteStream): typeof process.stdout.write;
  handleExecute(
    request: JSONRecord,
    writeStream: WriteStream,
    writeDisplayData: WriteDisplayData,
    channel?: ExecuteChannel,
  ): Promise<JSONRecord>;
}

/** tslab's dist/jupyter.js: the handler class, and where `display` finds the current cell. */
export interface JupyterModule {
  JupyterHandlerImpl: { prototype: Handler };
  lastWriteDisplayData: WriteDisplayData | null;
}

const INSTALLED = Symbol.for("gradbook.tslabExecuteRequests");
const abortingHandlers = new WeakSet<Handler>();

// ipykernel aborts what waits in its socket and queue when a cell fails, and queues the end of
// the abort behind it. Here tslab's own loop reads the socket: a message it has just read is
// queued a few promise jobs later, and one still in the socket is read on a later turn of the
// event loop. So once the pending promise jobs have run (a tick) and nothing is left unread, the
// end of the abort is queued, and only then is the failed request answered: a client that sends
// its next request on seeing the error never has it aborted, however busy the machine.
function abortWaitingRequests(handler: Handler, channel: ExecuteChannel): Promise<void> {
  abortingHandlers.add(handler);
  return new Promise((resolve) => {
    const stopOnceDrained = (): void => {
      if (channel.requestsWaiting()) {
        setImmediate(stopOnceDrained);
        return;
      }
      void handler.execQueue.add(async () => {
        abortingHandlers.delete(handler);
      });
      resolve();
    };
    process.nextTick(stopOnceDrained);
  });
}

async function execute(
  handler: Handler,
  jupyter: JupyterModule,
  runCell: (code: string) => Promise<CellOutcome>,
  request: JSONRecord,
  channel: ExecuteChannel,
): Promise<JSONRecord> {
  if (abortingHandlers.has(handler)) {
    return { status: "aborted" };
  }
  const silent = request.silent === true;
  if (!silent && request.store_history !== false) {
    handler.execCount += 1;
  }
  const count = handler.execCount;
  const code = typeof request.code === "string" ? request.code : "";
  if (!silent) {
    channel.publish("execute_input", { code, execution_count: count });
  }
  // Output of this cell, and late output of earlier cells' timers, goes to this request.
  process.stdout.write = handler.createWriteToIopub("stdout", channel.writeStream);
  process.stderr.write = handler.createWriteToIopub("stderr", channel.writeStream);
  jupyter.lastWriteDisplayData = channel.writeDisplayData;
  const outcome = await runCell(code);
  const replied = { execution_count: count, user_expressions: {}, payload: [] };
  if (outcome.ok) {
    if (outcome.value !== undefined && !silent) {
      const data = { "text/plain": outcome.value };
      channel.publish("execute_result", { execution_count: count, data, metadata: {} });
    }
    return { status: "ok", ...replied };
  }
  const error = { ename: "Error", evalue: "", traceback: [], ...outcome.error };
  channel.publish("error", error);
  if (!silent && request.stop_on_error !== false) {
    await abortWaitingRequests(handler, channel);
  }
  return { status: "error", ...error, ...replied };
}

/**
 * Replace `JupyterHandlerImpl.prototype.handleExecute` (see the file comment). A call without an
 * `ExecuteChannel` (tslab's own server, not execute-reply.ts's), or for an executor created
 * before `recordCellOutcomes`, goes to tslab's original. Returns false when already installed.
 */
export function answerExecuteRequests(jupyter: JupyterModule): boolean {
  const prototype = jupyter.JupyterHandlerImpl.prototype as Handler & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) {
    return false;
  }
  const original = prototype.handleExecute;
  prototype.handleExecute = function (this: Handler, request, writeStream, writeDisplay, channel) {
    const runCell = cellRunner(this.executor);
    if (channel === undefined || runCell === undefined) {
      return original.call(this, request, writeStream, writeDisplay);
    }
    // The queue runs one request at a time; a task that never rejects keeps tslab's queue from
    // cancelling the tasks behind it.
    return this.execQueue.add(() =>
      execute(this, jupyter, runCell, request, channel).catch((error: unknown) => ({
        status: "error",
        ...thrownError(error),
      })),
    );
  };
  Object.defineProperty(prototype, INSTALLED, { value: true });
  return true;
}
