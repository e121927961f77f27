/**
 * A failed cell as the Jupyter messaging protocol reports it: `ename`, `evalue` and `traceback`,
 * in the execute_reply and in an `error` message on IOPub, which JupyterLab renders as an error
 * output and nbgrader's autograder requires. Made from what tslab's executor hands its console
 * (cell-outcome.ts): the value a cell threw, or TypeScript's diagnostics.
 *
 * The traceback is what a student can act on: `Name: message` (`Name [code]: message` for an
 * error with a code, as Node writes its own), then the stack frames of the cell
 * and of the libraries it called. Node's and tslab's own frames are left out, and so is the
 * source line with a caret that Node's vm puts before the stack of an error thrown by a script
 * (it shows the compiled JavaScript, with the compiled code's line numbers). A thrown value that
 * is not an Error reads as Node's REPL shows it: `Uncaught 'text'`.
 */
import { inspect, types } from "node:util";
import { COMPILE_ERROR_NAME, MACHINERY_FRAME } from "./contract";

/** An error as an execute_reply and an IOPub `error` message carry it. */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** The ename of a thrown value that is not an Error (`throw "text"`), as Node's REPL says it. */
export const UNCAUGHT_VALUE_NAME = "Uncaught";

const FRAME = /^\s+at\s/;

// Student code can throw anything, a Proxy or an object whose getters throw included: reading
// it must never fail the kernel's own reporting.
function readKey(value: object, key: string): unknown {
  try {
    return Reflect.get(value, key);
  } catch {
    return undefined;
  }
}

function isError(value: unknown): value is object {
  try {
    return types.isNativeError(value) || value instanceof Error;
  } catch {
    return false;
  }
}

function show(value: unknown): string {
  try {
    return inspect(value, { colors: false });
  } catch {
    return "(a value that cannot be shown)";
  }
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : show(value);
}

/** The frames of `stack` that belong to the cell and the code it called (see the file comment). */
export function cellFrames(stack: string): string[] {
  return stack.split("\n").filter((line) => FRAME.test(line) && !MACHINERY_FRAME.test(line));
}

/** The protocol's error for a value a cell threw. */
export function thrownError(thrown: unknown): CellError {
  if (!isError(thrown)) {
    const evalue = show(thrown);
    return {
      ename: UNCAUGHT_VALUE_NAME,
      evalue,
      traceback: `${UNCAUGHT_VALUE_NAME} ${evalue}`.split("\n"),
    };
  }
  const ename = textOf(readKey(thrown, "name")) || "Error";
  const evalue = textOf(readKey(thrown, "message"));
  const stack = readKey(thrown, "stack");
  // Node's own errors carry a code (ERR_ACCESS_DENIED, …), which its stacks show as `Name [code]`.
  const code = readKey(thrown, "code");
  const name = typeof code === "string" && code !== "" ? `${ename} [${code}]` : ename;
  const header = evalue === "" ? name : `${name}: ${evalue}`;
  return {
    ename,
    evalue,
    traceback: [...header.split("\n"), ...(typeof stack === "string" ? cellFrames(stack) : [])],
  };
}

/** The protocol's error for a cell that did not compile: its diagnostics, one a line. */
export function compileError(diagnostics: readonly string[]): CellError {
  return {
    ename: COMPILE_ERROR_NAME,
    evalue: diagnostics.join("\n"),
    traceback: [...diagnostics],
  };
}
