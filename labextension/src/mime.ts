import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import {
  MIME,
  type GradcheckBundle,
  type ShapesBundle,
  type TensorBundle,
} from "gradbook/protocol";
import { BundleRenderer, type BundleView } from "./renderers/bundle-renderer";
import { PlotlyRenderer } from "./renderers/plotly-renderer";
import { renderGradcheck } from "./views/gradcheck-view";
import { renderShapes } from "./views/shapes-view";
import { renderTensor } from "./views/tensor-view";

/**
 * Ahead of text/html (rank 50) so our bundles, which also carry HTML for plain Jupyter and GitHub,
 * show their rich view in JupyterLab.
 */
const RANK = 20;

function bundleExtension<T>(
  name: string,
  mimeType: string,
  view: BundleView<T>,
): IRenderMime.IExtension {
  return {
    id: `gradbook-labextension:${name}`,
    description: `Renders ${mimeType}`,
    rank: RANK,
    dataType: "json",
    rendererFactory: {
      // Views put every string into textContent, so untrusted notebooks render them too.
      safe: true,
      mimeTypes: [mimeType],
      defaultRank: RANK,
      createRenderer: (options) => new BundleRenderer(options.mimeType, view),
    },
  };
}

const tensorView: BundleView<TensorBundle> = {
  kind: "tensor",
  className: "gradbook-tensor",
  render: renderTensor,
};
const shapesView: BundleView<ShapesBundle> = {
  kind: "shapes",
  className: "gradbook-shapes",
  render: renderShapes,
};
const gradcheckView: BundleView<GradcheckBundle> = {
  kind: "gradcheck",
  className: "gradbook-gradcheck",
  render: renderGradcheck,
};

const plotlyExtension: IRenderMime.IExtension = {
  id: "gradbook-labextension:plotly",
  description: `Renders ${MIME.plotly} with plotly.js, loaded on first use`,
  rank: RANK,
  dataType: "json",
  rendererFactory: {
    // plotly.js only interprets its own small subset of tags in labels and drops scripts.
    safe: true,
    mimeTypes: [MIME.plotly],
    defaultRank: RANK,
    createRenderer: (options) => new PlotlyRenderer(options.mimeType),
  },
};

/** The MIME renderers of the extension (package.json "jupyterlab.mimeExtension"). */
const extensions: IRenderMime.IExtension[] = [
  bundleExtension("tensor", MIME.tensor, tensorView),
  bundleExtension("shapes", MIME.shapes, shapesView),
  bundleExtension("gradcheck", MIME.gradcheck, gradcheckView),
  plotlyExtension,
];

export default extensions;
