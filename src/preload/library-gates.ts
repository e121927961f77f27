/**
 * Library functions made checkable on every call, however they are reached (off-limits.ts).
 *
 * Replacing a function on a package's exports object catches calls through that object only.
 * tsc's CommonJS output calls a function of another module through the module object
 * (`(0, activations_1.softmax)(z)`), but a function of the same file by its local name
 * (`ridgeFromOptimum` calls `l2Shrinkage` directly), and a module may keep a reference taken
 * while it loaded (Tensor's methods are installed from such a table). So the gate goes in where
 * the function is declared: while the guard loads the package, each of its files that declares
 * a function of a watched name gets a few lines appended that, at the end of the module's own
 * code, rebind that name to a gate and export the gate. A function declaration's binding can
 * be reassigned, and every later use, the file's own calls included, reads the binding. What
 * loads afterwards (other modules, their tables, student code) only ever sees the gate.
 *
 * Functions whose binding cannot be rebound (`export const f = …`) keep the gate on the exports
 * objects and class prototypes of the package (`gateEverywhere`).
 */
import Module from "node:module";
import * as path from "node:path";

type AnyFunction = (...args: unknown[]) => unknown;

/** Called before every call of a gated function; throws to refuse the call. */
export type GateCheck = (original: AnyFunction, gate: AnyFunction) => void;

/** The gates made so far, by gate and by original. */
export interface Gates {
  /** The original function behind a gate, or undefined for any other value. */
  originalOf(value: unknown): AnyFunction | undefined;
  /** The gate of `original`, made on first use. */
  gateOf(original: AnyFunction): AnyFunction;
}

/** A gate registry whose gates run `check` before the original (see the file comment). */
export function createGates(check: GateCheck): Gates {
  const originals = new WeakMap<object, AnyFunction>();
  const gates = new WeakMap<object, AnyFunction>();
  const gateOf = (original: AnyFunction): AnyFunction => {
    const known = gates.get(original) ?? (originals.has(original) ? original : undefined);
    if (known !== undefined) {
      return known;
    }
    // A method's syntax makes a function with the original's name that cannot be `new`ed;
    // the course's functions are plain functions.
    const { [original.name]: gate } = {
      [original.name](this: unknown, ...args: unknown[]): unknown {
        check(original, gate);
        return Reflect.apply(original, this, args);
      },
    };
    Object.defineProperty(gate, "length", { value: original.length });
    originals.set(gate, original);
    gates.set(original, gate);
    return gate;
  };
  return { originalOf: (value) => originals.get(value as object), gateOf };
}

// Read by the appended lines; set only while the module's code runs.
const GATE_KEY = "__gradbookGate";

function appendedGates(content: string, names: ReadonlySet<string>): string {
  const lines = [...names]
    .filter((name) => new RegExp(String.raw`\bfunction\s+${name}\s*\(`).test(content))
    .map(
      (name) =>
        `if (typeof ${name} === "function" && exports.${name} === ${name}) {` +
        ` const g = gate(${name}); try { ${name} = g; } catch (e) {} exports.${name} = g; }`,
    );
  return lines.length === 0
    ? ""
    : `\n;{ const gate = module.${GATE_KEY}; if (typeof gate === "function") { ${lines.join(" ")} } }\n`;
}

interface CompilingModule {
  _compile(content: string, filename: string): unknown;
  [GATE_KEY]?: (original: AnyFunction) => AnyFunction;
}

function isInside(file: string, folder: string): boolean {
  return file.startsWith(folder + path.sep);
}

/**
 * Run `load` with the gates appended to every file under `packageDir` that declares a
 * function named in `names` (see the file comment). Only valid identifiers are watched.
 */
export function loadWithGates<T>(
  packageDir: string,
  names: ReadonlySet<string>,
  gates: Gates,
  load: () => T,
): T {
  const watched = new Set([...names].filter((name) => /^[A-Za-z_$][\w$]*$/.test(name)));
  const prototype = (Module as unknown as { prototype: CompilingModule }).prototype;
  const compile = prototype._compile;
  prototype._compile = function (this: CompilingModule, content: string, filename: string) {
    const extra = isInside(filename, packageDir) ? appendedGates(content, watched) : "";
    if (extra === "") {
      return compile.call(this, content, filename);
    }
    this[GATE_KEY] = gates.gateOf;
    try {
      return compile.call(this, content + extra, filename);
    } finally {
      delete this[GATE_KEY];
    }
  };
  try {
    return load();
  } finally {
    prototype._compile = compile;
  }
}

/**
 * Put the gate of `original` wherever the package under `packageDir` exposes it: data
 * properties of its modules' exports objects and of their exported classes' prototypes.
 */
export function gateEverywhere(original: AnyFunction, packageDir: string, gates: Gates): void {
  const gate = gates.gateOf(original);
  const cache = (Module as unknown as { _cache: Record<string, { exports: unknown }> })._cache;
  for (const [file, loaded] of Object.entries(cache)) {
    if (!isInside(file, packageDir)) {
      continue;
    }
    const holders = [loaded.exports];
    for (const value of Object.values(Object(loaded.exports) as Record<string, unknown>)) {
      if (typeof value === "function" && typeof value.prototype === "object") {
        holders.push(value.prototype);
      }
    }
    for (const holder of holders) {
      if (typeof holder !== "object" || holder === null) {
        continue;
      }
      for (const key of Reflect.ownKeys(holder)) {
        const descriptor = Object.getOwnPropertyDescriptor(holder, key);
        if (descriptor?.value === original && descriptor.writable === true) {
          Object.defineProperty(holder, key, { value: gate });
        }
      }
    }
  }
}
