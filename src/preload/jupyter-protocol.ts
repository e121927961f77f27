/**
 * Makes tslab's kernel follow the Jupyter messaging protocol where tslab 1.0.22 does not, for
 * JupyterLab, nbclient and nbgrader as much as for gradbook's own runner (installed by
 * tslab-fixes.ts into every kernel, before tslab starts): errors with ename, evalue and
 * traceback on the reply and on IOPub, `execute_result`, ipykernel's stop-on-error
 * (execute-request.ts, execute-reply.ts, cell-outcome.ts), and the other replies
 * (kernel-info.ts, other-requests.ts). All or nothing: a tslab whose classes do not have the
 * shapes these fixes expect is left as it is, and gradbook's runner copes with that too.
 */
import { recordCellOutcomes, type ExecutorModule } from "./cell-outcome";
import { sendExecuteReplies } from "./execute-reply";
import { answerExecuteRequests, type JupyterModule } from "./execute-request";
import { completeKernelInfoReplies, type KernelVersions } from "./kernel-info";
import { answerOtherRequests } from "./other-requests";
import type { ZmqServer } from "./tslab-server";

type Loader = (id: string) => unknown;

const SERVER_METHODS = [
  "handleShellMessage",
  "handleExecute",
  "handleCommInfoRequest",
  "handleShutdown",
];
const HANDLER_METHODS = [
  "handleKernel",
  "handleExecute",
  "handleIsComplete",
  "handleInspect",
  "handleComplete",
  "createWriteToIopub",
];

function hasMethods(value: unknown, names: readonly string[]): boolean {
  const prototype = (value as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  return prototype !== undefined && names.every((name) => typeof prototype[name] === "function");
}

/**
 * Install the fixes on the tslab that `fromTslab` loads from (a `require` relative to tslab's
 * package folder). Returns false, changing nothing, when tslab's shapes are not the expected ones.
 */
export function installJupyterProtocol(fromTslab: Loader, versions: KernelVersions): boolean {
  const jupyter = fromTslab("./dist/jupyter.js") as JupyterModule & {
    ZmqServer?: { prototype: ZmqServer };
  };
  const executor = fromTslab("./dist/executor.js") as Partial<ExecutorModule>;
  if (
    typeof executor.createExecutor !== "function" ||
    !hasMethods(jupyter.ZmqServer, SERVER_METHODS) ||
    !hasMethods(jupyter.JupyterHandlerImpl, HANDLER_METHODS) ||
    jupyter.ZmqServer === undefined
  ) {
    return false;
  }
  recordCellOutcomes(executor as ExecutorModule);
  answerExecuteRequests(jupyter);
  sendExecuteReplies(jupyter.ZmqServer);
  completeKernelInfoReplies(
    jupyter.JupyterHandlerImpl as unknown as {
      prototype: { handleKernel(): Record<string, unknown> };
    },
    versions,
  );
  answerOtherRequests(jupyter.ZmqServer, jupyter.JupyterHandlerImpl);
  return true;
}
