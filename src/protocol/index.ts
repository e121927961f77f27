/**
 * The library ⇄ extension contract, `gradbook/protocol`: MIME types and the schema version,
 * the bundles' JSON types, the JSON number codec, the bundle check, the shape inspector's kernel
 * queries, and how numbers and shapes read. A leaf: it imports nothing of gradbook, so the
 * extension's bundle pulls in no library code, and every layer of the library may use it.
 *
 * The extension imports it by that name (a real folder, `protocol/package.json`, points at
 * dist/protocol: tslab and the extension's TypeScript ignore `exports` maps). The option
 * validator (options.ts) lives in this folder for the same reason, a leaf every layer may use,
 * but is not part of the contract and not exported here.
 */
export { MIME, SCHEMA_VERSION } from "./mime";
export { GRADCHECK_VERDICTS } from "./bundles";
export type {
  GradcheckBundle,
  GradcheckEntry,
  GradcheckParamReport,
  GradcheckVerdict,
  InspectorBundle,
  InspectorDtype,
  InspectorEntry,
  InspectorKind,
  PreviewValue,
  ShapesBundle,
  TensorBundle,
  TensorStats,
  TraceOp,
} from "./bundles";
export { entryCounts } from "./inspector-entries";
export { fromJsonNumber, type JsonNumber, toJsonNumber } from "./json-number";
export { type BundleCheck, type BundleKind, readBundle } from "./read-bundle";
export {
  INSPECTOR_FUNCTIONS,
  INSPECTOR_MODULE,
  INSPECTOR_QUERY_CODE,
  isValuePath,
  previewQueryCode,
} from "./inspector-queries";
export { CHECK_FUNCTION, type CheckBundle, type CheckedTest, checkQueryCode } from "./check-query";
export { formatNumber, formatValues, nonFiniteCounts } from "./number-format";
export { formatShape, shapeAttribute } from "./shape-format";
export { formatCall, namedOperands } from "./trace-format";
