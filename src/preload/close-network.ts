/**
 * Where JavaScript opens a network connection or a listening socket, it refuses in a grading
 * kernel: `net.Socket.prototype.connect` (TCP and Unix sockets, and through it http, https, tls,
 * fetch and WebSockets), `net.Server.prototype.listen` and UDP sockets' `bind`, `connect` and
 * `send`. None of these objects is reachable from a graded cell (allow-list.ts, output-streams.ts):
 * this is the second line, for a reference obtained some way nobody thought of, and the one that
 * matters where the kernel shares the machine's network (no network namespace, see
 * src/kernel/network-namespace.ts). zeromq, which tslab talks through, is native code and does
 * not use them.
 */
import { createRequire } from "node:module";
import { refuse } from "./lock-process";

const builtin = createRequire(__filename);

function closeMethods(prototype: object, owner: string, names: readonly string[]): void {
  for (const name of names) {
    Object.defineProperty(prototype, name, {
      value: refuse(`${owner}.${name}`),
      writable: false,
      enumerable: false,
      configurable: false,
    });
  }
}

/** Make the entry points of the file comment refuse. */
export function closeNetwork(): void {
  const net = builtin("node:net") as typeof import("node:net");
  const dgram = builtin("node:dgram") as typeof import("node:dgram");
  closeMethods(net.Socket.prototype, "net.Socket", ["connect"]);
  closeMethods(net.Server.prototype, "net.Server", ["listen"]);
  closeMethods(dgram.Socket.prototype, "dgram.Socket", ["bind", "connect", "send"]);
}
