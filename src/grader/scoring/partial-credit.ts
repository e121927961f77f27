/**
 * Partial credit, as the grader reads it. gradbook's own mechanism is the library's
 * `partialCredit(fraction, message)` (src/check/partial-credit.ts has the whole design): a test
 * cell that uses it runs bracketed by `open(token)` and `report(token)` with a token made for the
 * batch, and a passing test scores the fraction its report gives; a passing test whose report is
 * missing scores 0 (something cut it off). nbgrader's convention is honoured too, for kernels
 * that send a cell's value: a test whose `execute_result` is a number scores that many points,
 * never more than its own (nbgrader's `get_partial_grade`; tslab 1.0 sends no such result).
 */
import type { Output } from "../../notebook";
import type { ProtectedTestCell } from "../sandbox/test-cell";
import type { PartialCredit } from "./results";

/** MIME type of a test's report; the same string as in src/check/partial-credit.ts. */
export const PARTIAL_CREDIT_MIME = "application/vnd.gradbook.partial-credit+json";

// The import is local to the test cell, so no student name can stand in for it. (Not "__…":
// tslab looks such names up by TypeScript's escaped form, "___…", and fails to find them.)
const ALIAS = "$gradbookPartialCredit";

/** True when a test's code calls `partialCredit` (itself, or through a read-only helper). */
export function usesPartialCredit(code: string): boolean {
  return /\bpartialCredit\b/.test(code);
}

/**
 * `cell` with the record opened on its first line, after the protected prefix (so the
 * prefix's length grows by what is inserted), and reported after its last line.
 */
export function bracketPartialCredit(cell: ProtectedTestCell, token: string): ProtectedTestCell {
  const quoted = JSON.stringify(token);
  const open = `import { partialCredit as ${ALIAS} } from "gradbook"; ${ALIAS}.open(${quoted}); `;
  const prefix = cell.code.slice(0, cell.prefixLength);
  const rest = cell.code.slice(cell.prefixLength);
  return {
    code: `${prefix}${open}${rest}\n${ALIAS}.report(${quoted});`,
    prefixLength: cell.prefixLength + open.length,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for an output that is a partial-credit report (kept out of what students get). */
export function isCreditReport(output: Output): boolean {
  return (
    (output.output_type === "display_data" || output.output_type === "execute_result") &&
    output.data[PARTIAL_CREDIT_MIME] !== undefined
  );
}

/**
 * The credit a passing test's reports under `token` give: the smallest fraction (only a report
 * with the right token counts), or undefined when none arrived.
 */
export function reportedCredit(
  outputs: readonly Output[],
  token: string,
): PartialCredit | undefined {
  let found: PartialCredit | undefined;
  for (const output of outputs) {
    if (!isCreditReport(output) || !("data" in output)) {
      continue;
    }
    const body = output.data[PARTIAL_CREDIT_MIME];
    if (!isObject(body) || body.token !== token || typeof body.fraction !== "number") {
      continue;
    }
    const fraction = Math.min(1, Math.max(0, body.fraction));
    const messages = Array.isArray(body.messages)
      ? body.messages.filter((m): m is string => typeof m === "string")
      : [];
    if (found === undefined || fraction < found.fraction) {
      found = { fraction, messages };
    }
  }
  return found;
}

function plainText(value: unknown): string | undefined {
  if (typeof value === "string") {
    return value;
  }
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === "string") {
    return value[0];
  }
  return undefined;
}

/**
 * nbgrader's partial grade of a passing test: the number its `execute_result` shows, as a
 * fraction of `maxPoints` (capped at 1); undefined when there is no such number (full points,
 * as in nbgrader: no result, a list, text, a negative number).
 */
export function nbgraderCredit(outputs: readonly Output[], maxPoints: number): number | undefined {
  const result = outputs.find((output) => output.output_type === "execute_result");
  if (result === undefined || !("data" in result) || !(maxPoints > 0)) {
    return undefined;
  }
  const text = plainText(result.data["text/plain"])?.trim();
  const value = text === undefined || text === "" ? NaN : Number(text);
  if (!Number.isFinite(value) || value < 0) {
    return undefined;
  }
  return Math.min(1, value / maxPoints);
}
