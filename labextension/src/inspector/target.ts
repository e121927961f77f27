import type { ICodeCellModel } from "@jupyterlab/cells";
import type { NotebookPanel } from "@jupyterlab/notebook";
import type { InspectorTarget } from "./state";

/**
 * The inspector's view of a notebook panel. A cell counts as pending from the moment it is
 * queued: JupyterLab marks queued and running code cells alike as "running".
 */
export function notebookTarget(panel: NotebookPanel): InspectorTarget {
  return {
    name: panel.title.label,
    sessionContext: panel.sessionContext,
    hasPendingCells: () =>
      panel.content.widgets.some(
        (cell) =>
          cell.model.type === "code" && (cell.model as ICodeCellModel).executionState === "running",
      ),
  };
}
