/** The part of plotly.js the plot renderer uses (plotly.js-dist-min ships no types). */
declare module "plotly.js-dist-min" {
  export type PlotlyRecord = Record<string, unknown>;
  export interface PlotlyStatic {
    react(
      root: HTMLElement,
      data: PlotlyRecord[],
      layout: PlotlyRecord,
      config: PlotlyRecord,
    ): Promise<HTMLElement>;
    purge(root: HTMLElement): void;
    Plots: { resize(root: HTMLElement): Promise<void> | void };
  }
  const Plotly: PlotlyStatic;
  export default Plotly;
}
