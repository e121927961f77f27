/**
 * One tslab kernel process and the ZeroMQ sockets gradbook talks to it through: a DEALER on the
 * shell channel for requests and replies, a SUB on IOPub for outputs and status. Opening it
 * performs the kernel_info handshake, which also proves that the IOPub subscription is live
 * (ZeroMQ drops what a publisher sends before a subscriber has joined), so no output of the
 * first cell can be lost. The stdin, control and heartbeat channels are not used: cells get no
 * input, interrupts are signals, and death is seen on the process itself.
 */
import { randomUUID } from "node:crypto";
import * as zmq from "zeromq";
import type { JSONObject } from "../notebook";
import { createConnectionFile, endpoint, type ConnectionFile, type Transport } from "./connection";
import { KernelProcess, type KernelExit, type KernelProcessOptions } from "./kernel-process";
import { createMessage, parseMessage, serializeMessage, type JupyterMessage } from "./wire";

/** Receives every valid message arriving on a channel. */
export type MessageListener = (message: JupyterMessage) => void;

/** A kernel that did not come up; `kernelOutput` is what it printed before failing. */
export class KernelStartError extends Error {
  override readonly name = "KernelStartError";
  readonly kernelOutput: string;

  constructor(message: string, kernelOutput: string) {
    super(
      kernelOutput.trim() === "" ? message : `${message}\nkernel output:\n${kernelOutput.trim()}`,
    );
    this.kernelOutput = kernelOutput;
  }
}

const HANDSHAKE_RESEND_MS = 200;
const START_ATTEMPTS = 3;
const PORT_IN_USE = /EADDRINUSE|Address already in use/;
// tslab logs every unhandled error ("UnhandledPromiseRejection: …") and keeps running. Most are
// harmless at start: a request that reaches the shell socket while the IOPub socket is still
// binding ("Socket is blocked by a bind or unbind operation") is simply asked again. Only an
// error of the server's own start (a port taken, zeromq not loadable, an unreadable connection
// file) leaves a kernel without sockets: recognise that one instead of waiting.
const LOGGED_ERROR = /^(?:UnhandledPromiseRejection|UncaughtException):/m;
const SERVER_START =
  /ZmqServer\.(?:init|bindSocket)\b|zeromq\.js addon|EADDRINUSE|Address already in use/;

/** True when the kernel's output reports that its server could not start (see above). */
export function serverStartFailed(output: string): boolean {
  return output
    .split(LOGGED_ERROR)
    .slice(1)
    .some((block) => SERVER_START.test(block));
}

/** How to start a kernel and reach it. */
export interface ConnectionOptions extends Omit<KernelProcessOptions, "connectionFile"> {
  /** Loopback TCP ports (default) or Unix sockets in a private folder (connection.ts). */
  transport?: Transport;
}

/** A live connection to one kernel process (see the file comment). */
export class KernelConnection {
  /** The kernel's answer to kernel_info_request (language_info, implementation, …). */
  kernelInfo: JSONObject = {};
  private readonly session = randomUUID();
  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly iopub = new zmq.Subscriber({ linger: 0, receiveHighWaterMark: 0 });
  private readonly shellListeners = new Set<MessageListener>();
  private readonly iopubListeners = new Set<MessageListener>();
  private closed = false;

  private constructor(
    readonly process: KernelProcess,
    private readonly file: ConnectionFile,
  ) {
    const info = file.info;
    this.shell.connect(endpoint(info, info.shell_port));
    this.iopub.connect(endpoint(info, info.iopub_port));
    this.iopub.subscribe();
    void this.pump(this.shell, this.shellListeners);
    void this.pump(this.iopub, this.iopubListeners);
  }

  /**
   * Start a kernel and complete the handshake within `startTimeoutMs`. A port taken by another
   * program between allocation and bind is retried with fresh ports; any other failure is a
   * `KernelStartError` carrying the kernel's own output.
   */
  static async open(options: ConnectionOptions, startTimeoutMs: number): Promise<KernelConnection> {
    const transport = options.transport ?? "tcp";
    if (options.isolateNetwork && transport !== "ipc") {
      throw new KernelStartError(
        'a kernel without network can only be reached through Unix sockets: use transport "ipc"',
        "",
      );
    }
    for (let attempt = 1; ; attempt++) {
      const owner =
        options.uid !== undefined
          ? { uid: options.uid, gid: options.gid ?? options.uid }
          : undefined;
      const file = await createConnectionFile({ owner, transport });
      let kernelProcess: KernelProcess;
      try {
        const { transport: _transport, ...processOptions } = options;
        kernelProcess = await KernelProcess.spawn({ ...processOptions, connectionFile: file.path });
      } catch (error) {
        file.dispose();
        throw new KernelStartError((error as Error).message, "");
      }
      const connection = new KernelConnection(kernelProcess, file);
      try {
        connection.kernelInfo = await connection.handshake(startTimeoutMs);
        return connection;
      } catch (error) {
        await connection.close();
        const portInUse = PORT_IN_USE.test(kernelProcess.output);
        if (!(portInUse && attempt < START_ATTEMPTS)) {
          throw error;
        }
      }
    }
  }

  /** Listen to shell replies; returns the function that stops listening. */
  onShell(listener: MessageListener): () => void {
    this.shellListeners.add(listener);
    return () => {
      this.shellListeners.delete(listener);
    };
  }

  /** Listen to IOPub messages; returns the function that stops listening. */
  onIopub(listener: MessageListener): () => void {
    this.iopubListeners.add(listener);
    return () => {
      this.iopubListeners.delete(listener);
    };
  }

  /**
   * Send a request on the shell channel. The msg_id is returned at once, before the message is
   * queued, so that a listener can recognise an answer however fast it comes.
   */
  request(msgType: string, content: JSONObject): { msgId: string; sent: Promise<void> } {
    const message = createMessage(msgType, this.session, content);
    return {
      msgId: message.header.msg_id,
      sent: this.shell.send(serializeMessage(message, this.file.info.key)),
    };
  }

  /** Kill the kernel's process tree, close the sockets and delete the connection file. */
  async close(description?: string): Promise<KernelExit> {
    const exit = await this.process.kill(description);
    if (!this.closed) {
      this.closed = true;
      this.shell.close();
      this.iopub.close();
      this.file.dispose();
    }
    return exit;
  }

  private async pump(
    socket: zmq.Dealer | zmq.Subscriber,
    listeners: Set<MessageListener>,
  ): Promise<void> {
    try {
      for await (const frames of socket) {
        let message: JupyterMessage;
        try {
          message = parseMessage(frames, this.file.info.key);
        } catch {
          continue; // Unsigned or malformed: not from our kernel, never acted upon.
        }
        for (const listener of [...listeners]) {
          listener(message);
        }
      }
    } catch {
      // The socket was closed while waiting: the connection is over.
    }
  }

  // kernel_info_request is resent until both its reply and an IOPub message for one of the
  // requests have arrived; early requests are simply queued by ZeroMQ until the kernel binds.
  private async handshake(timeoutMs: number): Promise<JSONObject> {
    const sent = new Set<string>();
    let reply: JSONObject | undefined;
    let iopubLive = false;
    let wake = (): void => {};
    const ownRequest = (message: JupyterMessage): boolean =>
      sent.has(message.parent_header.msg_id ?? "");
    const stopShell = this.onShell((message) => {
      if (ownRequest(message) && message.header.msg_type === "kernel_info_reply") {
        reply = message.content;
        wake();
      }
    });
    const stopIopub = this.onIopub((message) => {
      if (ownRequest(message)) {
        iopubLive = true;
        wake();
      }
    });
    const deadline = performance.now() + timeoutMs;
    try {
      while (reply === undefined || !iopubLive) {
        this.checkStarting(deadline, timeoutMs);
        const request = this.request("kernel_info_request", {});
        sent.add(request.msgId);
        await request.sent;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, HANDSHAKE_RESEND_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return reply;
    } finally {
      stopShell();
      stopIopub();
    }
  }

  private checkStarting(deadline: number, timeoutMs: number): void {
    if (!this.process.alive) {
      throw new KernelStartError(
        `the tslab kernel stopped while starting (${this.process.exitInfo?.description})`,
        this.process.output,
      );
    }
    const output = this.process.output;
    if (serverStartFailed(output)) {
      const what = PORT_IN_USE.test(output) ? "could not bind its ports" : "failed while starting";
      throw new KernelStartError(`the tslab kernel ${what}`, output);
    }
    if (performance.now() > deadline) {
      throw new KernelStartError(
        `the tslab kernel did not answer within ${(timeoutMs / 1000).toFixed(1)} s`,
        this.process.output,
      );
    }
  }
}
