// plotly.js-dist-min ships no types; the unit tests compile this file under the root tsconfig,
// which does not include labextension/src/types, hence the explicit reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../types/plotly.d.ts" />
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import type { Message } from "@lumino/messaging";
import { Widget } from "@lumino/widgets";
import type { PlotlyRecord, PlotlyStatic } from "plotly.js-dist-min";
import { el } from "../dom";
import { readPlotTheme, themedLayout } from "../views/plot-theme";
import { renderProblem } from "../views/problem-view";
import { plainTextOf } from "./bundle-renderer";

let plotly: Promise<PlotlyStatic> | null = null;

/**
 * plotly.js is ~4.6 MB: webpack puts it in its own chunk and it is fetched the first time a figure
 * is shown, never when JupyterLab starts.
 */
export function loadPlotly(): Promise<PlotlyStatic> {
  plotly ??= import("plotly.js-dist-min").then((module) => module.default);
  return plotly;
}

interface Figure {
  data: PlotlyRecord[];
  layout: PlotlyRecord;
  config: PlotlyRecord;
}

function readFigure(value: unknown): Figure | string {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return "This plotly output is not a JSON object, so it cannot be drawn.";
  const figure = value as Record<string, unknown>;
  if (!Array.isArray(figure.data))
    return 'This plotly output has no "data" array of traces, so it cannot be drawn.';
  const record = (entry: unknown) =>
    entry !== null && typeof entry === "object" && !Array.isArray(entry)
      ? (entry as PlotlyRecord)
      : {};
  return {
    data: figure.data as PlotlyRecord[],
    layout: record(figure.layout),
    config: record(figure.config),
  };
}

/**
 * Renders `application/vnd.plotly.v1+json` (JupyterLab 4.6 has no renderer of its own) with the
 * figure's layout over JupyterLab's theme colours, redrawn when the theme changes. Hooks: class
 * `gradbook-plot`, `data-gradbook-status="loading|ready|error"`.
 */
export class PlotlyRenderer extends Widget implements IRenderMime.IRenderer {
  private readonly plotNode = el("div", { className: "gradbook-plot-canvas" });
  private figure: Figure | null = null;
  private library: PlotlyStatic | null = null;
  private readonly themeObserver = new MutationObserver(() => void this.draw());

  constructor(
    private readonly mimeType: string,
    private readonly load: () => Promise<PlotlyStatic> = loadPlotly,
  ) {
    super();
    this.addClass("gradbook-output");
    this.addClass("gradbook-plot");
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const figure = readFigure(model.data[this.mimeType]);
    if (typeof figure === "string") {
      renderProblem(this.node, figure, plainTextOf(model));
      return;
    }
    this.figure = figure;
    this.node.dataset.gradbookStatus = "loading";
    this.node.setAttribute("role", "figure");
    this.node.setAttribute("aria-label", String(titleOf(figure.layout) ?? "Plot"));
    this.plotNode.style.height = `${typeof figure.layout.height === "number" ? figure.layout.height : 380}px`;
    this.node.replaceChildren(this.plotNode);
    try {
      this.library = await this.load();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      renderProblem(this.node, `plotly.js could not be loaded (${reason}).`, plainTextOf(model));
      this.node.dataset.gradbookStatus = "error";
      return;
    }
    // JupyterLab switches themes by toggling these attributes on <body>.
    this.themeObserver.disconnect();
    this.themeObserver.observe(document.body, {
      attributes: true,
      attributeFilter: ["data-jp-theme-light", "data-jp-theme-name"],
    });
    await this.draw();
  }

  private async draw(): Promise<void> {
    if (!this.library || !this.figure || this.isDisposed) return;
    const { data, layout, config } = this.figure;
    try {
      await this.library.react(this.plotNode, data, themedLayout(layout, readPlotTheme()), {
        displaylogo: false,
        responsive: true,
        ...config,
      });
      this.node.dataset.gradbookStatus = "ready";
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.node.dataset.gradbookStatus = "error";
      this.node.append(
        el("div", { className: "gradbook-problem", text: `plotly.js failed: ${reason}` }),
      );
    }
  }

  protected override onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.resizePlot();
  }

  protected override onResize(msg: Widget.ResizeMessage): void {
    super.onResize(msg);
    this.resizePlot();
  }

  private resizePlot(): void {
    if (this.library && this.node.dataset.gradbookStatus === "ready")
      void this.library.Plots.resize(this.plotNode);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.themeObserver.disconnect();
    this.library?.purge(this.plotNode);
    super.dispose();
  }
}

function titleOf(layout: PlotlyRecord): unknown {
  const title = layout.title;
  if (typeof title === "string") return title;
  if (title !== null && typeof title === "object") return (title as PlotlyRecord).text;
  return undefined;
}
