import { INSPECTOR_FUNCTIONS, INSPECTOR_MODULE } from "gradbook/protocol";
import type { QueryOutcome } from "./kernel-query";

/** Why a query gave no bundle, in the words the panel shows. */
export interface QueryProblem {
  /** "no-gradbook" when the library cannot be used from this kernel; "error" otherwise. */
  status: "no-gradbook" | "error";
  message: string;
}

/** Node's message when the kernel cannot load the queries' module. */
const MISSING_MODULE = new RegExp(`Cannot find module ['"]${INSPECTOR_MODULE}['"]`);

/** tslab's message when the library answers but lacks a query's function (an older build). */
const MISSING_FUNCTION = new RegExp(`(${INSPECTOR_FUNCTIONS.join("|")}) is not a function`);

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ""
  );
}

/**
 * Turns a failed query into a sentence a student can act on. The common failures are
 * recognised by the text of the kernel's error.
 */
export function explainFailure(outcome: QueryOutcome, what: string): QueryProblem {
  const stderr = "stderr" in outcome ? outcome.stderr : "";
  if (MISSING_MODULE.test(stderr))
    return {
      status: "no-gradbook",
      message:
        `${INSPECTOR_MODULE} cannot be loaded in this kernel. Open notebooks from inside the ` +
        "course folder (where node_modules/gradbook is), or run `npm start` there; if gradbook " +
        "is there, it is older than this extension: rebuild it (npm run build).",
    };
  const missing = MISSING_FUNCTION.exec(stderr);
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
