/**
 * A results folder: one `<submission>.json` per student (the source of truth), with
 * `<submission>.ipynb` (the notebook as it ran) and `<submission>.html` (feedback) beside it.
 * Reading it re-reads only the files that changed since the last read, so the gradebook can be
 * rebuilt after every submission of a big class. All results must belong to one assignment, at
 * one version (`AssignmentIdentity`): mixing is refused, never silently summed. Merging copies
 * another folder's results in (shards), the newest result of each student winning.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeFileAtomic } from "./atomic-write";
import { RESULT_FORMAT, type AssignmentIdentity, type SubmissionResult } from "../scoring/results";

/** Results that cannot share a gradebook, or a folder that cannot be read. */
export class GradebookError extends Error {
  override readonly name = "GradebookError";
}

// Linux allows 255 bytes in a file name; escaped names can be longer than the file they came from.
const MAX_BASE_BYTES = 200;

/** The base name of a submission's files in a results folder (`<base>.json`, …). */
export function resultBase(submission: string): string {
  if (Buffer.byteLength(submission, "utf8") <= MAX_BASE_BYTES) {
    return submission;
  }
  const hash = createHash("sha256").update(submission).digest("hex").slice(0, 12);
  let kept = submission.slice(0, 150);
  while (Buffer.byteLength(kept, "utf8") > 150) {
    kept = kept.slice(0, -1);
  }
  return `${kept}-${hash}`;
}

function isResult(value: unknown): value is SubmissionResult {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  const assignment = record.assignment as Record<string, unknown> | undefined;
  return (
    record.format === RESULT_FORMAT &&
    typeof record.submission === "string" &&
    Array.isArray(record.tests) &&
    Array.isArray(record.manual) &&
    typeof assignment?.checksum === "string" &&
    Array.isArray(assignment.items)
  );
}

/** The results of a folder and what could not be read. */
export interface LoadedResults {
  results: SubmissionResult[];
  problems: string[];
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  result?: SubmissionResult;
  problem?: string;
}

/** A results folder, read incrementally (see the file comment). */
export class ResultsFolder {
  private readonly cache = new Map<string, CachedFile>();

  constructor(readonly dir: string) {}

  private readFile(name: string, stat: fs.Stats): CachedFile {
    const file = path.join(this.dir, name);
    const entry: CachedFile = { mtimeMs: stat.mtimeMs, size: stat.size };
    try {
      const value: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
      if (isResult(value)) {
        entry.result = value;
      } else {
        entry.problem = `${file} is not a gradbook result of this version; left out of the gradebook`;
      }
    } catch (error) {
      entry.problem = `${file} could not be read (${(error as Error).message}); left out of the gradebook`;
    }
    return entry;
  }

  /** Every result in the folder (the newest of each student) and what could not be read. */
  load(): LoadedResults {
    if (!fs.existsSync(this.dir)) {
      return { results: [], problems: [] };
    }
    const names = fs
      .readdirSync(this.dir)
      .filter((name) => name.endsWith(".json"))
      .sort();
    const present = new Set(names);
    for (const name of [...this.cache.keys()].filter((cached) => !present.has(cached))) {
      this.cache.delete(name);
    }
    const byStudent = new Map<string, SubmissionResult>();
    const problems: string[] = [];
    for (const name of names) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(path.join(this.dir, name));
      } catch {
        continue;
      }
      let entry = this.cache.get(name);
      if (entry === undefined || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
        entry = this.readFile(name, stat);
        this.cache.set(name, entry);
      }
      if (entry.problem !== undefined) {
        problems.push(entry.problem);
      }
      const result = entry.result;
      if (result === undefined) {
        continue;
      }
      const other = byStudent.get(result.submission);
      if (other !== undefined) {
        problems.push(
          `${this.dir} holds two results of "${result.submission}"; the newer one is used`,
        );
      }
      if (other === undefined || (result.gradedAt ?? "") > (other.gradedAt ?? "")) {
        byStudent.set(result.submission, result);
      }
    }
    return { results: [...byStudent.values()], problems };
  }
}

function describeIdentity(identity: AssignmentIdentity): string {
  return `${identity.notebook} (version ${identity.checksum.slice(0, 12)})`;
}

/**
 * The one assignment `results` belong to (`expected`, when given, or theirs), or undefined when
 * there are none. Throws `GradebookError` naming both when they belong to different assignments
 * or versions; `where` says whose results they are.
 */
export function commonIdentity(
  results: readonly SubmissionResult[],
  where: string,
  expected?: AssignmentIdentity,
): AssignmentIdentity | undefined {
  let identity = expected;
  for (const result of results) {
    const own = result.assignment as AssignmentIdentity;
    if (identity === undefined) {
      identity = own;
    } else if (own.checksum !== identity.checksum || own.notebook !== identity.notebook) {
      const count = results.filter((r) => r.assignment?.checksum === own.checksum).length;
      throw new GradebookError(
        `${where} holds ${count} result(s) of ${describeIdentity(own)}, which is not ` +
          `${describeIdentity(identity)} (e.g. "${result.submission}"): results of different ` +
          `assignments, or of a source notebook changed since, cannot share a gradebook. Grade ` +
          `into another folder, or move the old results away first.`,
      );
    }
  }
  return identity;
}

/** What a merge did. */
export interface MergeReport {
  copied: string[];
  /** Students whose result in the target was newer than the other folder's. */
  kept: string[];
}

// A result without an executed notebook (not graded) must not keep an older one beside it.
function copyOrRemove(from: string, to: string): void {
  if (fs.existsSync(from)) {
    writeFileAtomic(to, fs.readFileSync(from));
  } else {
    fs.rmSync(to, { force: true });
  }
}

/**
 * Copy into `target` every result of the folders `others` that `target` lacks or holds an older
 * result of (by `gradedAt`), with its executed notebook. Throws `GradebookError` when a folder
 * is missing or the results belong to different assignments — before copying anything.
 */
export function mergeResults(target: ResultsFolder, others: readonly string[]): MergeReport {
  const own = target.load().results;
  let identity = commonIdentity(own, target.dir);
  const loaded = others.map((dir) => {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new GradebookError(`results folder ${dir} does not exist`);
    }
    const results = new ResultsFolder(dir).load().results;
    identity = commonIdentity(results, dir, identity);
    return { dir, results };
  });
  const newest = new Map(own.map((result) => [result.submission, result.gradedAt ?? ""]));
  const report: MergeReport = { copied: [], kept: [] };
  fs.mkdirSync(target.dir, { recursive: true });
  for (const { dir, results } of loaded) {
    for (const result of results) {
      const current = newest.get(result.submission);
      if (current !== undefined && current >= (result.gradedAt ?? "")) {
        report.kept.push(result.submission);
        continue;
      }
      const base = resultBase(result.submission);
      copyOrRemove(path.join(dir, `${base}.ipynb`), path.join(target.dir, `${base}.ipynb`));
      writeFileAtomic(
        path.join(target.dir, `${base}.json`),
        `${JSON.stringify(result, null, 2)}\n`,
      );
      newest.set(result.submission, result.gradedAt ?? "");
      report.copied.push(result.submission);
    }
  }
  return report;
}
