/**
 * The shapes of tslab 1.0's Jupyter server (dist/jupyter.js) that the protocol fixes rely on:
 * `ZmqServer`, which reads the sockets and signs messages, and its `ZmqMessage`s. tslab ships
 * no types for them; these name only what the fixes touch, so that a tslab whose shapes differ
 * is noticed (jupyter-protocol.ts checks them) instead of patched blindly.
 */

/** A JSON object of a message. */
export type JSONRecord = Record<string, unknown>;

/** One message as tslab parsed it (its signature checked). */
export interface ZmqMessage {
  header: JSONRecord & { msg_type: string };
  content: JSONRecord;
  /** A message to the same client, its parent this one, with an empty content. */
  createReply(): ZmqMessage;
  signAndSend(key: string, socket: unknown): void;
}

/** A zeromq socket of the server. */
export interface ServerSocket {
  /** zeromq.js: true while a message waits to be read. */
  readonly readable?: boolean;
  send(frames: unknown[]): unknown;
}

/** tslab's ZmqServer, as far as the fixes use it. */
export interface ZmqServer {
  connInfo: { key: string };
  iopub: ServerSocket;
  handler: object;
  handleShellMessage(socket: ServerSocket, ...frames: Buffer[]): Promise<void>;
  handleExecute(socket: ServerSocket, message: ZmqMessage): Promise<void>;
  handleCommInfoRequest(socket: ServerSocket, message: ZmqMessage): void;
  handleShutdown(socket: ServerSocket, message: ZmqMessage): void;
}

/** Send `msgType` with `content` to `socket`, as a child of `parent` (signed with the key). */
export function sendChild(
  server: ZmqServer,
  socket: ServerSocket,
  parent: ZmqMessage,
  msgType: string,
  content: JSONRecord,
): void {
  const message = parent.createReply();
  message.header.msg_type = msgType;
  message.content = content;
  message.signAndSend(server.connInfo.key, socket);
}
