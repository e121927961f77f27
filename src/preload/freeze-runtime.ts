/**
 * The objects tslab, zeromq and Node call through while a cell runs, frozen once tslab has
 * started (kernel-guard.ts), so that even a reference a cell obtained somehow cannot be patched
 * to see or change what tslab does with a test's code: `vm` (which runs every cell: a hook on
 * `vm.runInThisContext` made every test a no-op, issue #20), `module`, `path`, `fs`, `crypto`
 * and its HMAC (which reads every message), `events` and EventEmitter.prototype (process
 * inherits from it), the timers' objects, zeromq's sockets and tslab's own classes.
 *
 * Frozen shallowly where Node or tslab write to instances: freezing a prototype would make an
 * instance's assignment of a property of the same name fail (JavaScript's "override mistake").
 * EventEmitter.prototype holds three such defaults (`_events`, …), which become accessors that
 * define the property on the instance, as SES does for JavaScript's own prototypes. `module`'s
 * prototype is left alone (tslab assigns `require` on module instances); nothing reaches a
 * module object from a cell.
 */
import { createHmac } from "node:crypto";
import { EventEmitter } from "node:events";
import { createRequire } from "node:module";

type Harden = <T>(value: T) => T;
type Load = (id: string) => unknown;

// The module objects themselves: `import * as` would give copies of their properties.
const builtin = createRequire(__filename) as Load;

/**
 * Freeze `prototype`, turning its configurable non-function data properties into accessors that
 * an instance's assignment overrides. A data property Node made writable but not configurable
 * (EventEmitter's `kCapture` default) can become neither: it stays writable, everything else
 * read-only, and no property can be added.
 */
export function freezeWithOverrides(prototype: object): void {
  for (const key of Reflect.ownKeys(prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
    if (descriptor === undefined || !("value" in descriptor)) {
      continue;
    }
    if (!descriptor.configurable) {
      continue;
    }
    if (typeof descriptor.value === "function") {
      Object.defineProperty(prototype, key, { writable: false, configurable: false });
      continue;
    }
    const value: unknown = descriptor.value;
    Object.defineProperty(prototype, key, {
      get: () => value,
      set(this: object, assigned: unknown) {
        if (this === prototype) {
          throw new TypeError(`Cannot assign to ${String(key)} of a frozen prototype`);
        }
        Object.defineProperty(this, key, {
          value: assigned,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      },
      enumerable: descriptor.enumerable,
      configurable: false,
    });
  }
  Object.preventExtensions(prototype);
}

function freezeChain(object: object, stop: object = Object.prototype): void {
  for (let holder: object | null = object; holder !== null && holder !== stop;) {
    Object.freeze(holder);
    holder = Object.getPrototypeOf(holder) as object | null;
  }
}

function freezeTimers(): void {
  const timeout = setTimeout(() => {}, 0);
  clearTimeout(timeout);
  const immediate = setImmediate(() => {});
  clearImmediate(immediate);
  Object.freeze(Object.getPrototypeOf(timeout));
  Object.freeze(Object.getPrototypeOf(immediate));
}

// zeromq's socket classes and their common prototype (serial-sends.ts patched its send).
function freezeZeroMQ(zmq: Record<string, unknown>): void {
  for (const value of Object.values(zmq)) {
    if (typeof value === "function" && typeof value.prototype === "object") {
      freezeChain(value.prototype as object);
      Object.freeze(value);
    }
  }
  Object.freeze(zmq);
}

function freezeTslab(fromTslab: Load): void {
  const jupyter = fromTslab("./dist/jupyter.js") as Record<string, { prototype: object }>;
  // jupyter's exports stay writable: tslab reassigns lastWriteDisplayData before each cell.
  Object.freeze(jupyter.ZmqServer.prototype);
  Object.freeze(jupyter.JupyterHandlerImpl.prototype);
  const util = fromTslab("./dist/util.js") as Record<string, { prototype: object }>;
  Object.freeze(util.TaskQueue.prototype);
  Object.freeze(util);
  for (const file of ["executor", "converter", "metadata", "inspect", "tspath"]) {
    Object.freeze(fromTslab(`./dist/${file}.js`));
  }
}

/**
 * Freeze what tslab and Node use at run time (see the file comment). `fromTslab` loads modules
 * as tslab does (from its package folder); `harden` is SES's.
 */
export function freezeRuntime(harden: Harden, fromTslab: Load): void {
  freezeWithOverrides(EventEmitter.prototype);
  Object.freeze(EventEmitter);
  harden(builtin("node:vm"));
  harden(builtin("node:path"));
  const moduleClass = builtin("node:module") as { _extensions: object };
  Object.freeze(moduleClass._extensions);
  Object.freeze(moduleClass);
  Object.freeze(builtin("node:fs"));
  Object.freeze(builtin("node:crypto"));
  Object.freeze(Object.getPrototypeOf(createHmac("sha256", "frozen")));
  freezeTimers();
  freezeZeroMQ(fromTslab("zeromq") as Record<string, unknown>);
  freezeTslab(fromTslab);
}
