import { LabIcon } from "@jupyterlab/ui-components";

/**
 * The shape inspector's sidebar icon: a small grid with one highlighted row. `jp-icon3` lets the
 * theme colour it like JupyterLab's own sidebar icons.
 */
export const inspectorIcon = new LabIcon({
  name: "gradbook:shape-inspector",
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">' +
    '<g class="jp-icon3" fill="#616161">' +
    '<path d="M3 3h18v18H3V3zm2 2v4h4V5H5zm6 0v4h4V5h-4zm6 0v4h2V5h-2zM5 11v2h14v-2H5zm0 4v4h4v-4H5zm6 0v4h4v-4h-4zm6 0v4h2v-4h-2z"/>' +
    "</g></svg>",
});
