/**
 * What `process.stdout`, `process.stderr` and the console write to in a graded cell: a plain
 * EventEmitter with a `write` property, instead of the net.Socket over the kernel's pipe. tslab
 * points `process.stdout.write` and `process.stderr.write` at IOPub before every execution, and
 * the console writes through the same objects, so output works as before; but a Socket hands out
 * its constructor (which opens TCP and Unix connections and wraps any file descriptor, such as
 * zeromq's own sockets) and its pipe handle (which binds and listens), none of which a cell may
 * reach. Until tslab's first execution, writes go to the real streams.
 */
import { EventEmitter } from "node:events";

/** A stand-in for one of the process's output streams. */
export interface OutputStream extends EventEmitter {
  write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean;
}

function standIn(real: NodeJS.WriteStream): OutputStream {
  const stream = new EventEmitter() as OutputStream;
  stream.write = (chunk, encoding, callback) =>
    (real.write as (...args: unknown[]) => boolean)(chunk, encoding, callback);
  return stream;
}

/**
 * Make the stand-ins for stdout and stderr and point the global console at them (its `_stdout`
 * and `_stderr`, which it reads on every call). Returns them for `process` (lock-process.ts).
 */
export function replaceOutputStreams(): { stdout: OutputStream; stderr: OutputStream } {
  const streams = { stdout: standIn(process.stdout), stderr: standIn(process.stderr) };
  for (const [name, stream] of Object.entries(streams)) {
    Object.defineProperty(console, `_${name}`, {
      value: stream,
      writable: false,
      enumerable: false,
      configurable: false,
    });
  }
  return streams;
}
