import type { QueryOutcome } from "./kernel-query";

/** A name the inspector may paste into code: a JavaScript identifier, nothing else. */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The code that asks the kernel for one tensor's TensorBundle (with `edgeItems` entries kept at
 * each end of an axis), emitted as display_data like the session query. Null for a name that is
 * not an identifier, which no top-level binding can have.
 */
export function previewCode(name: string, edgeItems: number): string | null {
  if (!IDENTIFIER.test(name)) return null;
  return `require("gradbook").inspectTensor(${JSON.stringify(name)}, { edgeItems: ${Math.max(1, Math.floor(edgeItems))} });`;
}

/** Why a query gave no bundle, in the words the panel shows. */
export interface QueryProblem {
  /** "no-gradbook" when the library cannot be used from this kernel; "error" otherwise. */
  status: "no-gradbook" | "error";
  message: string;
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ""
  );
}

/**
 * Turns a failed query into a sentence a student can act on. tslab reports failures only on
 * stderr, so the common ones are recognised by their text.
 */
export function explainFailure(outcome: QueryOutcome, what: string): QueryProblem {
  const stderr = "stderr" in outcome ? outcome.stderr : "";
  if (/Cannot find module ['"]gradbook['"]/.test(stderr))
    return {
      status: "no-gradbook",
      message:
        "gradbook cannot be imported in this kernel. Open notebooks from inside the course " +
        "folder (where node_modules/gradbook is), or run `npm start` there.",
    };
  const missing = /(inspectSession|inspectTensor) is not a function/.exec(stderr);
  if (missing)
    return {
      status: "no-gradbook",
      message: `The gradbook library in this kernel has no ${missing[1]}(): it is older than this extension. Rebuild it (npm run build) and restart the kernel.`,
    };
  switch (outcome.kind) {
    case "timeout":
      return { status: "error", message: `The kernel did not answer the ${what} in time.` };
    case "canceled":
      return { status: "error", message: `The kernel went away during the ${what}.` };
    case "aborted":
      return { status: "error", message: `The kernel aborted the ${what}.` };
    case "no-answer":
      return {
        status: "error",
        message: `The kernel ran the ${what} but sent nothing back.${stderr ? ` ${firstLine(stderr)}` : ""}`,
      };
    default:
      return {
        status: "error",
        message: `The ${what} failed${stderr ? `: ${firstLine(stderr)}` : "."}`,
      };
  }
}
