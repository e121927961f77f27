/// <reference lib="dom" />
// jsdom has no DragEvent, and @lumino/dragdrop (loaded by @lumino/widgets) subclasses it when it
// loads. Import this module before anything from Lumino or JupyterLab.
if (typeof globalThis.DragEvent === "undefined")
  Object.assign(globalThis, { DragEvent: class DragEvent extends MouseEvent {} });
