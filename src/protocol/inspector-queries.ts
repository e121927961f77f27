/**
 * The code the shape inspector sends to the kernel. tslab has no comms and ignores `silent`, so
 * each query is an ordinary execute request whose code loads the library's internal entry point
 * and emits one bundle as display_data of that request only, evaluating to undefined so tslab
 * prints nothing. The functions it calls live in src/display/inspect-session.ts and are exported
 * by `gradbook/internal` (src/internal.ts); test/unit/protocol checks that they exist there.
 */

/** The module the queries load inside the kernel (a real folder: tslab ignores `exports`). */
export const INSPECTOR_MODULE = "gradbook/internal";

/** The kernel-side functions the queries call, by name. */
export const INSPECTOR_FUNCTIONS = ["inspectSession", "inspectTensor"] as const;

/** Lists the session's tensors: answers with one `InspectorBundle` (MIME.inspector). */
export const INSPECTOR_QUERY_CODE = `require(${JSON.stringify(INSPECTOR_MODULE)}).inspectSession();`;

/**
 * A value path the inspector may paste into code: an identifier, then `.name`, `[index]` or
 * `["key"]` steps (`fit.W`, `params[0]`, `data["my key"]`), nothing else.
 */
const VALUE_PATH =
  /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*$/;

/** True for a path `previewQueryCode` accepts (see VALUE_PATH). */
export function isValuePath(path: string): boolean {
  return VALUE_PATH.test(path);
}

/**
 * The code that asks the kernel for the `TensorBundle` (MIME.tensor) of the value at `path` (an
 * inspector entry's name), keeping `edgeItems` entries (at least 1) at each end of a long axis.
 * Null for anything that is not a value path, which no listed entry has.
 */
export function previewQueryCode(path: string, edgeItems: number): string | null {
  if (!isValuePath(path)) return null;
  const edge = Number.isFinite(edgeItems) ? Math.max(1, Math.floor(edgeItems)) : 1;
  return `require(${JSON.stringify(INSPECTOR_MODULE)}).inspectTensor(${JSON.stringify(path)}, { edgeItems: ${edge} });`;
}
