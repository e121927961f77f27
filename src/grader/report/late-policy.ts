/**
 * Late work, after nbgrader's LateSubmissionPlugin: a submission is late by the time between the
 * due date and its timestamp, and the penalty comes off its raw score (never below 0), as in
 * nbgrader's export (`score = max(0, raw_score − late_submission_penalty)`). The rule is one of
 * - `none`: lateness is recorded, nothing is taken off (nbgrader's default);
 * - `zero`: a late submission scores 0 (nbgrader's `zero`);
 * - `per-hour:P`: P points off for every hour or part of an hour late;
 * - `flat:P`: P points off once, however late;
 * where P may be a percentage of the assignment's points (`per-hour:10%`). A submission without
 * a known time is not penalized (its late column is left blank).
 */

/** A penalty rule (see the file comment). */
export type LatePenalty =
  { kind: "none" | "zero" } | { kind: "per-hour" | "flat"; amount: number; percent: boolean };

const RULE = /^(per-hour|flat):(\d+(?:\.\d+)?)(%?)$/;

/** Read a rule; throws an Error whose message lists the rules. */
export function parseLatePenalty(text: string): LatePenalty {
  const rule = text.trim();
  if (rule === "none" || rule === "zero") {
    return { kind: rule };
  }
  const match = RULE.exec(rule);
  if (match === null) {
    throw new Error(
      `--late-penalty must be none, zero, per-hour:P or flat:P (P points, or P% of the ` +
        `assignment's points), got "${text}"`,
    );
  }
  return {
    kind: match[1] as "per-hour" | "flat",
    amount: Number(match[2]),
    percent: match[3] === "%",
  };
}

/**
 * The points taken off a submission `secondsLate` late (0 when on time or of unknown time) whose
 * raw score is `raw` out of `maxPoints`, under `rule`.
 */
export function latePenalty(
  rule: LatePenalty,
  secondsLate: number | undefined,
  raw: number,
  maxPoints: number,
): number {
  if (secondsLate === undefined || secondsLate <= 0) {
    return 0;
  }
  switch (rule.kind) {
    case "none":
      return 0;
    case "zero":
      return raw;
    default: {
      const step = rule.percent ? (rule.amount / 100) * maxPoints : rule.amount;
      const steps = rule.kind === "flat" ? 1 : Math.ceil(secondsLate / 3600);
      return Math.min(raw, step * steps);
    }
  }
}
