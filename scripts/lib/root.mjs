import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root folder (package.json, src/, dist/): every script works from here. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
