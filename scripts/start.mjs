#!/usr/bin/env node
// `npm start [-- <jupyter lab options>]`: set everything up, then serve the course notebooks.
// The instructor's repository serves all of notebooks/, sources with solutions included;
// students get a kit instead (`npx gradbook kit`, docs/grading.md).
import { join } from "node:path";
import { ROOT } from "./lib/root.mjs";
import { setup } from "./lib/setup.mjs";
import { info } from "./lib/log.mjs";
import { serveJupyterLab } from "./lib/serve.mjs";

setup().then(
  (env) =>
    serveJupyterLab(env, {
      rootDir: join(ROOT, "notebooks"),
      cwd: ROOT,
      userArgs: process.argv.slice(2),
    }),
  (error) => {
    info(`could not start: ${error.message}`);
    process.exit(1);
  },
);
