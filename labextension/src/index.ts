import { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { ICommandPalette } from "@jupyterlab/apputils";

/** Command ids live in one namespace so users can bind keys to them. */
export const CommandIDs = {
  about: "gradbook:about",
} as const;

const EXTENSION_VERSION = "0.1.0";

/**
 * The gradbook front-end plugin. It marks the page with the extension's version (a stable hook
 * the browser tests and users' scripts can read) and registers the palette commands.
 */
const plugin: JupyterFrontEndPlugin<void> = {
  id: "gradbook-labextension:plugin",
  description: "gradbook: tensor and gradient-check widgets for the course notebooks.",
  autoStart: true,
  optional: [ICommandPalette],
  activate: (app: JupyterFrontEnd, palette: ICommandPalette | null) => {
    document.body.dataset.gradbookExtension = EXTENSION_VERSION;
    app.commands.addCommand(CommandIDs.about, {
      label: "gradbook: About",
      caption: "Show which gradbook extension version is active",
      execute: () => {
        window.alert(`gradbook JupyterLab extension ${EXTENSION_VERSION}`);
      },
    });
    palette?.addItem({ command: CommandIDs.about, category: "gradbook" });
  },
};

export default plugin;
