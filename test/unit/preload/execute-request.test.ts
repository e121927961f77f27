import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { recordCellOutcomes, type ExecutorModule } from "../../../src/preload/cell-outcome";
import {
  answerExecuteRequests,
  type ExecuteChannel,
  type JupyterModule,
} from "../../../src/preload/execute-request";
import { executeRequest } from "../../support/execute-request";

// tslab's own queue (dist/util.js), which the handler's requests go through.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TaskQueue } = require("tslab/dist/util.js") as {
  TaskQueue: new () => { add<T>(task: () => Promise<T>): Promise<T> };
};

type Published = [string, Record<string, unknown>];

// A cell's code says what the stand-in executor does: "fail" throws, "wait" waits for the test
// to release it and then fails, a number is the cell's value, anything else just runs.
function fakeExecutorModule(release: Promise<void>): ExecutorModule {
  return {
    createExecutor: (_rootDir, _converters, console) => ({
      interrupt: () => {},
      execute: async (code: string) => {
        if (code === "wait") await release;
        if (code === "fail" || code === "wait") {
          console.error(new Error(`${code} failed`));
          return false;
        }
        if (/^\d+$/.test(code)) console.log(Number(code));
        return true;
      },
    }),
  };
}

/** A tslab handler with the fixes installed, and a client that talks to it like tslab's server. */
function kernel() {
  let releaseWait = (): void => {};
  const executorModule = fakeExecutorModule(new Promise((resolve) => (releaseWait = resolve)));
  recordCellOutcomes(executorModule);
  class JupyterHandlerImpl {
    execCount = 0;
    execQueue = new TaskQueue();
    executor = executorModule.createExecutor("/", {}, { log: () => {}, error: () => {} });
    createWriteToIopub(name: string, write: ExecuteChannel["writeStream"]) {
      return ((text: string) => {
        write(name, text);
        return true;
      }) as typeof process.stdout.write;
    }
    async handleExecute(): Promise<Record<string, unknown>> {
      return { status: "tslab's own" };
    }
  }
  const jupyter = { JupyterHandlerImpl, lastWriteDisplayData: null };
  answerExecuteRequests(jupyter as unknown as JupyterModule);
  const handler = new JupyterHandlerImpl() as unknown as {
    handleExecute(...args: unknown[]): Promise<Record<string, unknown>>;
  };
  // Requests still unread in the shell socket: delivered one per event-loop turn, as zeromq does.
  const unread: (() => void)[] = [];
  const published: Published[] = [];
  const send = (request: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const channel: ExecuteChannel = {
      writeStream: () => {},
      writeDisplayData: () => {},
      publish: (msgType, content) => published.push([msgType, content]),
      requestsWaiting: () => unread.length > 0,
    };
    return handler.handleExecute(request, channel.writeStream, channel.writeDisplayData, channel);
  };
  const sendLater = (request: Record<string, unknown>): Promise<Record<string, unknown>> =>
    new Promise((resolve) => {
      unread.push(() => resolve(send(request)));
      const deliver = (): void => {
        unread.shift()?.();
        if (unread.length > 0) setImmediate(deliver);
      };
      if (unread.length === 1) setImmediate(deliver);
    });
  return { send, sendLater, published, releaseWait };
}

describe("answerExecuteRequests (tslab's execute_request, as ipykernel answers it)", () => {
  let writes: [typeof process.stdout.write, typeof process.stderr.write];
  beforeEach(() => {
    writes = [process.stdout.write, process.stderr.write];
  });
  afterEach(() => {
    [process.stdout.write, process.stderr.write] = writes;
  });

  test("a cell's value is an execute_result after its execute_input; the reply says ok", async () => {
    const { send, published } = kernel();
    expect(await send(executeRequest("42"))).toEqual({
      status: "ok",
      execution_count: 1,
      user_expressions: {},
      payload: [],
    });
    expect(published).toEqual([
      ["execute_input", { code: "42", execution_count: 1 }],
      ["execute_result", { execution_count: 1, data: { "text/plain": "42" }, metadata: {} }],
    ]);
  });

  test("a failure: the reply and an IOPub error carry ename, evalue and traceback", async () => {
    const { send, published } = kernel();
    const reply = await send(executeRequest("fail"));
    expect(reply).toMatchObject({ status: "error", ename: "Error", evalue: "fail failed" });
    expect(reply.traceback).toEqual(expect.arrayContaining(["Error: fail failed"]));
    const { status: _status, execution_count: _count, ...error } = reply;
    expect(published.at(-1)).toEqual([
      "error",
      { ename: error.ename, evalue: error.evalue, traceback: error.traceback },
    ]);
  });

  test("requests queued at the moment of an error are aborted; later ones run", async () => {
    const { send, published, releaseWait } = kernel();
    const failing = send(executeRequest("wait"));
    const queued = [send(executeRequest("1")), send(executeRequest("2"))];
    releaseWait();
    expect(await failing).toMatchObject({ status: "error", execution_count: 1 });
    expect(await Promise.all(queued)).toEqual([{ status: "aborted" }, { status: "aborted" }]);
    expect(await send(executeRequest("3"))).toMatchObject({ status: "ok", execution_count: 2 });
    expect(published.filter(([type]) => type === "execute_input")).toHaveLength(2);
  });

  test("requests still unread in the socket at the moment of an error are aborted too", async () => {
    const { send, sendLater } = kernel();
    const failing = send(executeRequest("fail"));
    const unread = [sendLater(executeRequest("1")), sendLater(executeRequest("2"))];
    expect(await failing).toMatchObject({ status: "error" });
    expect(await Promise.all(unread)).toEqual([{ status: "aborted" }, { status: "aborted" }]);
    expect(await send(executeRequest("3"))).toMatchObject({ status: "ok" });
  });

  test("stop_on_error: false (nbclient with errors allowed) runs what is queued", async () => {
    const { send } = kernel();
    const failing = send(executeRequest("fail", { stop_on_error: false }));
    const next = send(executeRequest("1"));
    expect(await failing).toMatchObject({ status: "error" });
    expect(await next).toMatchObject({ status: "ok", execution_count: 2 });
  });

  test("silent requests publish no input or result, abort nothing and keep the count", async () => {
    const { send, published } = kernel();
    const failing = send(executeRequest("fail", { silent: true }));
    const next = send(executeRequest("7", { silent: true }));
    expect(await failing).toMatchObject({ status: "error", execution_count: 0 });
    expect(await next).toMatchObject({ status: "ok", execution_count: 0 });
    expect(published.map(([type]) => type)).toEqual(["error"]);
    expect(await send(executeRequest("8", { store_history: false }))).toMatchObject({
      execution_count: 0,
    });
    expect(await send(executeRequest("9"))).toMatchObject({ execution_count: 1 });
  });
});
