/** A plotly layout (or part of one): plain JSON. */
export type PlotlyRecord = Record<string, unknown>;

/** The theme colours a figure borrows from JupyterLab (read from the CSS variables). */
export interface PlotTheme {
  font: string;
  grid: string;
  line: string;
}

/** Reads the current JupyterLab theme's colours, so a figure matches light and dark themes. */
export function readPlotTheme(from: Element = document.body): PlotTheme {
  const style = getComputedStyle(from);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    font: read("--jp-ui-font-color1", "#444"),
    grid: read("--jp-border-color2", "#ddd"),
    line: read("--jp-border-color1", "#bbb"),
  };
}

function isRecord(value: unknown): value is PlotlyRecord {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The figure's layout with the theme underneath: transparent backgrounds, the theme's text and
 * grid colours. Anything the figure sets itself wins, so a lesson's deliberate colours stay.
 */
export function themedLayout(layout: PlotlyRecord, theme: PlotTheme): PlotlyRecord {
  const axisNames = Object.keys(layout).filter((key) => /^[xy]axis\d*$/.test(key));
  for (const name of ["xaxis", "yaxis"]) if (!axisNames.includes(name)) axisNames.push(name);
  const axisDefaults = { gridcolor: theme.grid, zerolinecolor: theme.line, linecolor: theme.line };
  const axes = Object.fromEntries(
    axisNames.map((name) => {
      const own = layout[name];
      return [name, { ...axisDefaults, ...(isRecord(own) ? own : {}) }];
    }),
  );
  const font = isRecord(layout.font) ? layout.font : {};
  return {
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    ...layout,
    font: { color: theme.font, ...font },
    ...axes,
  };
}
