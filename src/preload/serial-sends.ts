/**
 * One send at a time per zeromq socket, for tslab's kernel (loaded by tslab-fixes.ts).
 *
 * zeromq.js 6 completes a send synchronously only a limited number of times in a row; then it
 * defers the write, and a send issued before that write finishes throws "Socket is busy writing;
 * only one send operation may be in progress at any time". tslab never awaits its sends, so the
 * message is lost: in a cell that prints a lot, the error after the output went missing, and a
 * lost execute_reply left a cell "running" until its timeout (seen in CI under load). Queued
 * behind each other, every message goes out, in order.
 */

type Send = (this: object, ...args: unknown[]) => Promise<unknown>;

interface Queue {
  inFlight: number;
  tail: Promise<unknown>;
}

const INSTALLED = Symbol.for("gradbook.serialSends");

/**
 * Replace `prototype.send` (zeromq's `Socket.prototype`) by a version that waits for the same
 * socket's previous send; returns false when already installed or there is no `send`.
 */
export function serializeSends(prototype: object): boolean {
  const marked = prototype as { [INSTALLED]?: true; send?: unknown };
  if (marked[INSTALLED] || typeof marked.send !== "function") {
    return false;
  }
  const original = marked.send as Send;
  const queues = new WeakMap<object, Queue>();
  function send(this: object, ...args: unknown[]): Promise<unknown> {
    let queue = queues.get(this);
    if (queue === undefined) {
      queue = { inFlight: 0, tail: Promise.resolve() };
      queues.set(this, queue);
    }
    const invoke = (): Promise<unknown> => {
      try {
        return Promise.resolve(original.apply(this, args));
      } catch (error) {
        return Promise.reject(error);
      }
    };
    // Nothing queued: send now, keeping zeromq's synchronous fast path.
    const result = queue.inFlight === 0 ? invoke() : queue.tail.then(invoke);
    const current = queue;
    current.inFlight += 1;
    current.tail = result.then(
      () => undefined,
      () => undefined,
    );
    void current.tail.then(() => {
      current.inFlight -= 1;
    });
    return result;
  }
  Object.defineProperty(prototype, "send", {
    value: send,
    writable: false,
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(prototype, INSTALLED, { value: true });
  return true;
}
