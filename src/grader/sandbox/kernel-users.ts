/**
 * The user ids grading kernels run as when gradbook runs as root: one per worker, so that a
 * kernel cannot signal the grader or another kernel, nor read another kernel's connection file
 * (which holds the key to send it code), and so that whatever still runs under that id after a
 * submission can be found and killed. Ids are claimed through lock files, so two gradbook
 * processes on one machine never share one.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { listProcesses } from "../../kernel/process-tree";

const UID_BASE = 64_000;
const UID_RANGE = 1_000;

/** A user id that one worker's kernels run as, held until `release`. */
export interface KernelUser {
  uid: number;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when kernels run as users of their own: gradbook runs as root and this is not off. */
export function kernelUsersEnabled(): boolean {
  return process.getuid?.() === 0 && process.env.GRADBOOK_KERNEL_UID_BASE !== "off";
}

/**
 * Where the uid locks live: one folder for the whole machine, like the uids themselves. Not
 * TMPDIR: two batches with different TMPDIRs (two instructors, or a test with a private one)
 * both claimed uid 64000, and each killed the other's kernels when it cleaned up after a
 * submission. Only root claims uids, so /run/lock (or /tmp) is writable.
 */
export function uidLockFolder(): string {
  const folder = path.join(fs.existsSync("/run/lock") ? "/run/lock" : "/tmp", "gradbook-uids");
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
}

// A uid is held through a lock file naming the gradbook process that holds it, so that two
// batches on one machine never share one (each kills what its uid left behind).
function tryClaim(uid: number): KernelUser | undefined {
  const lock = path.join(uidLockFolder(), `${uid}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      return { uid, release: () => fs.rmSync(lock, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw error;
      }
      const holder = Number(fs.readFileSync(lock, "utf8"));
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        return undefined;
      }
      fs.rmSync(lock, { force: true });
    }
  }
  return undefined;
}

/**
 * Claim a user id for a worker's kernels when gradbook runs as root (undefined otherwise): one
 * per worker, so that concurrent kernels are separate users, and never one that another
 * gradbook process holds. `GRADBOOK_KERNEL_UID_BASE` moves the range (default 64000–64999);
 * `GRADBOOK_KERNEL_UID_BASE=off` keeps kernels as root.
 */
export function claimKernelUser(): KernelUser | undefined {
  if (!kernelUsersEnabled()) {
    return undefined;
  }
  const setting = process.env.GRADBOOK_KERNEL_UID_BASE;
  const base = setting === undefined ? UID_BASE : Number(setting);
  if (!Number.isInteger(base) || base <= 0) {
    throw new Error(
      `GRADBOOK_KERNEL_UID_BASE must be a positive integer or "off", got "${setting}"`,
    );
  }
  for (let uid = base; uid < base + UID_RANGE; uid++) {
    const claimed = tryClaim(uid);
    if (claimed !== undefined) {
      return claimed;
    }
  }
  throw new Error(`no free user id for a kernel in ${base}–${base + UID_RANGE - 1}`);
}

function realUid(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^Uid:\s+(\d+)/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Kill every live process of user `uid` (what a kernel left behind, whatever its process
 * group); returns how many were signalled. Zombies are skipped: they only wait to be reaped.
 */
export function killUserProcesses(uid: number): number {
  let killed = 0;
  for (const info of listProcesses()) {
    if (info.state !== "Z" && realUid(info.pid) === uid) {
      try {
        process.kill(info.pid, "SIGKILL");
        killed += 1;
      } catch {
        // Gone in the meantime.
      }
    }
  }
  return killed;
}
