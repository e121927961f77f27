/**
 * Rich display in the notebook: `show()` for tensors, gradcheck reports, shape traces and
 * figures, the `plot.*` builders, and the plumbing behind them (the bundle builders, the shape
 * inspector's kernel-side queries, the display writer). The root export (src/index.ts) offers
 * students `show` and `plot`; the rest is for `gradbook/internal` (src/internal.ts).
 */
export { gradcheckBundle } from "./gradcheck-bundle";
export { inspectorBundle, inspectSession, inspectTensor } from "./inspect-session";
export {
  type DisplayContent,
  type DisplayWriter,
  type MimeBundle,
  useDisplayWriter,
} from "./mime-output";
export * as plot from "./plot";
export { mimeBundle, show } from "./show";
export { tensorBundle, type TensorBundleOptions } from "./tensor-bundle";
export { shapesBundle } from "./trace-bundle";
