#!/usr/bin/env node
// `npm start [-- <jupyter lab options>]` in a students' kit: set up, then serve the kit's
// folder in JupyterLab with the kit's own kernel spec and extension (scripts/kit/setup.mjs).
import { delimiter } from "node:path";
import { ROOT } from "../lib/root.mjs";
import { info } from "../lib/log.mjs";
import { serveJupyterLab } from "../lib/serve.mjs";
import { JUPYTER_DATA, setupKit } from "./setup.mjs";

setupKit().then(
  (env) => {
    const jupyterPath = [JUPYTER_DATA, process.env.JUPYTER_PATH].filter(Boolean).join(delimiter);
    serveJupyterLab(env, {
      rootDir: ROOT,
      cwd: ROOT,
      userArgs: process.argv.slice(2),
      extraEnv: { JUPYTER_PATH: jupyterPath },
    });
  },
  (error) => {
    info(`could not start: ${error.message}`);
    process.exit(1);
  },
);
