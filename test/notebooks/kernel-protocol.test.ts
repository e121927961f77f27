// Every reply of a gradbook tslab kernel against the Jupyter messaging protocol 5.3
// (https://jupyter-client.readthedocs.io/en/stable/messaging.html), over the wire, with the
// preload every kernel gets (src/preload/jupyter-protocol.ts). tslab routes control messages
// through the same dispatcher as shell ones, so interrupt and shutdown are asked on shell here;
// jupyter-clients.test.ts asks them on the control channel with jupyter_client itself.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { KernelConnection } from "../../src/kernel/kernel-connection";
import type { JupyterMessage } from "../../src/kernel/wire";
import type { JSONObject } from "../../src/notebook";
import { executeRequest } from "../support/execute-request";

interface Exchange {
  reply: JupyterMessage;
  /** IOPub messages of the request, status included, in arrival order. */
  iopub: JupyterMessage[];
}

/** The reply fields the protocol requires, by reply type (status "ok"). */
const REQUIRED: Record<string, Record<string, string>> = {
  kernel_info_reply: {
    status: "string",
    protocol_version: "string",
    implementation: "string",
    implementation_version: "string",
    language_info: "object",
    banner: "string",
    help_links: "object",
  },
  execute_reply: { status: "string", execution_count: "number", user_expressions: "object", payload: "object" },
  is_complete_reply: { status: "string" },
  complete_reply: { status: "string", matches: "object", cursor_start: "number", cursor_end: "number", metadata: "object" },
  inspect_reply: { status: "string", found: "boolean", data: "object", metadata: "object" },
  comm_info_reply: { status: "string", comms: "object" },
  history_reply: { status: "string", history: "object" },
  interrupt_reply: { status: "string" },
  shutdown_reply: { status: "string", restart: "boolean" },
}; // prettier-ignore

const ERROR_FIELDS = { ename: "string", evalue: "string", traceback: "object" };

function expectFields(content: JSONObject, fields: Record<string, string>): void {
  for (const [key, type] of Object.entries(fields)) {
    expect(typeof content[key], `${key} in ${JSON.stringify(content).slice(0, 200)}`).toBe(type);
  }
}

describe("a gradbook tslab kernel speaks the messaging protocol", () => {
  let kernel: KernelConnection;

  // Sends `msgType` and resolves with its reply and the IOPub messages up to its idle status.
  function ask(msgType: string, content: JSONObject): Promise<Exchange> {
    return new Promise((resolve, reject) => {
      const iopub: JupyterMessage[] = [];
      let reply: JupyterMessage | undefined;
      let id = "";
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no complete answer to ${msgType} within 60 s`));
      }, 60_000);
      const settle = (): void => {
        const idle = iopub.some((m) => m.content.execution_state === "idle");
        if (reply !== undefined && idle) {
          stop();
          resolve({ reply, iopub });
        }
      };
      const stopShell = kernel.onShell((message) => {
        if (message.parent_header.msg_id === id) {
          reply = message;
          settle();
        }
      });
      const stopIopub = kernel.onIopub((message) => {
        if (message.parent_header.msg_id === id) {
          iopub.push(message);
          settle();
        }
      });
      const stop = (): void => {
        clearTimeout(timer);
        stopShell();
        stopIopub();
      };
      id = kernel.request(msgType, content).msgId;
    });
  }

  const execute = (code: string, options: JSONObject = {}) =>
    ask("execute_request", executeRequest(code, options) as JSONObject);

  const iopubTypes = (exchange: Exchange): string[] =>
    exchange.iopub.map((m) =>
      m.header.msg_type === "status" ? String(m.content.execution_state) : m.header.msg_type,
    );

  beforeAll(async () => {
    kernel = await KernelConnection.open({ cwd: __dirname }, 60_000);
  });

  afterAll(async () => {
    await kernel?.close();
  });

  test("kernel_info_reply: protocol 5.3, the versions that run, help links, no debugger", async () => {
    const { reply } = await ask("kernel_info_request", {});
    expectFields(reply.content, REQUIRED.kernel_info_reply);
    expect(reply.content).toMatchObject({
      status: "ok",
      protocol_version: "5.3",
      implementation: "tslab",
      implementation_version: expect.stringMatching(/^1\.\d+\.\d+$/),
      language_info: {
        name: "typescript",
        version: expect.stringMatching(/^5\.\d+\.\d+$/),
        mimetype: "text/typescript",
        file_extension: ".ts",
        pygments_lexer: "typescript",
      },
      debugger: false,
    });
  });

  test("a cell's value: execute_input, stdout, execute_result, then the ok reply", async () => {
    const exchange = await execute('const side: number = 3;\nconsole.log("area");\nside * side');
    expectFields(exchange.reply.content, REQUIRED.execute_reply);
    const count = exchange.reply.content.execution_count;
    expect(exchange.reply.content).toMatchObject({
      status: "ok",
      user_expressions: {},
      payload: [],
    });
    expect(iopubTypes(exchange)).toEqual([
      "busy",
      "execute_input",
      "stream",
      "execute_result",
      "idle",
    ]);
    const [, input, stream, result] = exchange.iopub;
    expect(input.content).toEqual({
      code: 'const side: number = 3;\nconsole.log("area");\nside * side',
      execution_count: count,
    });
    expect(stream.content).toEqual({ name: "stdout", text: "area\n" });
    expect(result.content).toEqual({
      execution_count: count,
      data: { "text/plain": "9" },
      metadata: {},
    });
  });

  test("a ShapeError: the reply and an IOPub error carry ename, evalue and a clean traceback", async () => {
    const exchange = await execute(
      'import { matmul, tensor } from "gradbook";\nmatmul(tensor([[1, 2]]), tensor([[1, 2]]));',
      { stop_on_error: false },
    );
    const content = exchange.reply.content;
    expectFields(content, { ...REQUIRED.execute_reply, ...ERROR_FIELDS });
    expect(content).toMatchObject({ status: "error", ename: "ShapeError" });
    expect(content.evalue).toMatch(/^matmul: \[1, 2\] @ \[1, 2\]/);
    const traceback = content.traceback as string[];
    expect(traceback[0]).toBe(`ShapeError: ${String(content.evalue)}`);
    expect(traceback.join("\n")).toMatch(/at matmul \(.*[/\\]dist[/\\]tensor[/\\]/);
    expect(traceback.join("\n")).not.toMatch(/node:vm|node:internal|tslab[/\\]dist|preload/);
    const error = exchange.iopub.find((m) => m.header.msg_type === "error");
    expect(error?.content).toEqual({ ename: content.ename, evalue: content.evalue, traceback });
  });

  test("a type error is a TSError whose traceback is the diagnostics", async () => {
    const { reply } = await execute('const wrong: number = "text";', { stop_on_error: false });
    expect(reply.content).toMatchObject({
      status: "error",
      ename: "TSError",
      evalue: "1:7 - Type 'string' is not assignable to type 'number'.",
      traceback: ["1:7 - Type 'string' is not assignable to type 'number'."],
    });
  });

  test("stop on error: requests queued behind a failing one are aborted, the next one runs", async () => {
    // The failing cell runs long enough for the other two to reach the kernel first.
    const burst = [
      execute(
        'const until = Date.now() + 300;\nwhile (Date.now() < until) {}\nthrow new Error("first");',
      ),
      execute("side + 1"),
      execute("side + 2", { stop_on_error: false }),
    ];
    const [failed, ...queued] = await Promise.all(burst);
    expect(failed.reply.content).toMatchObject({ status: "error", evalue: "first" });
    for (const exchange of queued) {
      expect(exchange.reply.content).toEqual({ status: "aborted" });
      expect(iopubTypes(exchange)).toEqual(["busy", "idle"]);
    }
    const after = await execute("side + 3");
    expect(after.reply.content).toMatchObject({ status: "ok" });
  });

  test("stop_on_error: false runs what is queued behind a failure", async () => {
    const [failed, next] = await Promise.all([
      execute('throw new Error("allowed");', { stop_on_error: false }),
      execute("side + 4"),
    ]);
    expect(failed.reply.content).toMatchObject({ status: "error" });
    expect(next.reply.content).toMatchObject({ status: "ok" });
  });

  test("silent and store_history: false keep the execution count and publish no result", async () => {
    const before = (await execute("1")).reply.content.execution_count as number;
    const silent = await execute("2", { silent: true, store_history: false });
    expect(silent.reply.content).toMatchObject({ status: "ok", execution_count: before });
    expect(iopubTypes(silent)).toEqual(["busy", "idle"]);
    const unstored = await execute("3", { store_history: false });
    expect(unstored.reply.content).toMatchObject({ execution_count: before });
    expect((await execute("4")).reply.content).toMatchObject({ execution_count: before + 1 });
  });

  test("is_complete, complete and inspect answer as the protocol says", async () => {
    const complete = await ask("is_complete_request", { code: "const a = 1;" });
    expectFields(complete.reply.content, REQUIRED.is_complete_reply);
    expect(complete.reply.content).toEqual({ status: "complete" });
    const incomplete = await ask("is_complete_request", { code: "function f() {" });
    expect(incomplete.reply.content).toMatchObject({ status: "incomplete" });

    const code = "side.toFix";
    const completion = await ask("complete_request", { code, cursor_pos: code.length });
    expectFields(completion.reply.content, REQUIRED.complete_reply);
    expect(completion.reply.content).toMatchObject({ status: "ok", cursor_end: code.length });
    expect(completion.reply.content.matches).toContain("toFixed");

    const inspection = await ask("inspect_request", { code: "side", cursor_pos: 2, detail_level: 0 });
    expectFields(inspection.reply.content, REQUIRED.inspect_reply);
    expect(inspection.reply.content).toMatchObject({ status: "ok", found: true });
    expect(inspection.reply.content.data).toMatchObject({ "text/plain": expect.stringContaining("number") });
  }); // prettier-ignore

  test("comm_info, history and interrupt are answered with their own reply types", async () => {
    for (const [request, content] of [
      ["comm_info_request", {}],
      ["history_request", { hist_access_type: "tail", n: 10, output: false, raw: true }],
      ["interrupt_request", {}],
    ] as const) {
      const { reply, iopub } = await ask(request, content);
      const type = request.replace("_request", "_reply");
      expect(reply.header.msg_type).toBe(type);
      expectFields(reply.content, REQUIRED[type]);
      expect(reply.content.status).toBe("ok");
      expect(iopub.map((m) => m.content.execution_state)).toEqual(["busy", "idle"]);
    }
  });

  test("shutdown_reply echoes restart, and the kernel ends", async () => {
    const exited = kernel.process.exited;
    const id = kernel.request("shutdown_request", { restart: true }).msgId;
    const reply = await new Promise<JupyterMessage>((resolve) => {
      kernel.onShell((message) => {
        if (message.parent_header.msg_id === id) resolve(message);
      });
    });
    expect(reply.header.msg_type).toBe("shutdown_reply");
    expect(reply.content).toEqual({ status: "ok", restart: true });
    expect((await exited).reason).toBe("exited");
  });
});
