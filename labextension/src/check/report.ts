import { formatNumber, type CheckBundle } from "gradbook/protocol";
import { el } from "../dom";
import type { CheckOutcome } from "./run-check";

function points(value: number): string {
  return formatNumber(value);
}

function testRow(test: CheckBundle["tests"][number]): HTMLElement {
  return el(
    "li",
    {
      className: `gradbook-check-test ${test.passed ? "gradbook-pass" : "gradbook-fail"}`,
      attrs: {
        "data-gradbook-test": test.gradeId,
        "data-gradbook-status": test.passed ? "pass" : "fail",
      },
    },
    el("span", { className: "gradbook-check-mark", text: test.passed ? "✓" : "✗" }),
    el("code", { text: test.gradeId }),
    el("span", {
      className: "gradbook-check-points",
      text: `${points(test.points)} / ${points(test.maxPoints)}`,
    }),
    test.status !== "passed" &&
      el("span", { className: "gradbook-check-status", text: test.status }),
    test.details.length > 0 && el("pre", { text: test.details.join("\n") }),
  );
}

/**
 * The result of "Check notebook" as a DOM node for a dialog: each visible test with its points
 * and, when it fails, why; then the total and a reminder that hidden tests run only when graded.
 * Hooks: `.gradbook-check` with `data-gradbook-status` (pass, fail or error) and each test's
 * `li[data-gradbook-test]` with its own `data-gradbook-status`.
 */
export function checkReport(outcome: CheckOutcome): HTMLElement {
  if (outcome.kind === "error")
    return el(
      "div",
      { className: "gradbook-check", attrs: { "data-gradbook-status": "error" } },
      el("p", { text: "The check could not run:" }),
      el("pre", { text: outcome.why }),
    );
  const { bundle } = outcome;
  const passed = bundle.tests.filter((test) => test.passed).length;
  const allPass = passed === bundle.tests.length && bundle.warnings.length === 0;
  return el(
    "div",
    { className: "gradbook-check", attrs: { "data-gradbook-status": allPass ? "pass" : "fail" } },
    el("ul", { className: "gradbook-check-tests" }, ...bundle.tests.map(testRow)),
    ...bundle.warnings.map((warning) =>
      el("pre", { className: "gradbook-check-warning", text: warning }),
    ),
    el("p", {
      className: "gradbook-check-total",
      text:
        `${passed} of ${bundle.tests.length} visible tests pass: ${points(bundle.total)} of ` +
        `${points(bundle.max)} points. Hidden tests run only when your work is graded.`,
    }),
  );
}
