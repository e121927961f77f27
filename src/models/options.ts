/*
 * Options objects of the course's trainers and helpers, read the way scikit-learn reads
 * hyperparameters: every option has a documented default, is checked where it is used, and a
 * wrong one fails with an error that names the function, the option and the value it got.
 * Unknown keys fail too, because a misspelt option (`learning_rate`) silently ignored is a
 * lesson spent debugging the wrong thing.
 */

/** Any function: a callback an option may hold, e.g. `onEpoch`. */
type Callback = (...args: never[]) => unknown;

/**
 * Throws when `options` is not a plain object or has a key outside `known`, suggesting the
 * known key it most likely meant (`learning_rate` → `learningRate`).
 */
export function checkOptionKeys(op: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(
      `${op}: options must be an object such as { ${known[0]}: … }, got ${describe(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const guess = known.find((name) => squash(name) === squash(key));
    const hint = guess === undefined ? "" : ` (did you mean ${guess}?)`;
    throw new TypeError(
      `${op}: unknown option "${key}"${hint}; the options are ${known.join(", ")}`,
    );
  }
}

/** A finite number > 0 (a learning rate, a tolerance), or `fallback` when not given. */
export function positiveNumber(op: string, name: string, value: unknown, fallback: number): number {
  const x = numberOption(op, name, value, fallback);
  if (!(x > 0) || !Number.isFinite(x)) {
    throw new RangeError(`${op}: option ${name} must be a positive finite number, got ${x}`);
  }
  return x;
}

/** A finite number ≥ 0 (the regularizer λ), or `fallback` when not given. */
export function nonNegativeNumber(
  op: string,
  name: string,
  value: unknown,
  fallback: number,
): number {
  const x = numberOption(op, name, value, fallback);
  if (!(x >= 0) || !Number.isFinite(x)) {
    throw new RangeError(`${op}: option ${name} must be a finite number ≥ 0, got ${x}`);
  }
  return x;
}

/** An integer ≥ 1 (epochs, batch size), or `fallback` when not given. */
export function positiveInteger(
  op: string,
  name: string,
  value: unknown,
  fallback: number,
): number {
  const x = numberOption(op, name, value, fallback);
  if (!Number.isInteger(x) || x < 1) {
    throw new RangeError(`${op}: option ${name} must be an integer ≥ 1, got ${x}`);
  }
  return x;
}

/** A random seed (a number or a string, as `random(seed)` takes), or `fallback`. */
export function seedOption(
  op: string,
  name: string,
  value: unknown,
  fallback: number,
): number | string {
  if (value === undefined) return fallback;
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "string") {
    return value;
  }
  throw new TypeError(`${op}: option ${name} must be a number or a string, got ${describe(value)}`);
}

/** true or false, or `fallback`. */
export function booleanOption(
  op: string,
  name: string,
  value: unknown,
  fallback: boolean,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value === "boolean") return value;
  throw new TypeError(`${op}: option ${name} must be true or false, got ${describe(value)}`);
}

/** One of the strings in `allowed`, or `fallback`. */
export function choiceOption<T extends string>(
  op: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value))
    return value as T;
  const choices = allowed.map((choice) => `"${choice}"`).join(" or ");
  throw new RangeError(`${op}: option ${name} must be ${choices}, got ${describe(value)}`);
}

/** A function, or undefined when not given. */
export function callbackOption<F extends Callback>(
  op: string,
  name: string,
  value: unknown,
): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "function") return value as F;
  throw new TypeError(`${op}: option ${name} must be a function, got ${describe(value)}`);
}

function numberOption(op: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") {
    throw new TypeError(`${op}: option ${name} must be a number, got ${describe(value)}`);
  }
  return value;
}

/** How a value shows in an error: strings quoted, objects by their kind. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return String(value);
  if (Array.isArray(value)) return "an array";
  return `an object (${value.constructor?.name ?? "Object"})`;
}

function squash(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, "");
}
