// Issue #20, route 2: a kernel answered a message with a bad signature by printing the right
// one on IOPub, which anyone who can reach the kernel may read without the key; resending the
// message with it ran code in the kernel. Here an outsider who can reach a kernel's sockets (a
// JupyterLab-style kernel on loopback TCP) subscribes to IOPub, sends a forged execute_request
// and must learn nothing; the same request signed with the key still runs.
import * as fs from "node:fs";
import * as path from "node:path";
import * as zmq from "zeromq";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { KernelClient } from "../../src/kernel/kernel-client";
import { endpoint, type ConnectionInfo } from "../../src/kernel/connection";
import {
  createMessage,
  parseMessage,
  serializeMessage,
  type JupyterMessage,
} from "../../src/kernel/wire";
import { CELL_MS, KERNEL_START_MS, REACTION_MS } from "../support/patience";

let kernel: KernelClient;
let info: ConnectionInfo;
const shell = new zmq.Dealer({ linger: 0 });
const iopub = new zmq.Subscriber({ linger: 0 });
const published: Buffer[][] = [];
const replies: JupyterMessage[] = [];

beforeAll(async () => {
  kernel = await KernelClient.start({
    cwd: path.join(__dirname, "..", "notebooks"),
    startTimeoutMs: KERNEL_START_MS,
  });
  const cmdline = fs.readFileSync(`/proc/${kernel.pid}/cmdline`, "utf8").split("\0");
  info = JSON.parse(fs.readFileSync(cmdline[cmdline.indexOf("--config-path") + 1], "utf8"));
  shell.connect(endpoint(info, info.shell_port));
  iopub.connect(endpoint(info, info.iopub_port));
  iopub.subscribe();
  void (async () => {
    for await (const frames of iopub) published.push(frames);
  })().catch(() => {});
  void (async () => {
    for await (const frames of shell) replies.push(parseMessage(frames, info.key));
  })().catch(() => {});
  // A publisher drops what it sends before a subscriber has joined: run cells until this one
  // hears them, however long the subscription takes to settle on a busy machine.
  const givingUp = performance.now() + REACTION_MS;
  while (published.length === 0) {
    if (performance.now() > givingUp) {
      throw new Error(`the IOPub subscriber heard no cell within ${REACTION_MS / 1000} s`);
    }
    await kernel.execute("1");
  }
});

afterAll(async () => {
  shell.close();
  iopub.close();
  await kernel?.shutdown();
});

function request(key: string): { id: string; frames: Buffer[] } {
  const message = createMessage("execute_request", "outsider", {
    code: 'console.log("outsider ran this")',
    silent: false,
    store_history: true,
    user_expressions: {},
    allow_stdin: false,
    stop_on_error: true,
  });
  return { id: message.header.msg_id, frames: serializeMessage(message, key) };
}

async function replyTo(id: string, ms: number): Promise<string | undefined> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    const reply = replies.find((message) => message.parent_header.msg_id === id);
    if (reply !== undefined) return String(reply.content.status);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

describe("a forged message", () => {
  test("is dropped without a word: no signature, no error, nothing runs", async () => {
    const forged = request("0".repeat(64));
    const before = published.length;
    await shell.send(forged.frames);
    expect(await replyTo(forged.id, 2_000)).toBeUndefined();
    const text = published
      .slice(before)
      .flat()
      .map((frame) => frame.toString("utf8"))
      .join("\n");
    expect(text).not.toMatch(/hmac|want|outsider ran this/);
    expect(text).not.toContain(forged.id);
  });

  test("while the same request signed with the key runs (the outsider was heard)", async () => {
    const signed = request(info.key);
    await shell.send(signed.frames);
    expect(await replyTo(signed.id, CELL_MS)).toBe("ok");
  });
});
