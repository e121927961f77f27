/**
 * The contract between the library (which emits MIME bundles from tslab) and the JupyterLab
 * extension (which renders them). Both sides import this one file; it imports nothing, so the
 * extension's bundle pulls in no library code. Every bundle also carries `text/plain`.
 *
 * JSON has no NaN or Infinity, so non-finite numbers travel as the strings below.
 */

export const MIME = {
  tensor: "application/vnd.gradbook.tensor+json",
  shapes: "application/vnd.gradbook.shapes+json",
  gradcheck: "application/vnd.gradbook.gradcheck+json",
  inspector: "application/vnd.gradbook.inspector+json",
  plotly: "application/vnd.plotly.v1+json",
} as const;

/** Bumped when a bundle changes incompatibly; renderers show a clear message for other versions. */
export const SCHEMA_VERSION = 1;

/** A float64 as JSON: finite numbers as numbers, the rest as strings. */
export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

/** Nested preview values; "..." stands for the elided middle of a long axis (numpy-style). */
export type PreviewValue = JsonNumber | "..." | PreviewValue[];

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

/** One recorded operation of a shape trace. */
export interface TraceOp {
  op: string;
  inputs: number[][];
  /** Null for the op that failed. */
  output: number[] | null;
  /** The broadcast shape, when the op broadcast its operands. */
  broadcast?: number[];
  /** Op-specific facts: einsum's spec and each letter's size, a reduction's axis, … */
  detail?: Record<string, string | number>;
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

/** Banded verdicts, from best to worst; the thresholds are in `GradcheckBundle.thresholds`. */
export type GradcheckVerdict = "exact" | "fine" | "suspicious" | "wrong";

export interface GradcheckEntry {
  /** The entry's index in the parameter (one number per axis). */
  index: number[];
  analytic: JsonNumber;
  numeric: JsonNumber;
  relError: JsonNumber;
}

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

/** One tensor of the kernel session, as the shape inspector lists it. */
export interface InspectorEntry {
  name: string;
  shape: number[];
  dtype: "float64";
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
  tensors: InspectorEntry[];
  /** Time the query took inside the kernel. */
  elapsedMs: number;
}

/** Encodes a float64 for JSON. */
export function toJsonNumber(value: number): JsonNumber {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}

/** Decodes a JsonNumber back to a float64. */
export function fromJsonNumber(value: JsonNumber): number {
  return typeof value === "number" ? value : Number(value);
}

/**
 * The code the shape inspector sends to the kernel as an ordinary execute request (tslab has no
 * comms and ignores `silent`). It emits one InspectorBundle as display_data on that request
 * only, and evaluates to undefined so tslab prints nothing.
 */
export const INSPECTOR_QUERY_CODE = 'require("gradbook").inspectSession();';
