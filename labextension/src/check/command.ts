import type { JupyterFrontEnd } from "@jupyterlab/application";
import { Dialog, showDialog, ToolbarButton } from "@jupyterlab/apputils";
import type { INotebookTracker, NotebookPanel } from "@jupyterlab/notebook";
import { checkIcon } from "@jupyterlab/ui-components";
import { Widget } from "@lumino/widgets";
import { el, setChildren } from "../dom";
import { checkReport } from "./report";
import { checkNotebook } from "./run-check";

/** The kernel a check runs in when the notebook names none (the course's notebooks are tslab). */
const DEFAULT_KERNEL = "tslab";

/**
 * Saves `panel`'s notebook and checks it, showing a dialog at once that fills in with the report
 * when the check is done (src/protocol/check-query.ts).
 */
export async function runCheck(app: JupyterFrontEnd, panel: NotebookPanel): Promise<void> {
  const body = new Widget({
    node: el(
      "div",
      { className: "gradbook-check", attrs: { "data-gradbook-status": "running" } },
      el("p", {
        text: "Running the notebook's visible tests in a fresh kernel, as the grader will…",
      }),
    ),
  });
  const title = `Check: ${panel.title.label}`;
  const shown = showDialog({ title, body, buttons: [Dialog.okButton({ label: "Close" })] });
  try {
    await panel.context.save();
    const kernelName = panel.sessionContext.session?.kernel?.name ?? DEFAULT_KERNEL;
    const outcome = await checkNotebook(app.serviceManager, panel.context.path, kernelName);
    const report = checkReport(outcome);
    body.node.className = report.className;
    body.node.setAttribute("data-gradbook-status", report.dataset.gradbookStatus ?? "error");
    setChildren(body.node, ...report.childNodes);
  } catch (error) {
    setChildren(body.node, el("pre", { text: `The check could not run: ${String(error)}` }));
    body.node.setAttribute("data-gradbook-status", "error");
  }
  await shown;
}

/** The "Check notebook" button of every notebook's toolbar, running `command`. */
export function addCheckButtons(
  app: JupyterFrontEnd,
  tracker: INotebookTracker,
  command: string,
): void {
  tracker.widgetAdded.connect((_, panel) => {
    const button = new ToolbarButton({
      icon: checkIcon,
      label: "Check",
      tooltip: "Check notebook: run its visible tests in a fresh kernel, as the grader will",
      className: "gradbook-check-button",
      onClick: () => void app.commands.execute(command),
    });
    panel.toolbar.insertItem(10, "gradbook-check", button);
  });
}
