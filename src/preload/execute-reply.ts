/**
 * tslab's server side of an execute_request (`ZmqServer.prototype.handleExecute` in
 * dist/jupyter.js), replaced so that the handler (execute-request.ts) can publish any IOPub
 * message as a child of the request — tslab's only publish `stream` and `display_data` — and see
 * whether more requests wait in the shell socket, and so that its full reply content is sent.
 */
import type { ExecuteChannel } from "./execute-request";
import {
  sendChild,
  type JSONRecord,
  type ServerSocket,
  type ZmqMessage,
  type ZmqServer,
} from "./tslab-server";

interface ExecuteHandler {
  handleExecute(
    request: JSONRecord,
    writeStream: ExecuteChannel["writeStream"],
    writeDisplayData: ExecuteChannel["writeDisplayData"],
    channel: ExecuteChannel,
  ): Promise<JSONRecord>;
}

const INSTALLED = Symbol.for("gradbook.tslabExecuteReplies");

/** The channel of one request (see `ExecuteChannel`). */
export function executeChannel(
  server: ZmqServer,
  socket: ServerSocket,
  request: ZmqMessage,
): ExecuteChannel {
  const publish = (msgType: string, content: JSONRecord): void =>
    sendChild(server, server.iopub, request, msgType, content);
  return {
    publish,
    writeStream: (name, text) => publish("stream", { name, text }),
    // tslab's display functions pass the whole content: data, metadata and transient.
    writeDisplayData: (data, update) =>
      publish(update ? "update_display_data" : "display_data", data),
    requestsWaiting: () => socket.readable === true,
  };
}

/** Replace `ZmqServer.prototype.handleExecute` (see the file comment); false when installed. */
export function sendExecuteReplies(ZmqServerClass: { prototype: ZmqServer }): boolean {
  const prototype = ZmqServerClass.prototype as ZmqServer & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) {
    return false;
  }
  prototype.handleExecute = async function (this: ZmqServer, socket, message) {
    const channel = executeChannel(this, socket, message);
    const handler = this.handler as ExecuteHandler;
    const content = await handler.handleExecute(
      message.content,
      channel.writeStream,
      channel.writeDisplayData,
      channel,
    );
    sendChild(this, socket, message, "execute_reply", content);
  };
  Object.defineProperty(prototype, INSTALLED, { value: true });
  return true;
}
