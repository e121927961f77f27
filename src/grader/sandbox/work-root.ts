/**
 * The folders of a grading batch: one holding a copy of the packages kernels load (runtime.ts:
 * tslab, @types/node, gradbook's compiled library, never the repository around them) and, next
 * to it, a fresh working folder per submission with only the files the assignment ships.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { kernelUsersEnabled } from "./kernel-users";
import { buildRuntime, type RuntimeCopy } from "./runtime";

/** A batch's folder: the package copy and the working folders; `dispose` removes it all. */
export interface WorkRoot {
  dir: string;
  runtime: RuntimeCopy;
  dispose(): void;
}

// Kernels that run as another user must be able to enter the working folders and reach their
// connection files, both in the temporary folder.
function checkTraversable(dir: string): void {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((fs.statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `kernels run as their own users (gradbook runs as root) but cannot enter ${current}: ` +
          `let others traverse it (chmod o+x), point TMPDIR elsewhere, or set ` +
          `GRADBOOK_KERNEL_UID_BASE=off`,
      );
    }
    if (path.dirname(current) === current) {
      return;
    }
  }
}

/**
 * Create a batch's folder in the temporary folder, with the package copy. Throws when kernels
 * running as other users could not reach it, or gradbook's library is not compiled.
 */
export function createWorkRoot(): WorkRoot {
  if (kernelUsersEnabled()) {
    checkTraversable(os.tmpdir());
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-grade-"));
  const dispose = (): void => fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.chmodSync(dir, 0o755);
    return { dir, runtime: buildRuntime(dir), dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/**
 * Make a fresh working folder inside `root` holding copies of `include` (files or folders,
 * placed at the top under their own name); `name` is made safe for a folder name.
 */
export function createWorkFolder(
  root: WorkRoot,
  name: string,
  include: readonly string[] = [],
): string {
  const folder = path.join(root.dir, `work-${name.replace(/[^\w.-]/g, "_")}`);
  fs.mkdirSync(folder);
  for (const item of include) {
    fs.cpSync(item, path.join(folder, path.basename(item)), { recursive: true, dereference: true });
  }
  return folder;
}
