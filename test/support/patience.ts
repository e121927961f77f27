/**
 * How long the notebook and browser tests wait before they call something hung. These are not
 * expectations of speed: every wait is for a state a user would see (a prompt's count, a plot
 * drawn, a row in the inspector), and a passing run never waits the full time. They are sized for
 * a 2-core CI machine that another job shares (`GRADBOOK_TEST_LOAD=1 npm test`, test/README.md),
 * with the figures measured that way, so that only a real hang runs into one.
 */

/**
 * Anything that follows an action of the test: a menu, a dialog, a rendered output, a theme
 * applied, a file watcher noticing a change. Every Playwright wait without its own timeout gets
 * this one (`newLabPage`), and so does `expect.poll` (vitest.config.mts). Seen under load: a menu
 * 1–3 s; plotly.js (a 4.4 MB chunk loaded with the first plot) drawn 3–11 s after Run All ended.
 */
export const REACTION_MS = 90_000;

/** `jupyter lab` answering HTTP: 1.3 s on an idle machine. */
export const SERVER_START_MS = 120_000;

/**
 * JupyterLab loaded in Chromium and the notebook's tslab kernel started and idle. Seen under
 * load: 24 s; a cold tslab kernel alone takes 30–60 s on a loaded 2-core machine.
 */
export const NOTEBOOK_OPEN_MS = 180_000;

/** "Run All Cells" of a course lesson, from the click to the last prompt's count. */
export const RUN_ALL_MS = 240_000;

/**
 * A tslab kernel started by the tests' own kernel client (`KernelClient.start`): the 30 s default
 * is for a grader on a machine it has to itself; a cold start under load takes 30–60 s.
 */
export const KERNEL_START_MS = 180_000;

/**
 * One cell of a test notebook, compile included, when the test is not about the time limit:
 * the limit only turns a hang into a failure that names the cell.
 */
export const CELL_MS = 120_000;
