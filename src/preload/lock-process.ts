/**
 * `process` as a graded cell sees it (kernel-guard.ts calls this once tslab has started): every
 * property, own or inherited, that PROCESS_KEPT does not list is replaced by an own,
 * non-configurable property — a function that throws for what was a function, undefined for
 * anything else — so that `process.getBuiltinModule`, `process.binding` and whatever a newer
 * Node adds lead nowhere. Kept properties that Node does not write become read-only;
 * `process.kill` reaches the kernel itself only, and `stdout`/`stderr` are the objects of
 * output-streams.ts.
 */
import { keyName, PROCESS_KEPT } from "./allow-list";

/** Kept properties that Node itself writes while the kernel runs: left as they are. */
const WRITTEN_BY_NODE = new Set([
  "_events",
  "_eventsCount",
  "_maxListeners",
  "domain",
  "exitCode",
  "_exiting",
  "Symbol(kCapture)",
  "Symbol(shapeMode)",
]);

/** A function that throws, saying that `what` is not available. */
export function refuse(what: string): () => never {
  return function refused(): never {
    throw new Error(`${what} is not available in a graded notebook`);
  };
}

function guardedKill(): (pid: number, signal?: string | number) => true {
  const ownPid = process.pid;
  const kill = process.kill.bind(process);
  return function kill_(pid: number, signal?: string | number): true {
    if (Number(pid) !== ownPid) {
      throw new Error("process.kill can only signal the notebook's own kernel while grading");
    }
    return kill(pid, signal);
  };
}

function defineFixed(key: PropertyKey, value: PropertyDescriptor): void {
  const descriptor = Object.getOwnPropertyDescriptor(process, key);
  if (descriptor !== undefined && !descriptor.configurable) {
    return; // Node made it permanent (e.g. `permission`): the enumeration test names it.
  }
  Object.defineProperty(process, key, { ...value, enumerable: false, configurable: false });
}

const fixedValue = (value: unknown): PropertyDescriptor => ({ value, writable: false });

// A getter, not a value: Node's own accessors (`title`, `debugPort`) look like data properties,
// and defining a value on them calls their setter (the kernel's title became "undefined").
const NOTHING: PropertyDescriptor = { get: () => undefined };

// Where on the prototype chain `key` is found, and what it holds (getters are not called).
function currentDescriptor(key: PropertyKey): PropertyDescriptor | undefined {
  for (let holder: object | null = process; holder !== null;) {
    const descriptor = Object.getOwnPropertyDescriptor(holder, key);
    if (descriptor !== undefined) {
      return descriptor;
    }
    holder = Object.getPrototypeOf(holder) as object | null;
  }
  return undefined;
}

/**
 * Every property key of `target` and of its prototypes up to Object.prototype (JavaScript's own,
 * frozen by SES: `process.hasOwnProperty` stays what it is everywhere).
 */
export function chainKeys(target: object): PropertyKey[] {
  const keys = new Set<PropertyKey>();
  for (let holder: object | null = target; holder !== null && holder !== Object.prototype;) {
    Reflect.ownKeys(holder).forEach((key) => keys.add(key));
    holder = Object.getPrototypeOf(holder) as object | null;
  }
  return [...keys];
}

/** Apply the allow-list to `process` (see the file comment). */
export function lockProcess(streams: { stdout: object; stderr: object }): void {
  const replaced: Record<string, unknown> = { kill: guardedKill(), ...streams };
  for (const key of chainKeys(process)) {
    const name = keyName(key);
    if (name in replaced) {
      defineFixed(key, fixedValue(replaced[name]));
    } else if (Object.hasOwn(PROCESS_KEPT, name)) {
      const own = Object.getOwnPropertyDescriptor(process, key);
      if (own !== undefined && "value" in own && !WRITTEN_BY_NODE.has(name)) {
        defineFixed(key, fixedValue(own.value));
      }
    } else {
      const descriptor = currentDescriptor(key);
      const wasFunction = descriptor !== undefined && typeof descriptor.value === "function";
      defineFixed(key, wasFunction ? fixedValue(refuse(`process.${name}`)) : NOTHING);
    }
  }
  // Not a property of Node 20 but the one a cell would ask for: undefined, and stays so.
  defineFixed("mainModule", NOTHING);
  // process's own prototype holds only its constructor; EventEmitter.prototype, next in the
  // chain, is frozen with the runtime (freeze-runtime.ts).
  Object.freeze(Object.getPrototypeOf(process));
}
