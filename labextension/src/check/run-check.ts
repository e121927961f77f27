import type { ServiceManager } from "@jupyterlab/services";
import { type CheckBundle, checkQueryCode, MIME } from "gradbook/protocol";
import { runKernelQuery } from "../inspector/kernel-query";

/** A check's result: the report, or why there is none. */
export type CheckOutcome = { kind: "report"; bundle: CheckBundle } | { kind: "error"; why: string };

/** A check runs every visible test in a fresh kernel; lessons take a minute on a busy machine. */
const CHECK_TIMEOUT_MS = 15 * 60_000;

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

function isCheckBundle(value: unknown): value is CheckBundle {
  const bundle = value as Partial<CheckBundle> | null;
  return (
    typeof bundle === "object" &&
    bundle !== null &&
    Array.isArray(bundle.tests) &&
    Array.isArray(bundle.warnings) &&
    typeof bundle.text === "string"
  );
}

/**
 * Checks the saved notebook at `path` (relative to the server's root) as `gradbook check` does:
 * a helper tslab kernel, started in the notebook's folder so `gradbook` resolves as the
 * notebook's own imports do, runs the check query (src/protocol/check-query.ts) and is shut
 * down afterwards. The student's kernel keeps its state and may stay busy meanwhile.
 */
export async function checkNotebook(
  services: ServiceManager.IManager,
  path: string,
  kernelName: string,
): Promise<CheckOutcome> {
  const folder = folderOf(path);
  const file = path.slice(folder === "" ? 0 : folder.length + 1);
  const helperPath = `${folder === "" ? "" : `${folder}/`}.gradbook-check-${Date.now()}.ipynb`;
  const session = await services.sessions.startNew({
    path: helperPath,
    name: "gradbook check",
    type: "gradbook-check",
    kernel: { name: kernelName },
  });
  try {
    const kernel = session.kernel;
    if (kernel === null) return { kind: "error", why: "the helper kernel did not start" };
    const outcome = await runKernelQuery(kernel, checkQueryCode(file), MIME.check, {
      timeoutMs: CHECK_TIMEOUT_MS,
    });
    if (outcome.kind === "answer" && isCheckBundle(outcome.data))
      return { kind: "report", bundle: outcome.data };
    if (outcome.kind === "timeout") return { kind: "error", why: "the check took too long" };
    const stderr = "stderr" in outcome ? outcome.stderr.trim() : "";
    return { kind: "error", why: stderr || `the check gave no report (${outcome.kind})` };
  } finally {
    await session.shutdown().catch(() => undefined);
    session.dispose();
  }
}
