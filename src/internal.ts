/**
 * `gradbook/internal`: what the library's own machinery uses and students never need. The shape
 * inspector's kernel queries call `inspectSession` and `inspectTensor` from here (see
 * src/protocol/inspector-queries.ts); tests and other hosts than tslab use the recorder, the
 * bundle builders and the display writer. It also re-exports the whole extension contract
 * (src/protocol). Loaded through the real folder `internal/` (package.json `main`/`types`),
 * because tslab ignores `exports` maps.
 */
export * from "./protocol";
export { type OpRecord, recordOp, setRecorder } from "./tensor";
export { checkInLab } from "./display/check-in-lab";
export {
  type DisplayContent,
  type DisplayWriter,
  gradcheckBundle,
  inspectorBundle,
  inspectSession,
  inspectTensor,
  mimeBundle,
  type MimeBundle,
  shapesBundle,
  tensorBundle,
  type TensorBundleOptions,
  useDisplayWriter,
} from "./display";
