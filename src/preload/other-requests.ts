/**
 * The shell and control requests other than execute and kernel_info, where tslab 1.0.22 departs
 * from the messaging protocol (its `ZmqServer` and `JupyterHandlerImpl` in dist/jupyter.js):
 * - comm_info_request was answered with msg_type `complete_reply`; now `comm_info_reply`;
 * - shutdown_reply always said `restart: false`; it now echoes the request and says `status`;
 * - interrupt_request (control channel) got no reply: the cell's pending await is interrupted,
 *   as SIGINT does, and the request answered. A synchronous loop holds the event loop that
 *   reads the control socket, so only the signal (the kernelspec's default) can stop one;
 * - history_request got no reply: it gets an empty history (tslab keeps none);
 * - any other request tslab does not know printed a warning into the output of the last cell
 *   that ran; it is ignored, as ipykernel ignores unknown requests;
 * - an exception while completing, inspecting or judging completeness left the request without
 *   an answer and printed into the last cell's output; it is answered with status `error`.
 */
import { thrownError } from "./cell-error";
import { childFrames, claimedType, readRequest, type RawRequest } from "./raw-request";
import { sendChild, type JSONRecord, type ServerSocket, type ZmqServer } from "./tslab-server";

/** The requests tslab's server dispatches itself. */
const TSLAB_REQUESTS = new Set([
  "kernel_info_request",
  "execute_request",
  "is_complete_request",
  "inspect_request",
  "complete_request",
  "comm_info_request",
  "shutdown_request",
]);

type Answer = (server: ZmqServer, request: RawRequest) => JSONRecord;

const OWN_ANSWERS: Record<string, Answer> = {
  interrupt_request: (server) => {
    (server.handler as { executor?: { interrupt(): void } }).executor?.interrupt();
    return { status: "ok" };
  },
  history_request: () => ({ status: "ok", history: [] }),
};

type HandlerMethod = (this: unknown, request: JSONRecord) => JSONRecord;
const GUARDED_HANDLER_METHODS = ["handleIsComplete", "handleInspect", "handleComplete"] as const;

const INSTALLED = Symbol.for("gradbook.tslabOtherRequests");

function answer(server: ZmqServer, socket: ServerSocket, request: RawRequest, type: string): void {
  const key = server.connInfo.key;
  const status = (state: string): void => {
    server.iopub.send(childFrames(request, key, "status", { execution_state: state }, []));
  };
  status("busy");
  const content = OWN_ANSWERS[type](server, request);
  socket.send(childFrames(request, key, type.replace(/_request$/, "_reply"), content));
  status("idle");
}

function fixServer(prototype: ZmqServer): void {
  const handleShellMessage = prototype.handleShellMessage;
  prototype.handleShellMessage = async function (this: ZmqServer, socket, ...frames) {
    const type = claimedType(frames);
    if (type === undefined || TSLAB_REQUESTS.has(type)) {
      return handleShellMessage.call(this, socket, ...frames);
    }
    const request = readRequest(frames, this.connInfo.key);
    if (request !== undefined && type in OWN_ANSWERS) {
      answer(this, socket, request, type);
    }
  };
  prototype.handleCommInfoRequest = function (this: ZmqServer, socket, message) {
    sendChild(this, socket, message, "comm_info_reply", { status: "ok", comms: {} });
  };
  prototype.handleShutdown = function (this: ZmqServer, socket, message) {
    const content = { status: "ok", restart: message.content.restart === true };
    sendChild(this, socket, message, "shutdown_reply", content);
  };
}

function guardHandler(prototype: Record<string, unknown>): void {
  for (const name of GUARDED_HANDLER_METHODS) {
    const original = prototype[name] as HandlerMethod;
    prototype[name] = function (this: unknown, request: JSONRecord): JSONRecord {
      try {
        return original.call(this, request);
      } catch (error) {
        return { status: "error", ...thrownError(error) };
      }
    };
  }
}

/**
 * Install the fixes of the file comment on tslab's server and handler classes; returns false
 * when they were already installed.
 */
export function answerOtherRequests(
  ZmqServerClass: { prototype: ZmqServer },
  HandlerClass: { prototype: object },
): boolean {
  const prototype = ZmqServerClass.prototype as ZmqServer & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) {
    return false;
  }
  fixServer(prototype);
  guardHandler(HandlerClass.prototype as Record<string, unknown>);
  Object.defineProperty(prototype, INSTALLED, { value: true });
  return true;
}
