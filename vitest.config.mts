import { defineConfig } from "vitest/config";

// Four suites with different costs: unit tests run in milliseconds, notebook tests start tslab
// kernels, the red team grades hostile notebooks (issue #20), browser tests start JupyterLab and
// Chromium. `npm test` runs them in that order.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "notebooks",
          include: ["test/notebooks/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "redteam",
          include: ["test/redteam/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          testTimeout: 360_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
