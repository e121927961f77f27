import { defineConfig } from "vitest/config";
import { REACTION_MS } from "./test/support/patience";

// Four suites with different costs: unit tests run in milliseconds, notebook tests start tslab
// kernels, the red team grades hostile notebooks (issue #20), browser tests start JupyterLab and
// Chromium. `npm test` runs them in that order.
//
// The notebook, red-team and browser suites must hold on a 2-core machine that another job shares
// (`GRADBOOK_TEST_LOAD=1 npm test`; test/README.md): their tests wait for states, with the
// bounds of test/support/patience.ts, and vitest's own limits sit above those bounds so that a
// hang fails with the waiting test's message (and screenshot) rather than a bare timeout.
// expect.poll gives up after 1 s unless told otherwise: far too soon there.
const loadProof = { expect: { poll: { timeout: REACTION_MS, interval: 100 } } };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          // vitest's default of 5 s is a timing assertion in disguise: the Iris softmax fit took
          // more than 5 s in a CI run beside other developers' builds, and 16.5 s in the next
          // minute, at a load average of 23 on 2 cores. A hang still fails, two minutes later.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "notebooks",
          include: ["test/notebooks/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          ...loadProof,
        },
      },
      {
        test: {
          name: "redteam",
          include: ["test/redteam/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          ...loadProof,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          testTimeout: 360_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          ...loadProof,
        },
      },
    ],
  },
});
