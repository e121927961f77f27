/**
 * gradbook as a kit installs it: `npm pack` of the built package (package.json's `files`:
 * dist/ and the entry folders, never notebooks/ or test/), written into the kit's vendor/
 * folder, so that the kit depends on a file it holds instead of a path back into the
 * instructor's repository.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";

/** The packed package: the tarball and the paths it holds (relative to the package root). */
export interface PackedGradbook {
  tarball: string;
  files: string[];
}

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/** Pack the package at `packageRoot` into the folder `destination` (which must exist). */
export function packGradbook(packageRoot: string, destination: string): Promise<PackedGradbook> {
  return new Promise((resolve, reject) => {
    execFile(
      NPM,
      ["pack", "--json", "--pack-destination", destination],
      { cwd: packageRoot, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(new Error(`npm pack failed in ${packageRoot}: ${stderr.trim() || error.message}`));
          return;
        }
        const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
        resolve({
          tarball: path.join(destination, packed.filename),
          files: packed.files.map((file) => file.path),
        });
      },
    );
  });
}
