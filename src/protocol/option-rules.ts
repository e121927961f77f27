/**
 * The rules an option (or argument) of the library may follow, for `readOptions` (options.ts).
 * Each says in words what it accepts — the words the error message uses — and what applies
 * when the option is not given. A value of the wrong type is a TypeError, one of the right type
 * outside the rule's range a RangeError.
 */

/** One option's rule (scikit-learn's `_param_validation` constraints play the same part). */
export interface OptionRule<T> {
  /** What a valid value is, as the error message says it: "a finite number ≥ 0". */
  readonly expected: string;
  /** The value when the option is not given (undefined). */
  readonly fallback: T;
  /** Whether the value has the right type (a TypeError otherwise). */
  readonly isType: (value: unknown) => boolean;
  /** Whether a value of the right type is valid (a RangeError otherwise). */
  readonly isValid: (value: unknown) => boolean;
}

const always = (): boolean => true;
const isNumber = (value: unknown): value is number => typeof value === "number";
const isFiniteNumber = (value: unknown): boolean => Number.isFinite(value);

/** A rule from its parts, for what the rules below do not cover. */
export function rule<T>(
  expected: string,
  fallback: T,
  isType: (value: unknown) => boolean,
  isValid: (value: unknown) => boolean = always,
): OptionRule<T> {
  return { expected, fallback, isType, isValid };
}

/** A rule for numbers: a TypeError for anything else, a RangeError unless `test` holds. */
function numberRule<F>(
  expected: string,
  fallback: F,
  test: (x: number) => boolean,
): OptionRule<number | F> {
  return rule(expected, fallback, isNumber, (v) => test(v as number));
}

/** A finite number > 0: a learning rate, a threshold, a height in pixels. */
export function positiveNumber<F extends number | undefined = undefined>(
  fallback?: F,
): OptionRule<number | F> {
  return numberRule("a positive finite number", fallback as F, (x) => Number.isFinite(x) && x > 0);
}

/** A finite number ≥ 0: the regularizer λ, a tolerance, a noise level. */
export function nonNegativeNumber<F extends number | undefined = undefined>(
  fallback?: F,
): OptionRule<number | F> {
  return numberRule("a finite number ≥ 0", fallback as F, (x) => Number.isFinite(x) && x >= 0);
}

/** A number strictly between 0 and 1: a decision threshold on a probability. */
export function probability(fallback: number): OptionRule<number> {
  return numberRule("a probability in (0, 1)", fallback, (x) => x > 0 && x < 1);
}

/** An integer ≥ `min`: a number of epochs (≥ 1), grid points (≥ 2), entries listed (≥ 0). */
export function integerAtLeast<F extends number | undefined = undefined>(
  min: number,
  fallback?: F,
): OptionRule<number | F> {
  return numberRule(`an integer ≥ ${min}`, fallback as F, (x) => Number.isInteger(x) && x >= min);
}

/** An integer ≥ 1: epochs, a batch size, a number of examples. */
export function positiveInteger<F extends number | undefined = undefined>(
  fallback?: F,
): OptionRule<number | F> {
  return integerAtLeast(1, fallback);
}

/** A random seed, a number or a string as `random(seed)` takes. */
export function seed(fallback: number | string = 0): OptionRule<number | string> {
  return rule(
    "a number or a string",
    fallback,
    (v) => typeof v === "number" || typeof v === "string",
    (v) => typeof v === "string" || isFiniteNumber(v),
  );
}

/** true or false. */
export function flag(fallback: boolean): OptionRule<boolean> {
  return rule("true or false", fallback, (v) => typeof v === "boolean");
}

/** One of the strings in `choices`: `"zeros" or "normal"`. */
export function oneOf<T extends string>(choices: readonly T[], fallback: T): OptionRule<T> {
  return rule(
    choices.map((choice) => JSON.stringify(choice)).join(" or "),
    fallback,
    (v) => typeof v === "string",
    (v) => (choices as readonly unknown[]).includes(v),
  );
}

/** A string: a title, an axis label, a legend name. */
export function text<F extends string | undefined = undefined>(
  fallback?: F,
): OptionRule<string | F> {
  return rule("a string", fallback as F, (v) => typeof v === "string");
}

/** A list of strings: class names. */
export function textList(): OptionRule<readonly string[] | undefined> {
  return rule(
    "a list of strings",
    undefined,
    (v) => Array.isArray(v),
    (v) => (v as unknown[]).every((item) => typeof item === "string"),
  );
}

/** A function: a callback such as `onEpoch`. */
export function callback<F extends (...args: never[]) => unknown>(): OptionRule<F | undefined> {
  return rule("a function", undefined, (v) => typeof v === "function");
}

/** An interval `[low, high]` of finite numbers with low < high. */
export function interval<F extends readonly [number, number] | undefined = undefined>(
  fallback?: F,
): OptionRule<readonly [number, number] | F> {
  return rule(
    "[low, high] with low < high",
    fallback as F,
    (v) => Array.isArray(v),
    (v) => {
      const pair = v as unknown[];
      return (
        pair.length === 2 &&
        isFiniteNumber(pair[0]) &&
        isFiniteNumber(pair[1]) &&
        (pair[0] as number) < (pair[1] as number)
      );
    },
  );
}

/** A non-empty list of finite numbers: weights, polynomial coefficients. */
export function numberList(fallback: readonly number[]): OptionRule<readonly number[]> {
  return rule(
    "a non-empty list of finite numbers",
    fallback,
    (v) => Array.isArray(v) || v instanceof Float64Array,
    (v) => {
      const list = v as ArrayLike<unknown>;
      return list.length > 0 && Array.prototype.every.call(list, isFiniteNumber);
    },
  );
}
