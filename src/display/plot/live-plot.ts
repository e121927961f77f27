import { nonNegativeNumber } from "../../protocol/option-rules";
import { readOptions } from "../../protocol/options";
import { displayOrPrint, newDisplayId, publishDisplay } from "../mime-output";
import { type Figure, figureMime } from "./figure";
import { type LossCurveOptions, lossCurve } from "./loss-curve";

/** Options of a live figure. */
export interface LivePlotOptions {
  /**
   * Least time between two redraws in milliseconds (default 100): a training loop may report
   * thousands of epochs, and each redraw is a message to the browser. The latest figure is
   * always drawn in the end.
   */
  minIntervalMs?: number;
}

/**
 * One figure in the notebook that redraws in place (tslab's `newDisplay()` and Jupyter's
 * `update_display_data`): show it once, then `update` it from a training loop's `onEpoch`.
 * Redraws are throttled to one per `minIntervalMs`; a timer draws the last pending figure, and
 * `flush()` draws it at once. Outside a kernel it shows the figure's summary once and ignores
 * updates.
 */
export class LivePlot {
  /** The Jupyter display id the figure is published under. */
  readonly displayId = newDisplayId();
  private readonly minIntervalMs: number;
  private lastDrawn = -Infinity;
  private pending: Figure | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private shown = false;

  constructor(
    private figure: Figure,
    options: LivePlotOptions = {},
  ) {
    const settings = readOptions("LivePlot", options, { minIntervalMs: nonNegativeNumber(100) });
    this.minIntervalMs = settings.minIntervalMs;
  }

  /** The figure last given (drawn or about to be). */
  get current(): Figure {
    return this.pending ?? this.figure;
  }

  /** Adds the figure to the cell's output; later updates replace it there. */
  show(): this {
    if (this.shown) return this;
    this.shown = true;
    const data = figureMime(this.figure);
    if (!publishDisplay(data, { displayId: this.displayId })) displayOrPrint(data);
    this.lastDrawn = performance.now();
    return this;
  }

  /** Replaces the figure (redrawn now, or within `minIntervalMs`). */
  update(figure: Figure): void {
    if (!this.shown) {
      this.figure = figure;
      this.show();
      return;
    }
    this.pending = figure;
    const wait = this.lastDrawn + this.minIntervalMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  /** Draws the pending figure now, if there is one. */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending === null) return;
    this.figure = this.pending;
    this.pending = null;
    publishDisplay(figureMime(this.figure), { displayId: this.displayId, update: true });
    this.lastDrawn = performance.now();
  }
}

/** Shows `figure` now and returns the LivePlot that redraws it. */
export function liveFigure(figure: Figure, options: LivePlotOptions = {}): LivePlot {
  return new LivePlot(figure, options).show();
}

/** A loss curve that grows as a training loop reports losses. */
export class LiveLossCurve extends LivePlot {
  private readonly losses: Record<string, number>[] = [];

  constructor(
    private readonly curveOptions: LossCurveOptions = {},
    options: LivePlotOptions = {},
  ) {
    super(lossCurve([], curveOptions), options);
  }

  /** The values reported so far, one record per call. */
  get history(): readonly Readonly<Record<string, number>>[] {
    return this.losses;
  }

  /**
   * Appends one epoch's loss (or several named values, `{ train, test }`) and redraws:
   * `onEpoch: ({ loss }) => live.push(loss)`.
   */
  push(value: number | Readonly<Record<string, number>>): void {
    this.losses.push(typeof value === "number" ? { loss: value } : { ...value });
    this.update(lossCurve(this.losses, this.curveOptions));
  }
}

/**
 * Shows an empty loss curve that a training loop fills epoch by epoch:
 *
 *   const live = plot.liveLossCurve();
 *   linearRegressionGD(X, y, { learningRate: 0.1, onEpoch: ({ loss }) => live.push(loss) });
 */
export function liveLossCurve(
  options: LossCurveOptions = {},
  liveOptions: LivePlotOptions = {},
): LiveLossCurve {
  const live = new LiveLossCurve(options, liveOptions);
  live.show();
  return live;
}
