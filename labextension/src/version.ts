/**
 * The extension's version, read from its package.json so it never drifts from the release. tsc
 * cannot import a file outside its rootDir (src/), so this is a require that webpack (run by
 * jupyter-builder) resolves at build time from lib/, inlining package.json into the bundle.
 */
declare const require: (id: "../package.json") => { version: string };

/** The version in labextension/package.json. */
export const EXTENSION_VERSION: string = require("../package.json").version;
