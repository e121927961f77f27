/**
 * Rich display in the notebook: `show()` for tensors, gradcheck reports, shape traces and
 * figures, the `plot.*` builders, the shape inspector's kernel queries, and the MIME schema the
 * JupyterLab extension renders.
 */
export { gradcheckBundle } from "./gradcheck-bundle";
export { inspectorBundle, inspectSession, inspectTensor } from "./inspect-session";
export { type MimeBundle } from "./mime-output";
export * as plot from "./plot";
export {
  fromJsonNumber,
  type GradcheckBundle,
  INSPECTOR_QUERY_CODE,
  type InspectorBundle,
  type JsonNumber,
  MIME,
  SCHEMA_VERSION,
  type ShapesBundle,
  type TensorBundle,
  toJsonNumber,
} from "./schema";
export { mimeBundle, show } from "./show";
export { tensorBundle, type TensorBundleOptions } from "./tensor-bundle";
export { shapesBundle } from "./trace-bundle";
