/**
 * The notebook layer: the nbformat 4 model, reading and validating a file, writing it as
 * nbformat does. It knows nothing of kernels or grading; everything above it imports from here.
 */
export * from "./model";
export { pathText } from "./path-text";
export {
  NOTEBOOK_LIMITS,
  NotebookError,
  parseNotebook,
  readNotebook,
  type NotebookLimits,
  type ReadOptions,
} from "./read";
export { serializeNotebook, writeNotebook } from "./write";
