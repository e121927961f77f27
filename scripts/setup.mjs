#!/usr/bin/env node
// `npm run setup`: what `npm start` and `npm test` do before they start anything.
import { setup } from "./lib/setup.mjs";
import { info, totalElapsed } from "./lib/log.mjs";

setup().then(
  () => info(`set-up complete in ${totalElapsed()}`),
  (error) => {
    info(`set-up failed: ${error.message}`);
    process.exit(1);
  },
);
