// Read from package.json at run time so the version shown in notebooks is the one installed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packageJson = require("../package.json") as { version: string };

/** The installed gradbook version, as in package.json. */
export const version: string = packageJson.version;
