import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import { readBundle, type BundleKind } from "gradbook/protocol";
import { renderProblem } from "../views/problem-view";

/** How one gradbook MIME type is drawn: the bundle kind it carries and its view function. */
export interface BundleView<T> {
  kind: Exclude<BundleKind, "inspector">;
  /** Class the output node always carries, even when the bundle cannot be shown. */
  className: string;
  render: (host: HTMLElement, bundle: T) => void;
}

/** The text/plain form every bundle carries alongside its JSON (src/protocol/mime.ts). */
export function plainTextOf(model: IRenderMime.IMimeModel): string | undefined {
  const text = model.data["text/plain"];
  if (typeof text === "string") return text;
  return Array.isArray(text) ? text.join("") : undefined;
}

/**
 * The output widget for one gradbook bundle. Its node is the `.jp-OutputArea-output` element, so
 * the view's hooks (`gradbook-tensor`, `data-gradbook-shape`, …) land on that node. A bundle of
 * another schema version or a malformed one shows a readable message and its text/plain form;
 * a view that throws does the same, so a bad output never breaks the notebook.
 */
export class BundleRenderer<T> extends Widget implements IRenderMime.IRenderer {
  constructor(
    private readonly mimeType: string,
    private readonly view: BundleView<T>,
  ) {
    super();
    this.addClass("gradbook-output");
    this.addClass(view.className);
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const checked = readBundle<T>(model.data[this.mimeType], this.view.kind);
    if (checked.problem !== undefined) {
      renderProblem(this.node, checked.problem, plainTextOf(model));
      return Promise.resolve();
    }
    try {
      this.view.render(this.node, checked.bundle);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      renderProblem(
        this.node,
        `This ${this.view.kind} output could not be drawn (${reason}).`,
        plainTextOf(model),
      );
    }
    return Promise.resolve();
  }
}
