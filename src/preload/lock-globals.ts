/**
 * The global object as a graded cell sees it. `lockStandardGlobals` (right after SES's lockdown)
 * makes the bindings of JavaScript's standard globals read-only and permanent, so that
 * `globalThis.Math = fake` does nothing and no script can shadow them with a global `let`.
 * `lockGlobals` (once tslab has started) applies the allow-list: every global name that
 * allow-list.ts does not keep is removed (fetch, WebSocket, MessageChannel, crypto, what SES
 * leaves behind, whatever a newer Node adds), the kept ones are locked the same way and their
 * host objects hardened, and the global object's own prototype is frozen.
 */
import { ECMASCRIPT_GLOBALS, GLOBALS_KEPT, keyName } from "./allow-list";
import { STANDARD_GLOBALS } from "./contract";

type Harden = <T>(value: T) => T;

/** Host globals hardened with everything they reach (constructors and their prototypes). */
const HARDENED = [
  "Buffer",
  "TextEncoder",
  "TextDecoder",
  "setTimeout",
  "clearTimeout",
  "setInterval",
  "clearInterval",
  "setImmediate",
  "clearImmediate",
  "queueMicrotask",
  "performance",
];

const scope = globalThis as unknown as Record<PropertyKey, unknown>;

// A data binding, read-only and permanent; an accessor (Node's lazy globals) becomes the value
// it returns.
function lockBinding(key: PropertyKey): void {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
  if (descriptor === undefined || !descriptor.configurable) {
    return;
  }
  const value = "value" in descriptor ? descriptor.value : scope[key];
  Object.defineProperty(globalThis, key, {
    value,
    writable: false,
    enumerable: descriptor.enumerable,
    configurable: false,
  });
}

/** Lock the bindings of STANDARD_GLOBALS (see the file comment). */
export function lockStandardGlobals(): void {
  STANDARD_GLOBALS.forEach(lockBinding);
}

// The console's methods stay as they are (its own state changes as it groups and counts).
function lockConsoleMethods(): void {
  for (const key of Reflect.ownKeys(console)) {
    const descriptor = Object.getOwnPropertyDescriptor(console, key);
    if (descriptor?.configurable && typeof descriptor.value === "function") {
      Object.defineProperty(console, key, { writable: false, configurable: false });
    }
  }
}

/** Apply the allow-list to the global object (see the file comment). */
export function lockGlobals(harden: Harden): void {
  const kept = new Set([...STANDARD_GLOBALS, ...ECMASCRIPT_GLOBALS, ...Object.keys(GLOBALS_KEPT)]);
  for (const key of Reflect.ownKeys(globalThis)) {
    if (kept.has(keyName(key))) {
      lockBinding(key);
      continue;
    }
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, key);
    if (descriptor?.configurable) {
      delete scope[key];
    } else if (descriptor !== undefined && "value" in descriptor && descriptor.writable) {
      scope[key] = undefined;
    }
  }
  for (const name of HARDENED) {
    if (scope[name] !== undefined) {
      harden(scope[name]);
    }
  }
  lockConsoleMethods();
  // Node's global object inherits from an object of its own before Object.prototype.
  const prototype = Object.getPrototypeOf(globalThis) as object | null;
  if (prototype !== null && prototype !== Object.prototype) {
    Object.freeze(prototype);
  }
}
