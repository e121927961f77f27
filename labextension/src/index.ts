import {
  ILayoutRestorer,
  type JupyterFrontEnd,
  type JupyterFrontEndPlugin,
} from "@jupyterlab/application";
import { ICommandPalette } from "@jupyterlab/apputils";
import { INotebookTracker, NotebookActions } from "@jupyterlab/notebook";
import { ISettingRegistry } from "@jupyterlab/settingregistry";
import { addCheckButtons, runCheck } from "./check/command";
import { CommandIDs } from "./commands";
import { InspectorModel } from "./inspector/model";
import type { InspectorSettings } from "./inspector/state";
import { InspectorPanel } from "./inspector/panel";
import { notebookTarget } from "./inspector/target";
import { EXTENSION_VERSION } from "./version";

export { CommandIDs } from "./commands";

const PLUGIN_ID = "gradbook-labextension:plugin";

function readSettings(settings: ISettingRegistry.ISettings): InspectorSettings {
  return {
    autoRefresh: settings.get("autoRefresh").composite !== false,
    previewSize: Number(settings.get("previewSize").composite ?? 3) || 3,
  };
}

/**
 * The gradbook front-end plugin: wires the shape inspector (model + sidebar panel) to the active
 * notebook, its executed cells and the settings, and registers the palette commands. It also
 * marks the page with the extension's version (a hook the browser tests and users' scripts read).
 * The MIME renderers are a separate entry point (mime.ts).
 */
const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: "gradbook: shape inspector, Check Notebook and commands for the course notebooks.",
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ICommandPalette, ISettingRegistry, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null,
  ) => {
    document.body.dataset.gradbookExtension = EXTENSION_VERSION;

    const model = new InspectorModel();
    const panel = new InspectorPanel(model);
    app.shell.add(panel, "right", { rank: 600 });
    restorer?.add(panel, panel.id);

    const follow = () =>
      model.setTarget(tracker.currentWidget ? notebookTarget(tracker.currentWidget) : null);
    tracker.currentChanged.connect(follow);
    follow();
    NotebookActions.executed.connect((_, { notebook, success }) => {
      if (notebook === tracker.currentWidget?.content) model.cellExecuted(success);
    });

    if (settingRegistry)
      settingRegistry.load(PLUGIN_ID).then(
        (settings) => {
          model.configure(readSettings(settings));
          settings.changed.connect(() => model.configure(readSettings(settings)));
        },
        (reason: unknown) => console.warn(`gradbook: settings unavailable, using defaults`, reason),
      );

    app.commands.addCommand(CommandIDs.about, {
      label: "gradbook: About",
      caption: "Show which gradbook extension version is active",
      execute: () => {
        window.alert(`gradbook JupyterLab extension ${EXTENSION_VERSION}`);
      },
    });
    app.commands.addCommand(CommandIDs.openInspector, {
      label: "gradbook: Open Shape Inspector",
      caption: "Show the tensors of the active notebook's kernel in the right sidebar",
      execute: () => app.shell.activateById(panel.id),
    });
    app.commands.addCommand(CommandIDs.refreshInspector, {
      label: "gradbook: Refresh Shape Inspector",
      caption: "Read the tensors of the active notebook's kernel again",
      isEnabled: () => tracker.currentWidget !== null,
      execute: () => {
        app.shell.activateById(panel.id);
        model.refresh();
      },
    });
    app.commands.addCommand(CommandIDs.checkNotebook, {
      label: "gradbook: Check Notebook",
      caption:
        "Run the notebook's visible tests in a fresh kernel, as gradbook check and the grader do",
      isEnabled: () => tracker.currentWidget !== null,
      execute: () => {
        const current = tracker.currentWidget;
        return current === null ? undefined : runCheck(app, current);
      },
    });
    addCheckButtons(app, tracker, CommandIDs.checkNotebook);
    for (const command of Object.values(CommandIDs))
      palette?.addItem({ command, category: "gradbook" });
  },
};

export default plugin;
