// @vitest-environment jsdom
/// <reference lib="dom" />
import "./lumino-dom";
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { MIME } from "gradbook/protocol";
import type { PlotlyStatic } from "plotly.js-dist-min";
import { describe, expect, it, vi } from "vitest";
import extensions from "../../../labextension/src/mime";
import { PlotlyRenderer } from "../../../labextension/src/renderers/plotly-renderer";
import { failingGradcheck, failingTrace, irisLikeTensor } from "../../support/display-bundles";

function model(data: Record<string, unknown>): IRenderMime.IMimeModel {
  return {
    trusted: false,
    data: data as IRenderMime.IMimeModel["data"],
    metadata: {},
    setData: () => undefined,
  };
}

function rendererFor(mimeType: string): IRenderMime.IRenderer {
  const extension = extensions.find((candidate) =>
    candidate.rendererFactory.mimeTypes.includes(mimeType),
  );
  if (!extension) throw new Error(`no renderer for ${mimeType}`);
  return extension.rendererFactory.createRenderer({
    mimeType,
    sanitizer: { sanitize: (html: string) => html },
    resolver: null,
    linkHandler: null,
    latexTypesetter: null,
  } as unknown as IRenderMime.IRendererOptions);
}

describe("the MIME extension", () => {
  it("registers safe renderers for the four MIME types, ahead of text/html", () => {
    const types = extensions.flatMap((extension) => extension.rendererFactory.mimeTypes);
    expect(types).toEqual([MIME.tensor, MIME.shapes, MIME.gradcheck, MIME.plotly]);
    for (const extension of extensions) {
      expect(extension.rendererFactory.safe).toBe(true);
      expect(extension.rank).toBeLessThan(50);
      expect(extension.dataType).toBe("json");
    }
  });

  it("puts the hooks on the renderer's own node (the .jp-OutputArea-output element)", async () => {
    const tensor = rendererFor(MIME.tensor);
    await tensor.renderModel(model({ [MIME.tensor]: irisLikeTensor(), "text/plain": "X" }));
    expect(tensor.node.classList.contains("gradbook-tensor")).toBe(true);
    expect(tensor.node.dataset.gradbookShape).toBe("150,4");

    const gradcheck = rendererFor(MIME.gradcheck);
    await gradcheck.renderModel(model({ [MIME.gradcheck]: failingGradcheck() }));
    expect(gradcheck.node.classList.contains("gradbook-gradcheck")).toBe(true);
    expect(gradcheck.node.dataset.gradbookStatus).toBe("fail");

    const shapes = rendererFor(MIME.shapes);
    await shapes.renderModel(model({ [MIME.shapes]: failingTrace() }));
    expect(shapes.node.classList.contains("gradbook-shapes")).toBe(true);
    expect(shapes.node.dataset.gradbookStatus).toBe("error");
  });

  it("explains a bundle of another version and shows its text/plain instead", async () => {
    const renderer = rendererFor(MIME.tensor);
    await renderer.renderModel(
      model({ [MIME.tensor]: { ...irisLikeTensor(), version: 2 }, "text/plain": "tensor([...])" }),
    );
    expect(renderer.node.classList.contains("gradbook-tensor")).toBe(true);
    expect(renderer.node.dataset.gradbookStatus).toBe("unsupported");
    expect(renderer.node.dataset.gradbookShape).toBeUndefined();
    expect(renderer.node.querySelector(".gradbook-problem")?.textContent).toBe(
      "This tensor output has version 2; this gradbook extension reads version 1. Rebuild the " +
        "extension and the library from the same gradbook release (npm start does both) and run " +
        "the cell again.",
    );
    expect(renderer.node.querySelector(".gradbook-plain")?.textContent).toBe("tensor([...])");
  });

  it("explains a malformed bundle instead of crashing", async () => {
    const renderer = rendererFor(MIME.gradcheck);
    await renderer.renderModel(
      model({ [MIME.gradcheck]: { ...failingGradcheck(), params: "W" }, "text/plain": ["a", "b"] }),
    );
    expect(renderer.node.querySelector(".gradbook-problem")?.textContent).toBe(
      'This gradcheck output is malformed: "params" should be an object, found string.',
    );
    expect(renderer.node.querySelector(".gradbook-plain")?.textContent).toBe("ab");
  });

  it("turns an exception inside a view into a message", async () => {
    const renderer = rendererFor(MIME.shapes);
    const broken = { ...failingTrace(), ops: [{ op: "add", inputs: null, output: [1] }] };
    await renderer.renderModel(model({ [MIME.shapes]: broken }));
    expect(renderer.node.dataset.gradbookStatus).toBe("unsupported");
    expect(renderer.node.querySelector(".gradbook-problem")?.textContent).toMatch(
      /^This shapes output could not be drawn \(.+\)\.$/,
    );
  });
});

describe("PlotlyRenderer", () => {
  function fakePlotly() {
    return {
      react: vi.fn(async (root: HTMLElement) => root),
      purge: vi.fn(),
      Plots: { resize: vi.fn() },
    } satisfies PlotlyStatic;
  }

  it("loads plotly on demand and draws the figure over the theme's colours", async () => {
    const plotly = fakePlotly();
    const load = vi.fn(async () => plotly);
    const renderer = new PlotlyRenderer(MIME.plotly, load);
    expect(load).not.toHaveBeenCalled();
    const figure = {
      data: [{ type: "scatter", x: [1, 2], y: [3, 4] }],
      layout: { title: { text: "loss" }, xaxis: { title: "epoch", gridcolor: "red" } },
    };
    await renderer.renderModel(model({ [MIME.plotly]: figure }));
    expect(load).toHaveBeenCalledTimes(1);
    expect(renderer.node.classList.contains("gradbook-plot")).toBe(true);
    expect(renderer.node.dataset.gradbookStatus).toBe("ready");
    expect(renderer.node.getAttribute("aria-label")).toBe("loss");
    const [, data, layout, config] = plotly.react.mock.calls[0] as unknown as [
      HTMLElement,
      unknown,
      Record<string, Record<string, unknown>>,
      Record<string, unknown>,
    ];
    expect(data).toEqual(figure.data);
    expect(layout.paper_bgcolor).toBe("rgba(0,0,0,0)");
    expect(layout.xaxis).toMatchObject({ title: "epoch", gridcolor: "red" });
    expect(layout.yaxis.gridcolor).toBeTypeOf("string");
    expect(config).toMatchObject({ displaylogo: false, responsive: true });
    renderer.dispose();
    expect(plotly.purge).toHaveBeenCalledTimes(1);
  });

  it("explains a figure without traces", async () => {
    const renderer = new PlotlyRenderer(MIME.plotly, async () => fakePlotly());
    await renderer.renderModel(model({ [MIME.plotly]: { layout: {} }, "text/plain": "Figure" }));
    expect(renderer.node.dataset.gradbookStatus).toBe("unsupported");
    expect(renderer.node.querySelector(".gradbook-problem")?.textContent).toBe(
      'This plotly output has no "data" array of traces, so it cannot be drawn.',
    );
  });

  it("says so when plotly.js cannot be loaded", async () => {
    const renderer = new PlotlyRenderer(MIME.plotly, async () => {
      throw new Error("chunk failed");
    });
    await renderer.renderModel(model({ [MIME.plotly]: { data: [] }, "text/plain": "Figure" }));
    expect(renderer.node.dataset.gradbookStatus).toBe("error");
    expect(renderer.node.querySelector(".gradbook-problem")?.textContent).toBe(
      "plotly.js could not be loaded (chunk failed).",
    );
    expect(renderer.node.querySelector(".gradbook-plain")?.textContent).toBe("Figure");
  });
});
