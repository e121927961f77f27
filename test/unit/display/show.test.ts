import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { gradcheck, traceShapes } from "../../../src/check";
import {
  type DisplayContent,
  publishDisplay,
  useDisplayWriter,
} from "../../../src/display/mime-output";
import { plot } from "../../../src/display";
import { LivePlot, liveFigure, liveLossCurve } from "../../../src/display/plot/live-plot";
import { MIME } from "../../../src/protocol";
import { mimeBundle, show } from "../../../src/display/show";
import { type Tensor, tensor } from "../../../src/tensor";

/** Captures what would go to the kernel. */
function captureDisplays() {
  const sent: { content: DisplayContent; update: boolean }[] = [];
  const previous = useDisplayWriter((content, update) => sent.push({ content, update }));
  return { sent, restore: () => useDisplayWriter(previous) };
}

describe("show and mimeBundle", () => {
  let capture: ReturnType<typeof captureDisplays>;
  beforeEach(() => {
    capture = captureDisplays();
  });
  afterEach(() => capture.restore());

  it("publishes one display_data per value with every MIME type at once", () => {
    const x = tensor([1, 2, 3]);
    expect(show(x, "x")).toBeUndefined();
    expect(capture.sent).toHaveLength(1);
    const { content, update } = capture.sent[0];
    expect(update).toBe(false);
    expect(content.transient).toEqual({});
    expect(Object.keys(content.data).sort()).toEqual(
      [MIME.tensor, "text/html", "text/plain"].sort(),
    );
    expect(content.data[MIME.tensor]).toMatchObject({ name: "x", shape: [3] });
  });

  it("recognises reports, traces and figures, and falls back to text for anything else", () => {
    const f = ({ w }: { w: Tensor }) => w.mul(w).sum();
    const w = tensor([1, 2]);
    expect(Object.keys(mimeBundle(gradcheck(f, { w }, { w: w.mul(2) })))).toContain(MIME.gradcheck);
    expect(Object.keys(mimeBundle(traceShapes(() => w.add(1))))).toContain(MIME.shapes);
    const figure = plot.lossCurve([3, 2, 1]);
    expect(mimeBundle(figure)[MIME.plotly]).toEqual({ data: figure.data, layout: figure.layout });
    expect(mimeBundle({ a: 1 }, "config")).toEqual({ "text/plain": "config = { a: 1 }" });
    expect(mimeBundle("hello")).toEqual({ "text/plain": "hello" });
    for (const value of [w, figure, { a: 1 }]) {
      expect(typeof mimeBundle(value)["text/plain"]).toBe("string");
    }
  });

  it("gives a figure a text/plain summary and a static SVG copy as HTML", () => {
    const bundle = mimeBundle(plot.lossCurve({ train: [3, 2, 1], test: [3.5, 2.5, 2] }));
    expect(bundle["text/plain"]).toBe(
      'Figure "Training loss": 2 traces — train (lines, 3 points); test (lines, 3 points); x: epoch, y: J(w)',
    );
    expect(bundle["text/html"]).toMatch(/^<svg [^>]*class="gradbook-figure"/);
    expect(mimeBundle({ data: [], layout: {} })["text/html"]).toContain(
      "Interactive plotly figure",
    );
  });
});

describe("outside a kernel", () => {
  it("show prints the text/plain and publishing reports false", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      show(tensor([1, 2]), "v");
      expect(log).toHaveBeenCalledWith(
        "v: float64 [2] · min 1 · max 2 · mean 1.5 · std 0.5\nTensor([1, 2], shape=[2])",
      );
      expect(publishDisplay({ "text/plain": "x" })).toBe(false);
    } finally {
      log.mockRestore();
    }
  });
});

describe("live figures", () => {
  let capture: ReturnType<typeof captureDisplays>;
  beforeEach(() => {
    capture = captureDisplays();
  });
  afterEach(() => capture.restore());

  it("show once under a display id, then replace that output", () => {
    const live = liveFigure(plot.lossCurve([1]), { minIntervalMs: 0 });
    live.update(plot.lossCurve([1, 0.5]));
    expect(capture.sent.map((message) => message.update)).toEqual([false, true]);
    expect(capture.sent.map((message) => message.content.transient.display_id)).toEqual([
      live.displayId,
      live.displayId,
    ]);
    expect(live.displayId).toMatch(/^[0-9a-f]{16}$/);
    const last = capture.sent[1].content.data[MIME.plotly] as { data: { y: number[] }[] };
    expect(last.data[0].y).toEqual([1, 0.5]);
  });

  it("throttle redraws and always draw the latest figure in the end", () => {
    const live = new LivePlot(plot.lossCurve([]), { minIntervalMs: 60_000 }).show();
    live.update(plot.lossCurve([3]));
    live.update(plot.lossCurve([3, 2]));
    expect(capture.sent).toHaveLength(1);
    live.flush();
    expect(capture.sent).toHaveLength(2);
    const drawn = capture.sent[1].content.data[MIME.plotly] as { data: { y: number[] }[] };
    expect(drawn.data[0].y).toEqual([3, 2]);
    live.flush();
    expect(capture.sent).toHaveLength(2);
  });

  it("grow a loss curve from a training loop's reports", () => {
    const live = liveLossCurve({ yLabel: "loss" }, { minIntervalMs: 0 });
    for (const loss of [0.9, 0.5, 0.3]) live.push(loss);
    live.push({ loss: 0.2 });
    expect(live.history).toEqual([{ loss: 0.9 }, { loss: 0.5 }, { loss: 0.3 }, { loss: 0.2 }]);
    const drawn = live.current.data[0];
    expect(drawn).toMatchObject({ x: [1, 2, 3, 4], y: [0.9, 0.5, 0.3, 0.2], name: "loss" });
    expect(capture.sent).toHaveLength(5);
    expect(() => new LivePlot(plot.lossCurve([]), { minIntervalMs: -1 })).toThrow(
      "LivePlot: option minIntervalMs must be a finite number ≥ 0, got -1",
    );
  });
});
