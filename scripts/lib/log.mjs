// Progress output for the set-up scripts: one line per step with its duration, so a slow first
// run shows where the time goes and a second run shows what it skipped.
const started = Date.now();

/** The time since `since` (a Date.now() value), as the log lines print it. */
export function elapsed(since) {
  const seconds = (Date.now() - since) / 1000;
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

export function info(message) {
  process.stderr.write(`gradbook: ${message}\n`);
}

/** Runs `work` as a named step and reports how long it took (or that it failed). */
export async function step(title, work) {
  const since = Date.now();
  info(`${title} …`);
  try {
    const result = await work();
    const note = typeof result === "string" ? ` (${result})` : "";
    info(`${title}: done in ${elapsed(since)}${note}`);
    return result;
  } catch (error) {
    info(`${title}: FAILED after ${elapsed(since)}`);
    throw error;
  }
}

export function totalElapsed() {
  return elapsed(started);
}
