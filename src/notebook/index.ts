/**
 * The notebook layer: the nbformat 4 model, reading and validating a file, writing it as
 * nbformat does. It knows nothing of kernels or grading; everything above it imports from here.
 */
export * from "./model";
export { NotebookError, parseNotebook, readNotebook } from "./read";
export { serializeNotebook, writeNotebook } from "./write";
