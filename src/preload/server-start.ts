/**
 * A tslab kernel whose server cannot start ends instead of running on without its sockets
 * (loaded by tslab-fixes.ts, so in every kernel gradbook starts and in JupyterLab's).
 *
 * tslab 1.0.22 calls `ZmqServer.init()` without awaiting it: when a port of the connection file
 * is taken by the time the kernel binds it (Jupyter clients choose free ports, then start the
 * kernel; on a busy machine another process can take one in between), tslab prints the
 * rejection and keeps running with that socket unbound. A client then waits on it for ever: an
 * `nbgrader autograde` hung for 17 minutes on a kernel without its shell socket, its Python
 * blocked in a send to that socket. ipykernel ends on such an error, so Jupyter's clients notice
 * a dead kernel; here it ends too, once tslab has printed the error (gradbook's runner reads
 * that output to retry on other ports).
 */

interface ServerPrototype {
  init(this: unknown): Promise<void>;
}

const INSTALLED = Symbol.for("gradbook.serverStart");

/**
 * Make a rejection of `ZmqServer.prototype.init` end the process with status 1 (through `exit`,
 * taken now: a grading kernel's guard closes `process` once tslab has started), a turn of the
 * event loop after tslab's own handler has printed it. Returns false when already installed.
 */
export function endWhenServerFails(
  ZmqServer: { prototype: ServerPrototype },
  exit: (code: number) => void = process.exit.bind(process),
): boolean {
  const prototype = ZmqServer.prototype as ServerPrototype & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) {
    return false;
  }
  const init = prototype.init;
  prototype.init = function () {
    return init.call(this).catch((reason: unknown) => {
      setImmediate(() => exit(1));
      throw reason;
    });
  };
  Object.defineProperty(prototype, INSTALLED, { value: true });
  return true;
}
