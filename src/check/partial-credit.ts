/**
 * Partial credit for a test cell: `partialCredit(0.5, "the bias is not learned")` lowers a test
 * that passes to half its points. It can only lower: the grader gives a test the smallest
 * fraction asked for while it ran, and a test that fails scores 0 whatever it asked for.
 *
 * How the grader hears of it, so that student code cannot raise a fraction (docs/grading.md):
 * the grader brackets each test cell that uses partial credit with `partialCredit.open(token)`
 * and `partialCredit.report(token)`, with a token students never see. `open` starts a record;
 * every call of `partialCredit` while it is open — from the test or from a student function the
 * test calls — can only lower it; `report` publishes the record under the token straight
 * through tslab's own writer (not through `show()`'s writer, which code in the notebook can
 * redirect). A student function can call `partialCredit` (lowering its own score) or open
 * records of its own (ignored); it cannot remove a record, and a test whose report does not
 * arrive scores 0. The grader reads `PARTIAL_CREDIT_MIME` (src/grader/scoring/partial-credit.ts
 * repeats it: the grader does not load the library).
 */
import * as path from "node:path";

/** MIME type of the report the grader reads. */
export const PARTIAL_CREDIT_MIME = "application/vnd.gradbook.partial-credit+json";

/** What a report says: the token, the lowest fraction asked for, and the messages given. */
export interface PartialCreditReport {
  token: string;
  fraction: number;
  messages: string[];
}

/** `partialCredit` and the grader's two hooks (see the file comment). */
export interface PartialCredit {
  /**
   * Give the running test `fraction` (0 to 1) of its points if it passes, with `message` for
   * the student (shown in the feedback beside the test).
   */
  (fraction: number, message?: string): void;
  /** Start the record of a test cell (the grader calls this; see the file comment). */
  readonly open: (token: string) => void;
  /** Publish and close the record of a test cell (the grader calls this). */
  readonly report: (token: string) => void;
}

// Kept short so that a student calling partialCredit in a loop cannot grow a report without
// bound: the first messages are the instructor's.
const MAX_MESSAGES = 10;
const MAX_MESSAGE_CHARS = 500;

const records = new Map<string, { fraction: number; messages: string[] }>();

function checkFraction(fraction: unknown): number {
  if (typeof fraction !== "number" || !(fraction >= 0 && fraction <= 1)) {
    throw new TypeError(
      `partialCredit(fraction, message): fraction must be a number from 0 to 1, got ` +
        `${typeof fraction === "number" ? String(fraction) : typeof fraction}`,
    );
  }
  return fraction;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

function credit(fraction: number, message?: string): void {
  const value = checkFraction(fraction);
  if (message !== undefined && typeof message !== "string") {
    throw new TypeError(`partialCredit(fraction, message): message must be a string`);
  }
  const text = message?.slice(0, MAX_MESSAGE_CHARS);
  for (const record of records.values()) {
    record.fraction = Math.min(record.fraction, value);
    if (text !== undefined && value < 1 && record.messages.length < MAX_MESSAGES) {
      record.messages.push(text);
    }
  }
  console.log(`partial credit: ${percent(value)} of this test's points${text ? `: ${text}` : ""}`);
}

function open(token: string): void {
  // Opening a token twice keeps the first record: nothing can bring a fraction back up.
  if (!records.has(token)) {
    records.set(token, { fraction: 1, messages: [] });
  }
}

type Writer = (content: { data: object; metadata: object; transient: object }, u: boolean) => void;

// tslab's writer for the running execution, found in the module cache as src/display does, but
// never through an override that notebook code could install.
function tslabWriter(): Writer | undefined {
  if (typeof require === "undefined" || require.cache === undefined) {
    return undefined;
  }
  const suffix = path.join("tslab", "dist", "jupyter.js");
  for (const [file, loaded] of Object.entries(require.cache)) {
    if (file.endsWith(path.sep + suffix)) {
      const write = (loaded?.exports as { lastWriteDisplayData?: unknown }).lastWriteDisplayData;
      return typeof write === "function" ? (write as Writer) : undefined;
    }
  }
  return undefined;
}

function report(token: string): void {
  const record = records.get(token);
  records.delete(token);
  const body: PartialCreditReport = {
    token,
    fraction: record?.fraction ?? 0,
    messages: record?.messages ?? [],
  };
  const text = `gradbook: partial credit ${percent(body.fraction)}`;
  const write = tslabWriter();
  if (write === undefined) {
    console.log(text);
    return;
  }
  write(
    { data: { [PARTIAL_CREDIT_MIME]: body, "text/plain": text }, metadata: {}, transient: {} },
    false,
  );
}

/**
 * Lower a passing test's points to `fraction` of them (0 to 1), with a `message` for the
 * student: `partialCredit(0.5, "predict ignores the bias column")`. Call it from a test cell
 * (or a function of a read-only cell that a test calls), typically from a hidden test that
 * found a smaller mistake. Several calls keep the smallest fraction; a test that fails scores 0.
 * Outside grading it prints what it would do. Throws `TypeError` for a fraction outside [0, 1].
 */
export const partialCredit: PartialCredit = Object.assign(credit, { open, report });
