// The replies tslab gets wrong or never sends, checked with the host's own wire code
// (src/kernel/wire.ts): what the kernel sends must parse and verify as a Jupyter message.
import { describe, expect, test } from "vitest";
import { createMessage, parseMessage, serializeMessage } from "../../../src/kernel/wire";
import { completeKernelInfo } from "../../../src/preload/kernel-info";
import { answerOtherRequests } from "../../../src/preload/other-requests";
import type { ServerSocket, ZmqMessage, ZmqServer } from "../../../src/preload/tslab-server";

const KEY = "a-connection-key";

function socket(): ServerSocket & { sent: Buffer[][] } {
  const sent: Buffer[][] = [];
  return { sent, send: (frames) => sent.push(frames as Buffer[]) };
}

// A message as tslab's ZmqMessage behaves: replies keep the parent, signAndSend records them.
function tslabMessage(msgType: string, content: Record<string, unknown>): ZmqMessage {
  const message: ZmqMessage = {
    header: { msg_type: msgType },
    content,
    createReply: () => ({
      ...tslabMessage(msgType, {}),
      header: { msg_type: msgType, parent: message.header },
    }),
    signAndSend(_key, target) {
      (target as ServerSocket).send([JSON.stringify(this.header), this.content]);
    },
  };
  return message;
}

function server() {
  const delegated: string[] = [];
  const executor = { interrupted: 0, interrupt: () => (executor.interrupted += 1) };
  class FakeServer {
    connInfo = { key: KEY };
    iopub = socket();
    handler = { executor };
    async handleShellMessage(_socket: ServerSocket, ...frames: Buffer[]): Promise<void> {
      delegated.push(parseMessage(frames, KEY).header.msg_type);
    }
    handleCommInfoRequest(): void {}
    handleShutdown(): void {}
    async handleExecute(): Promise<void> {}
  }
  class FakeHandler {
    handleComplete(): Record<string, unknown> {
      throw new RangeError("position 99 is past the end of the cell");
    }
    handleInspect(): Record<string, unknown> {
      return { status: "ok", found: false, data: {}, metadata: {} };
    }
    handleIsComplete(): Record<string, unknown> {
      return { status: "complete" };
    }
  }
  answerOtherRequests(FakeServer as unknown as { prototype: ZmqServer }, FakeHandler);
  return { kernel: new FakeServer() as unknown as ZmqServer, delegated, executor, FakeHandler };
}

function request(msgType: string, content = {}, key = KEY): Buffer[] {
  const message = createMessage(msgType, "session-1", content);
  message.identities = [Buffer.from("client-7")];
  return serializeMessage(message, key);
}

describe("answerOtherRequests", () => {
  test("interrupt_request interrupts the cell's await and is answered, with busy and idle", async () => {
    const { kernel, executor, delegated } = server();
    const control = socket();
    await kernel.handleShellMessage(control, ...request("interrupt_request"));
    expect(executor.interrupted).toBe(1);
    expect(delegated).toEqual([]);
    const [reply] = control.sent.map((frames) => parseMessage(frames, KEY));
    expect(reply.identities).toEqual([Buffer.from("client-7")]);
    expect(reply.header.msg_type).toBe("interrupt_reply");
    expect(reply.parent_header.msg_type).toBe("interrupt_request");
    expect(reply.content).toEqual({ status: "ok" });
    const iopub = (kernel.iopub as ReturnType<typeof socket>).sent.map((f) => parseMessage(f, KEY));
    expect(iopub.map((m) => [m.header.msg_type, m.content.execution_state])).toEqual([
      ["status", "busy"],
      ["status", "idle"],
    ]);
  });

  test("history_request gets an empty history", async () => {
    const { kernel } = server();
    const shell = socket();
    await kernel.handleShellMessage(shell, ...request("history_request", { hist_access_type: "tail" }));
    const [reply] = shell.sent.map((frames) => parseMessage(frames, KEY));
    expect([reply.header.msg_type, reply.content]).toEqual(["history_reply", { status: "ok", history: [] }]);
  }); // prettier-ignore

  test("requests tslab knows go to tslab; unknown or unsigned ones are dropped silently", async () => {
    const { kernel, delegated } = server();
    const shell = socket();
    await kernel.handleShellMessage(shell, ...request("execute_request", { code: "1" }));
    await kernel.handleShellMessage(shell, ...request("usage_request"));
    await kernel.handleShellMessage(shell, ...request("interrupt_request", {}, "wrong-key"));
    expect(delegated).toEqual(["execute_request"]);
    expect(shell.sent).toEqual([]);
  });

  test("comm_info is answered as comm_info_reply; shutdown echoes restart", () => {
    const { kernel } = server();
    const shell = socket();
    kernel.handleCommInfoRequest(shell, tslabMessage("comm_info_request", {}));
    kernel.handleShutdown(shell, tslabMessage("shutdown_request", { restart: true }));
    expect(shell.sent.map(([header, content]) => [JSON.parse(String(header)), content])).toEqual([
      [{ msg_type: "comm_info_reply", parent: { msg_type: "comm_info_request" } }, { status: "ok", comms: {} }],
      [{ msg_type: "shutdown_reply", parent: { msg_type: "shutdown_request" } }, { status: "ok", restart: true }],
    ]);
  }); // prettier-ignore

  test("a completion that throws is answered with status error instead of no reply", () => {
    const { FakeHandler } = server();
    const handler = new FakeHandler();
    expect(handler.handleComplete()).toMatchObject({
      status: "error",
      ename: "RangeError",
      evalue: "position 99 is past the end of the cell",
    });
    expect(handler.handleIsComplete()).toEqual({ status: "complete" });
  });
});

test("completeKernelInfo: protocol 5.3 fields with the versions that really run", () => {
  const tslab = {
    protocol_version: "5.3",
    implementation: "tslab",
    implementation_version: "1.0.0",
    language_info: { name: "typescript", version: "3.7.2", mimetype: "text/typescript", file_extension: ".ts" },
    banner: "TypeScript",
  }; // prettier-ignore
  const info = completeKernelInfo(tslab, { tslab: "1.0.22", typescript: "5.0.4" });
  expect(info).toMatchObject({
    status: "ok",
    protocol_version: "5.3",
    implementation: "tslab",
    implementation_version: "1.0.22",
    language_info: {
      name: "typescript",
      version: "5.0.4",
      mimetype: "text/typescript",
      file_extension: ".ts",
      pygments_lexer: "typescript",
    },
    debugger: false,
  });
  expect(info.banner).toMatch(/^tslab 1\.0\.22: TypeScript 5\.0\.4 on Node\.js \d+/);
  expect(info.help_links).toEqual(
    expect.arrayContaining([{ text: "tslab", url: "https://github.com/yunabe/tslab" }]),
  );
});
