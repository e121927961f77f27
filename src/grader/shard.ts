/**
 * Shards of a class: `gradbook grade --shard I/N` grades only the submissions whose name hashes
 * to I (0 ≤ I < N), so N machines, or N tasks of a Kubernetes Indexed Job or a Slurm job array
 * (deploy/), grade a big class between them and `gradbook gradebook` merges their folders. The
 * part a student falls in depends only on the name (the first 32 bits of its SHA-256, modulo N):
 * not on the order of the files nor on who else handed in, so adding a late student moves no one.
 */
import { createHash } from "node:crypto";

/** Shard `index` of `count` (0 ≤ index < count). */
export interface Shard {
  index: number;
  count: number;
}

/** The shard, 0 to `count` − 1, that the submission named `name` belongs to. */
export function shardOf(name: string, count: number): number {
  return createHash("sha256").update(name, "utf8").digest().readUInt32BE(0) % count;
}

/**
 * Read "I/N" (`--shard`): throws an Error whose message says what is expected (indexes start at
 * 0, as JOB_COMPLETION_INDEX and a Slurm array `--array=0-(N-1)` do).
 */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!(count >= 1 && index >= 0 && index < count)) {
    throw new Error(
      `--shard must be I/N with 0 ≤ I < N (shards count from 0), got "${text}"` +
        (count >= 1 && index === count
          ? `; the last of ${count} shards is ${count - 1}/${count}`
          : ""),
    );
  }
  return { index, count };
}
