/**
 * tslab's kernel drops, without a word, every shell or control message that does not parse or
 * does not carry the right signature (loaded by tslab-fixes.ts, so in every kernel gradbook
 * starts and in JupyterLab's).
 *
 * tslab 1.0.22 parses a message before checking its HMAC, compares signatures with `==`, and on
 * a mismatch throws `invalid hmac <sent>; want <expected>`. Its shell loop does not await the
 * handler: the error becomes an unhandled rejection, which tslab prints with console.error, which
 * goes out on IOPub — readable by anyone who can reach the kernel's IOPub socket, without the key.
 * Resending the message with the signature it was told runs any code in the kernel (issue #20:
 * one grading kernel drove another over loopback). Here a message must carry a signature equal,
 * in constant time, to the HMAC of its frames and must parse before tslab sees it. A rejected one
 * costs one fixed line on the kernel's own stderr (file descriptor 2, which never reaches IOPub),
 * the first time only: its content is never echoed anywhere.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { writeSync } from "node:fs";

const DELIMITER = Buffer.from("<IDS|MSG>");
/** Header, parent header, metadata and content: the JSON frames tslab parses. */
const JSON_FRAMES = 4;
/** The one line a kernel writes about the messages it drops. */
export const DROPPED_LINE =
  "tslab: dropped a message that did not parse or verify (later ones are dropped silently)\n";

interface ServerPrototype {
  handleShellMessage(this: ServerInstance, socket: unknown, ...frames: unknown[]): unknown;
}

interface ServerInstance {
  connInfo: { key: string };
}

const INSTALLED = Symbol.for("gradbook.verifyMessages");

/**
 * True when `frames` (`[identities…, "<IDS|MSG>", signature, header, parent, metadata, content,
 * buffers…]`) are signed with `key` as tslab signs them (hex HMAC-SHA256 of every frame after the
 * signature) and their four JSON frames parse. The signature is checked first and in constant
 * time, so nothing of an unsigned message is parsed and its timing tells nothing of the key.
 */
export function isAuthentic(key: string, frames: readonly unknown[]): boolean {
  if (!frames.every((frame) => Buffer.isBuffer(frame))) {
    return false;
  }
  const buffers = frames as readonly Buffer[];
  const at = buffers.findIndex((frame) => frame.equals(DELIMITER));
  if (at < 0 || buffers.length < at + 2 + JSON_FRAMES) {
    return false;
  }
  const parts = buffers.slice(at + 2);
  const hmac = createHmac("sha256", key);
  for (const part of parts) {
    hmac.update(part);
  }
  const expected = Buffer.from(hmac.digest("hex"));
  const signature = buffers[at + 1];
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    return false;
  }
  try {
    parts.slice(0, JSON_FRAMES).forEach((part) => JSON.parse(part.toString("utf8")));
  } catch {
    return false;
  }
  return true;
}

// The kernel's own stderr, never IOPub: tslab redirects process.stderr, not the descriptor.
function writeToStderr(line: string): void {
  try {
    writeSync(2, line);
  } catch {
    // No stderr to tell: dropping is what matters.
  }
}

/**
 * Make `ZmqServer.prototype.handleShellMessage` (tslab's dist/jupyter.js; it serves the shell
 * and control sockets) hand tslab only authentic messages (see the file comment); `report`
 * receives DROPPED_LINE once. Returns false when it was already installed.
 */
export function dropUnverifiedMessages(
  ZmqServer: { prototype: ServerPrototype },
  report: (line: string) => void = writeToStderr,
): boolean {
  const prototype = ZmqServer.prototype as ServerPrototype & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) {
    return false;
  }
  const handle = prototype.handleShellMessage;
  let reported = false;
  prototype.handleShellMessage = function (socket, ...frames) {
    if (isAuthentic(this.connInfo.key, frames)) {
      return handle.call(this, socket, ...frames);
    }
    if (!reported) {
      reported = true;
      report(DROPPED_LINE);
    }
    return Promise.resolve();
  };
  Object.defineProperty(prototype, INSTALLED, { value: true });
  return true;
}
