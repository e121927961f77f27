/**
 * The bundles' JSON, one interface per MIME type (see mime.ts), as the library writes them and
 * the extension reads them. `readBundle` (read-bundle.ts) checks the fields a renderer relies on.
 */
import type { JsonNumber } from "./json-number";

/** Nested preview values; "..." stands for the elided middle of a long axis (numpy-style). */
export type PreviewValue = JsonNumber | "..." | PreviewValue[];

/** A tensor's summary statistics, as the tensor view and the text summary show them. */
export interface TensorStats {
  /** Over the finite entries; null when there are none. */
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  nanCount: number;
  infCount: number;
}

/** `application/vnd.gradbook.tensor+json` */
export interface TensorBundle {
  version: number;
  /** The variable name when known (the inspector, `show(x, "x")`). */
  name?: string;
  shape: number[];
  dtype: "float64";
  size: number;
  /** Null for an empty tensor. */
  stats: TensorStats | null;
  /** Entries kept at each end of an axis longer than 2·edgeItems. */
  edgeItems: number;
  /** The values, summarized like numpy's printing: a number for a 0-d tensor. */
  preview: PreviewValue;
  /**
   * For 2-D tensors: a row-major grid of at most maxCells values for a heatmap, each cell the
   * mean of a block of rowStep × colStep entries (null where the block has no finite value).
   */
  heatmap?: {
    rows: number;
    cols: number;
    rowStep: number;
    colStep: number;
    values: (number | null)[];
  };
}

/**
 * One recorded operation of a shape trace: the JSON form of the tensor library's `OpRecord`
 * (src/tensor/trace-hook.ts), plus `output: null` for the op a ShapeError stopped.
 */
export interface TraceOp {
  op: string;
  inputs: number[][];
  /** Null for the op that failed. */
  output: number[] | null;
  /** The broadcast shape, when the op broadcast its operands. */
  broadcast?: number[];
  /** Op-specific facts: einsum's spec and each letter's size, a reduction's axis, … */
  detail?: Record<string, string | number>;
  /**
   * The source text of the call that ran the op (`xOne.matmul(errorOne)`), when the traced
   * function's source says for sure which call it was.
   */
  source?: string;
  /** With `source`: the expression that produced each input, in the order of `inputs`. */
  operands?: string[];
}

/** `application/vnd.gradbook.shapes+json` */
export interface ShapesBundle {
  version: number;
  ops: TraceOp[];
  /** Ops recorded beyond the limit are counted, not kept. */
  droppedOps: number;
  /** The ShapeError that ended the trace; its op is the last entry of `ops`. */
  error?: {
    name: string;
    message: string;
    op: string;
    shapes: number[][];
    operand?: number;
    axis?: number;
  };
  /** Set when the traced function threw something that is not a ShapeError. */
  otherError?: { name: string; message: string };
}

/** gradcheck's banded verdicts, from best to worst (the bands are defined in check/verdict.ts). */
export const GRADCHECK_VERDICTS = ["exact", "fine", "suspicious", "wrong"] as const;

/** One banded verdict; the thresholds used are in `GradcheckBundle.thresholds`. */
export type GradcheckVerdict = (typeof GRADCHECK_VERDICTS)[number];

/** One compared entry of a parameter's gradient. */
export interface GradcheckEntry {
  /** The entry's index in the parameter (one number per axis). */
  index: number[];
  analytic: JsonNumber;
  numeric: JsonNumber;
  relError: JsonNumber;
}

/** The verdict on one parameter. */
export interface GradcheckParamReport {
  ok: boolean;
  verdict: GradcheckVerdict;
  shape: number[];
  maxRelError: JsonNumber;
  /** ‖g − g̃‖ / (‖g‖ + ‖g̃‖) over the checked entries (Ng's course flags values above 2e-7). */
  normRelError: JsonNumber;
  /** Entries compared by finite differences, out of `total`. */
  checked: number;
  total: number;
  /** The worst entries, worst first. */
  worst: GradcheckEntry[];
  /** The random-direction check done for large parameters. */
  directional?: { analytic: JsonNumber; numeric: JsonNumber; relError: JsonNumber };
  /** For matrices: relative error of every checked entry, row-major, null where not checked. */
  relErrorMap?: { rows: number; cols: number; values: (JsonNumber | null)[] };
}

/** `application/vnd.gradbook.gradcheck+json` */
export interface GradcheckBundle {
  version: number;
  ok: boolean;
  verdict: GradcheckVerdict;
  thresholds: { eps: number; rtol: number; atol: number };
  params: Record<string, GradcheckParamReport>;
  warnings: string[];
}

/**
 * What kind of value an inspector entry is: a Tensor, a plain number, a typed array (Int32Array
 * labels, Float64Array data) or an array of numbers. Absent means a Tensor (older libraries).
 */
export type InspectorKind = "tensor" | "number" | "typed-array" | "array";

/** The element type of an entry: a tensor's (and Float64Array's) float64, a typed array's own. */
export type InspectorDtype =
  "float64" | "float32" | "int8" | "int16" | "int32" | "uint8" | "uint16" | "uint32" | "number";

/**
 * One value of the kernel session, as the shape inspector lists it: a top-level name (`X`) or a
 * value inside a plain object or array bound to one (`fit.W`, `params[0]`, `data["y"]`).
 */
export interface InspectorEntry {
  /** The expression that reads the value: a name, then `.key`, `["key"]` or `[index]` steps. */
  name: string;
  kind?: InspectorKind;
  /** [] for a number, [length] for a typed array or an array of numbers. */
  shape: number[];
  dtype: InspectorDtype;
  size: number;
  bytes: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  nanCount: number;
  infCount: number;
}

/** `application/vnd.gradbook.inspector+json`: the answer to the inspector's kernel query. */
export interface InspectorBundle {
  version: number;
  /** Every listed value, tensors and the numbers and arrays beside them (named for version 1). */
  tensors: InspectorEntry[];
  /** Values left out because a container held more than the inspector lists. */
  omitted?: number;
  /** Time the query took inside the kernel. */
  elapsedMs: number;
}
