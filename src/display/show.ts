import { inspect } from "node:util";
import { GradcheckReport } from "../check/gradcheck-report";
import { ShapeTrace } from "../check/trace-shapes";
import { Tensor } from "../tensor";
import { gradcheckMime } from "./gradcheck-bundle";
import { displayOrPrint, type MimeBundle } from "./mime-output";
import { figureMime, isFigure } from "./plot/figure";
import { LivePlot } from "./plot/live-plot";
import { tensorMime } from "./tensor-bundle";
import { traceMime } from "./trace-bundle";

/**
 * The MIME bundle `show(value)` publishes, without publishing it: a Tensor (`name` labels it),
 * a gradcheck report, a shape trace or a plotly figure get their gradbook bundle with
 * `text/plain` and `text/html`; anything else gets `text/plain` as Node prints it.
 */
export function mimeBundle(value: unknown, name?: string): MimeBundle {
  if (value instanceof Tensor) return tensorMime(value, name === undefined ? {} : { name });
  if (value instanceof GradcheckReport) return gradcheckMime(value);
  if (value instanceof ShapeTrace) return traceMime(value);
  if (value instanceof LivePlot) return figureMime(value.current);
  if (isFigure(value)) return figureMime(value);
  const text = typeof value === "string" ? value : inspect(value, { depth: 4 });
  return { "text/plain": name === undefined ? text : `${name} = ${text}` };
}

/**
 * Displays any gradbook value in the notebook as its MIME bundle (see `mimeBundle`): a Tensor
 * as a table with its shape and stats, a gradcheck report as a pass/fail widget, a shape trace
 * as a diagram, a figure as a plotly plot. Every bundle carries `text/plain`, so the output reads
 * in any Jupyter and on GitHub. Outside a kernel it prints the text. Returns nothing, so a cell
 * ending in `show(x)` prints nothing more.
 *
 *   show(X, "X"); show(gradcheck(f, { W }, { W: dW })); show(plot.lossCurve(history));
 */
export function show(value: unknown, name?: string): void {
  displayOrPrint(mimeBundle(value, name));
}
