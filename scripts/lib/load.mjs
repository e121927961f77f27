// The test load: busy processes beside the notebook, red-team and browser suites, so that
// `npm test` shows on any machine what CI sees when another job shares its cores. A test that
// passes only on an idle machine blocks good work on a busy one (issue 21).
import { fork } from "node:child_process";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { ROOT } from "./root.mjs";

/** The environment variable that turns the load on: `GRADBOOK_TEST_LOAD=1 npm test`. */
export const LOAD_VARIABLE = "GRADBOOK_TEST_LOAD";

const WORKER = join(ROOT, "scripts", "lib", "load-worker.mjs");

/**
 * Whether the environment asks for the load: "1" yes, unset, "" or "0" no. Anything else is a
 * mistake worth stopping for, since a run that silently skipped the load would prove nothing.
 */
export function loadRequested(env = process.env) {
  const value = (env[LOAD_VARIABLE] ?? "").trim();
  if (value === "" || value === "0") return false;
  if (value === "1") return true;
  throw new Error(`${LOAD_VARIABLE}=${value} is not understood: set it to 1 (load on) or 0 (off)`);
}

/**
 * Starts one busy process per core (normal priority, each churning a 192 MiB working set) and
 * returns `stop()`, which ends them and resolves with what they did: processes, CPU seconds,
 * memory churned. The processes exit by themselves if this one dies.
 */
export function startLoad(processes = availableParallelism()) {
  const startedAt = Date.now();
  const workers = Array.from({ length: processes }, () =>
    fork(WORKER, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] }),
  );
  const stopOne = (worker) =>
    new Promise((resolve) => {
      let report = { cpuMs: 0, churnedBytes: 0 };
      if (worker.exitCode !== null || worker.signalCode !== null) return resolve(report);
      worker.on("message", (message) => (report = message));
      worker.once("exit", () => resolve(report));
      worker.send("stop");
      setTimeout(() => worker.kill("SIGKILL"), 5_000).unref();
    });
  return {
    async stop() {
      const reports = await Promise.all(workers.map(stopOne));
      const wallSeconds = (Date.now() - startedAt) / 1000;
      const cpuSeconds = reports.reduce((sum, report) => sum + report.cpuMs, 0) / 1000;
      const churnedGiB = reports.reduce((sum, report) => sum + report.churnedBytes, 0) / 2 ** 30;
      return { processes, wallSeconds, cpuSeconds, churnedGiB };
    },
  };
}
