import type { ISessionContext } from "@jupyterlab/apputils";
import type { InspectorEntry, TensorBundle } from "gradbook/protocol";

/** The notebook the inspector follows, as the model needs it. */
export interface InspectorTarget {
  /** Shown in the panel's heading. */
  name: string;
  sessionContext: ISessionContext;
  /** True while cells of this notebook are queued or running: queries wait for them. */
  hasPendingCells(): boolean;
}

export type InspectorStatus =
  | "no-notebook"
  | "no-kernel"
  | "not-typescript"
  | "no-gradbook"
  | "error"
  /** Not read yet: automatic refresh is off. */
  | "stale"
  | "loading"
  | "ready";

/** Everything the panel shows about the session; a new object on every change. */
export interface InspectorState {
  status: InspectorStatus;
  /** A sentence for the panel when there are no rows to show (or why they are old). */
  message: string;
  entries: readonly InspectorEntry[];
  notebook: string | null;
  /** True while a refresh runs or waits for the kernel to go idle. */
  refreshing: boolean;
  /** performance.now() of the event these rows answer (the executed cell, the button press). */
  requestedAt: number | null;
  /** Round trip of the query, from the request to its answer (tslab compiles it first). */
  queryMs: number | null;
  /** Time the query took inside the kernel. */
  kernelMs: number | null;
}

/** The preview of one tensor, read with a second query. */
export interface PreviewState {
  name: string;
  status: "loading" | "ready" | "error";
  bundle: TensorBundle | null;
  message: string;
}

/** The state before any notebook is followed; other states start from it. */
export const NO_NOTEBOOK: InspectorState = {
  status: "no-notebook",
  message: "Open a notebook to see its tensors.",
  entries: [],
  notebook: null,
  refreshing: false,
  requestedAt: null,
  queryMs: null,
  kernelMs: null,
};

/** The inspector's settings (schema/plugin.json). */
export interface InspectorSettings {
  /** Refresh after every executed cell. */
  autoRefresh: boolean;
  /** Entries kept at each end of an axis in the preview. */
  previewSize: number;
}
