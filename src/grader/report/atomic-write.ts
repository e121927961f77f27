/**
 * Writing a file so that a reader, or a crash, never sees it half written: the text goes to a
 * temporary file in the same folder, is flushed to disk, and is renamed over the target in one
 * step (rename is atomic within a file system). A crash leaves the old file, or the new one, and
 * at worst a stray `*.tmp` beside them, which nothing reads.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";

/** Write `data` to `file` atomically (see the file comment). */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  const fd = fs.openSync(temporary, "w", 0o644);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
