/**
 * The one validator of the library's options objects and plain arguments, after scikit-learn's
 * `_param_validation`: every option has a rule (option-rules.ts) with a documented default, is
 * checked where it is used, and every failure reads the same way,
 *
 *   linearRegressionGD: option learningRate must be a positive finite number, got -1
 *   linearRegressionGD: unknown option "tol" (did you mean tolerance? scikit-learn's tol); …
 *
 * Unknown keys fail, because a misspelt option silently ignored is a lesson spent debugging the
 * wrong thing; the hint knows scikit-learn's (and PyTorch's) names for our options.
 * Models, data generators, plots and checks all read their options here.
 */
import type { OptionRule } from "./option-rules";
import { suggestOption } from "./option-names";

/** The rules of an options object, by option name. */
export type OptionRules = Record<string, OptionRule<unknown>>;

/** The values `readOptions` returns: each option's value or its rule's fallback. */
export type OptionValues<R extends OptionRules> = {
  -readonly [K in keyof R]: R[K] extends OptionRule<infer T> ? T : never;
};

/**
 * Reads `options` by `rules`: throws on a value that is not an object, on an unknown key (with
 * a "did you mean"), and on a value that breaks its rule; returns every option's value, the
 * rule's fallback where it was not given.
 *
 *   const { learningRate, lambda } = readOptions(op, options, {
 *     learningRate: positiveNumber(0.01), lambda: nonNegativeNumber(0) });
 */
export function readOptions<R extends OptionRules>(
  op: string,
  options: unknown,
  rules: R,
): OptionValues<R> {
  const known = Object.keys(rules);
  checkOptionKeys(op, options, known);
  const given = (options ?? {}) as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const name of known) values[name] = checked(op, `option ${name}`, given[name], rules[name]);
  return values as OptionValues<R>;
}

/**
 * Checks one positional argument by `rule`, in the same words as an option (`${op}: ${name}
 * must be …`). Left out, it takes the rule's fallback; without a fallback it is required.
 */
export function readArgument<T>(
  op: string,
  name: string,
  value: unknown,
  rule: OptionRule<T>,
): Exclude<T, undefined> {
  if (value === undefined && rule.fallback === undefined)
    throw new TypeError(ruleMessage(op, name, rule.expected, value));
  return checked(op, name, value, rule) as Exclude<T, undefined>;
}

function checked<T>(op: string, what: string, value: unknown, rule: OptionRule<T>): T {
  if (value === undefined) return rule.fallback;
  if (!rule.isType(value)) throw new TypeError(ruleMessage(op, what, rule.expected, value));
  if (!rule.isValid(value)) throw new RangeError(ruleMessage(op, what, rule.expected, value));
  return value as T;
}

/**
 * The error for an option whose check a rule cannot express (it depends on other arguments):
 * `${op}: option ${name} must be ${expected}, got ${value}`, a RangeError.
 */
export function optionError(
  op: string,
  name: string,
  expected: string,
  value: unknown,
): RangeError {
  return new RangeError(ruleMessage(op, `option ${name}`, expected, value));
}

function ruleMessage(op: string, what: string, expected: string, value: unknown): string {
  return `${op}: ${what} must be ${expected}, got ${describeValue(value)}`;
}

/**
 * Throws unless `options` is undefined or a plain object whose keys are all in `known`; an
 * unknown key gets the known option it most likely meant (`learning_rate` → `learningRate`,
 * scikit-learn's `max_iter` → `maxIters`).
 */
export function checkOptionKeys(op: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(
      `${op}: options must be an object such as { ${known[0]}: … }, got ${describeValue(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    throw new TypeError(
      `${op}: unknown option "${key}"${suggestOption(key, known)}; the options are ${known.join(", ")}`,
    );
  }
}

/**
 * How a value shows in an error: numbers and booleans as written, strings quoted, short lists of
 * them as JSON, anything else by its kind.
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (value === null || typeof value !== "object") return String(value);
  if (Array.isArray(value)) {
    const plain = value.length <= 8 && value.every((item) => typeof item !== "object");
    return plain ? `[${value.map(describeValue).join(", ")}]` : `an array of ${value.length}`;
  }
  return `an object (${value.constructor?.name ?? "Object"})`;
}
