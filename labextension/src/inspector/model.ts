import type { ISessionContext } from "@jupyterlab/apputils";
import type { Kernel } from "@jupyterlab/services";
import { Signal, type ISignal } from "@lumino/signaling";
import {
  INSPECTOR_QUERY_CODE,
  MIME,
  previewQueryCode,
  readBundle,
  type InspectorBundle,
  type InspectorEntry,
  type TensorBundle,
} from "gradbook/protocol";
import { runKernelQuery, type QueryOutcome } from "./kernel-query";
import { explainFailure } from "./queries";
import {
  NO_NOTEBOOK,
  type InspectorSettings,
  type InspectorState,
  type InspectorStatus,
  type InspectorTarget,
  type PreviewState,
} from "./state";

/** The kernelspec name of tslab's TypeScript kernel, the only one gradbook runs in. */
export const TYPESCRIPT_KERNEL = "tslab";

/**
 * After a cell ran, the query goes out on the next tick: "Run All" needs no longer debounce,
 * because queued cells count as pending (`hasPendingCells`) until the last one finishes.
 */
const SETTLE_MS = 0;
/**
 * A bare tslab aborts requests that arrive within ~200 ms of a failed cell (tslab issue #19);
 * gradbook's kernels abort only what was queued when the cell failed.
 */
const AFTER_ERROR_MS = 300;
const ABORT_RETRIES = 3;

/** Whether a listed tensor still looks like the one previewed (same shape and statistics). */
function matchesPreview(entry: InspectorEntry, bundle: TensorBundle): boolean {
  return (
    entry.shape.join() === bundle.shape.join() &&
    entry.min === (bundle.stats?.min ?? null) &&
    entry.max === (bundle.stats?.max ?? null) &&
    entry.mean === (bundle.stats?.mean ?? null) &&
    entry.nanCount === (bundle.stats?.nanCount ?? 0)
  );
}

/**
 * Talks to the active notebook's kernel for the shape inspector and emits the result; renders
 * nothing. At most one query runs at a time, and only while the kernel is idle and the notebook
 * has no queued cells, so the user's work is never delayed behind a query or interleaved with
 * one. A kernel restart or switch empties the list at once.
 */
export class InspectorModel {
  private readonly stateSignal = new Signal<this, InspectorState>(this);
  private readonly previewSignal = new Signal<this, PreviewState | null>(this);
  private current: InspectorState = NO_NOTEBOOK;
  private previewState: PreviewState | null = null;
  private target: InspectorTarget | null = null;
  private refreshWanted = false;
  private previewWanted: string | null = null;
  private requestedAt: number | null = null;
  private inFlight = false;
  private aborts = 0;
  /** Bumped when the notebook or kernel changes, so a late answer for the old one is dropped. */
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Whether the panel is on screen: automatic queries run only then (each takes a count). */
  private visible = false;
  /** The session may have changed since the last read: read again when the panel shows. */
  private stale = true;

  private settings: InspectorSettings = { autoRefresh: true, previewSize: 3 };

  get stateChanged(): ISignal<this, InspectorState> {
    return this.stateSignal;
  }
  get previewChanged(): ISignal<this, PreviewState | null> {
    return this.previewSignal;
  }
  get state(): InspectorState {
    return this.current;
  }
  get preview(): PreviewState | null {
    return this.previewState;
  }

  /** Applies changed settings; turning automatic refresh on reads the tensors at once. */
  configure(settings: InspectorSettings): void {
    const wasOff = !this.settings.autoRefresh;
    this.settings = settings;
    if (wasOff && settings.autoRefresh && this.current.status === "stale") this.refresh();
  }

  /**
   * The panel was shown or hidden. tslab gives every request an execution count, so a hidden
   * inspector stays quiet and catches up when it is shown.
   */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible && this.stale && this.target && this.settings.autoRefresh) this.requestRefresh(0);
  }

  /** Follows another notebook (or none); its list starts empty and is read when its kernel is idle. */
  setTarget(target: InspectorTarget | null): void {
    if (target === this.target) return;
    if (this.target) {
      this.target.sessionContext.statusChanged.disconnect(this.onStatus, this);
      this.target.sessionContext.kernelChanged.disconnect(this.onKernelChanged, this);
    }
    this.target = target;
    if (!target) {
      this.reset();
      this.setState(NO_NOTEBOOK);
      return;
    }
    target.sessionContext.statusChanged.connect(this.onStatus, this);
    target.sessionContext.kernelChanged.connect(this.onKernelChanged, this);
    this.startOver();
  }

  /** A cell of the followed notebook finished; refreshes when automatic refresh is on. */
  cellExecuted(success: boolean): void {
    if (!this.settings.autoRefresh || !this.target) return;
    this.stale = true;
    if (this.visible) this.requestRefresh(success ? SETTLE_MS : AFTER_ERROR_MS);
  }

  /** Reads the tensors now (or as soon as the kernel is idle). */
  refresh(): void {
    if (this.target) this.requestRefresh(0);
  }

  /** Asks the kernel for one tensor's values. */
  showPreview(name: string): void {
    if (!this.target) return;
    this.previewWanted = name;
    this.setPreview({ name, status: "loading", bundle: null, message: "Reading values…" });
    this.schedule(0);
  }

  closePreview(): void {
    this.previewWanted = null;
    this.setPreview(null);
  }

  dispose(): void {
    this.setTarget(null);
    Signal.clearData(this);
  }

  private reset(): void {
    this.generation += 1;
    this.refreshWanted = false;
    this.previewWanted = null;
    this.requestedAt = null;
    this.aborts = 0;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.setPreview(null);
  }

  /** A new notebook or kernel: nothing is known about its tensors yet. */
  private startOver(): void {
    this.reset();
    this.stale = true;
    const auto = this.settings.autoRefresh && this.visible;
    const problem = this.kernelProblem();
    if (problem) {
      this.setState({ ...NO_NOTEBOOK, ...problem, notebook: this.target?.name ?? null });
      if (problem.status === "no-kernel") this.refreshWanted = auto;
      return;
    }
    if (this.settings.autoRefresh) {
      this.setState(this.blank("loading", "Reading the kernel's tensors…"));
      if (auto) this.requestRefresh(0);
    } else {
      this.setState(
        this.blank("stale", "Automatic refresh is off: press Refresh to read the tensors."),
      );
    }
  }

  private blank(status: InspectorStatus, message: string): InspectorState {
    return { ...NO_NOTEBOOK, status, message, notebook: this.target?.name ?? null };
  }

  private onKernelChanged(): void {
    this.startOver();
  }

  private onStatus(_context: ISessionContext, status: Kernel.Status): void {
    if (status === "restarting" || status === "autorestarting") {
      this.reset();
      this.stale = true;
      this.refreshWanted = this.settings.autoRefresh && this.visible;
      this.setState(this.blank("no-kernel", "The kernel is restarting: its tensors are gone."));
    } else if (status === "dead") {
      this.reset();
      this.setState(this.blank("no-kernel", "The kernel is dead: restart it to see tensors."));
    } else if (status === "idle" && (this.refreshWanted || this.previewWanted !== null)) {
      this.schedule(SETTLE_MS);
    }
  }

  private kernelProblem(): Pick<InspectorState, "status" | "message"> | null {
    const context = this.target?.sessionContext;
    const kernel = context?.session?.kernel;
    if (!context || !kernel)
      return { status: "no-kernel", message: "This notebook has no running kernel." };
    if (kernel.name !== TYPESCRIPT_KERNEL)
      return {
        status: "not-typescript",
        message: `This notebook runs the ${context.kernelDisplayName} kernel. The shape inspector lists tensors of the TypeScript kernel (tslab): choose it with Kernel › Change Kernel.`,
      };
    return null;
  }

  private requestRefresh(delayMs: number): void {
    this.refreshWanted = true;
    this.requestedAt ??= performance.now();
    if (!this.current.refreshing)
      this.setState({ ...this.current, refreshing: true, requestedAt: null });
    this.schedule(delayMs);
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pump();
    }, delayMs);
  }

  /** Runs the next wanted query if the kernel is free; otherwise the next idle status calls back. */
  private async pump(): Promise<void> {
    if (this.inFlight || !this.target) return;
    if (!this.refreshWanted && this.previewWanted === null) return;
    const problem = this.kernelProblem();
    if (problem) {
      if (problem.status !== "no-kernel") this.refreshWanted = false;
      this.setState(this.blank(problem.status, problem.message));
      return;
    }
    const kernel = this.target.sessionContext.session!.kernel!;
    if (kernel.status !== "idle" || this.target.hasPendingCells()) return;
    this.inFlight = true;
    try {
      if (this.previewWanted !== null) await this.readPreview(kernel, this.previewWanted);
      else await this.readSession(kernel);
    } finally {
      this.inFlight = false;
    }
    // A retry after an abort has set its own timer; anything else wanted (maybe for another
    // notebook, chosen while this query ran) runs now.
    if (this.timer !== null) return;
    if (this.refreshWanted || this.previewWanted !== null) this.schedule(0);
  }

  private async readSession(kernel: Kernel.IKernelConnection): Promise<void> {
    const generation = this.generation;
    const requestedAt = this.requestedAt;
    this.refreshWanted = false;
    this.stale = false;
    this.requestedAt = null;
    const sent = performance.now();
    const outcome = await runKernelQuery(kernel, INSPECTOR_QUERY_CODE, MIME.inspector);
    const queryMs = performance.now() - sent;
    if (generation !== this.generation) return;
    if (this.retryAfterAbort(outcome)) {
      this.refreshWanted = true;
      this.requestedAt ??= requestedAt;
      return;
    }
    const checked =
      outcome.kind === "answer" ? readBundle<InspectorBundle>(outcome.data, "inspector") : null;
    if (checked?.bundle) {
      const entries = checked.bundle.tensors.filter(
        (entry) => typeof entry.name === "string" && Array.isArray(entry.shape),
      );
      this.setState({
        ...this.blank(
          "ready",
          entries.length
            ? ""
            : "No tensors yet: bind one (or a number) to a name in a cell (const x = …).",
        ),
        entries,
        refreshing: this.refreshWanted,
        requestedAt,
        queryMs,
        kernelMs: checked.bundle.elapsedMs,
      });
      this.refreshOpenPreview(entries);
      return;
    }
    const problem = checked
      ? { status: "error" as const, message: checked.problem ?? "" }
      : explainFailure(outcome, "tensor query");
    this.setState({ ...this.blank(problem.status, problem.message), requestedAt });
  }

  /** The open preview follows its tensor: re-read when it changed, closed when it is gone. */
  private refreshOpenPreview(entries: readonly InspectorEntry[]): void {
    const open = this.previewState;
    if (!open || open.status !== "ready" || !open.bundle) return;
    const entry = entries.find((candidate) => candidate.name === open.name);
    if (!entry)
      this.setPreview({ ...open, status: "error", bundle: null, message: `${open.name} is gone.` });
    else if (!matchesPreview(entry, open.bundle)) this.showPreview(open.name);
  }

  private async readPreview(kernel: Kernel.IKernelConnection, name: string): Promise<void> {
    const generation = this.generation;
    this.previewWanted = null;
    const code = previewQueryCode(name, this.settings.previewSize);
    const outcome: QueryOutcome = code
      ? await runKernelQuery(kernel, code, MIME.tensor)
      : { kind: "failed", stderr: `${name} is not a variable name.` };
    if (generation !== this.generation || this.previewState?.name !== name) return;
    if (this.retryAfterAbort(outcome)) {
      this.previewWanted = name;
      return;
    }
    const checked =
      outcome.kind === "answer" ? readBundle<TensorBundle>(outcome.data, "tensor") : null;
    if (checked?.bundle) {
      this.setPreview({ name, status: "ready", bundle: checked.bundle, message: "" });
      return;
    }
    const message = checked?.problem ?? explainFailure(outcome, "preview query").message;
    this.setPreview({ name, status: "error", bundle: null, message });
  }

  /**
   * A query that reached the kernel while a Run All was failing is aborted (a bare tslab aborts
   * what arrives within ~200 ms of any failure): wait and ask again.
   */
  private retryAfterAbort(outcome: QueryOutcome): boolean {
    if (outcome.kind !== "aborted" || this.aborts >= ABORT_RETRIES) {
      this.aborts = 0;
      return false;
    }
    this.aborts += 1;
    this.schedule(AFTER_ERROR_MS);
    return true;
  }

  private setState(state: InspectorState): void {
    this.current = state;
    this.stateSignal.emit(state);
  }

  private setPreview(preview: PreviewState | null): void {
    this.previewState = preview;
    this.previewSignal.emit(preview);
  }
}
