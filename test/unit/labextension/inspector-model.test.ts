// @vitest-environment jsdom
/// <reference lib="dom" />
import "./lumino-dom";
import { INSPECTOR_QUERY_CODE, MIME, type InspectorEntry } from "gradbook/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InspectorModel } from "../../../labextension/src/inspector/model";
import type { InspectorState } from "../../../labextension/src/inspector/state";
import { irisLikeTensor } from "../../support/display-bundles";
import { FakeNotebook } from "./fake-kernel";

function entry(name: string, shape: number[], extra: Partial<InspectorEntry> = {}): InspectorEntry {
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    name,
    shape,
    dtype: "float64",
    size,
    bytes: 8 * size,
    min: 0,
    max: 1,
    mean: 0.5,
    nanCount: 0,
    infCount: 0,
    ...extra,
  };
}

function session(tensors: InspectorEntry[]) {
  return { display: { [MIME.inspector]: { version: 1, tensors, elapsedMs: 1.5 } } };
}

const settle = (ms = 50) => vi.advanceTimersByTimeAsync(ms);

describe("InspectorModel", () => {
  let notebook: FakeNotebook;
  let model: InspectorModel;
  let states: InspectorState[];

  beforeEach(() => {
    vi.useFakeTimers();
    notebook = new FakeNotebook();
    model = new InspectorModel();
    model.setVisible(true);
    states = [];
    model.stateChanged.connect((_, state) => states.push(state));
    notebook.kernel.answer = (code) =>
      code === INSPECTOR_QUERY_CODE ? session([entry("X", [150, 4]), entry("w", [4])]) : {};
  });

  afterEach(() => {
    model.dispose();
    vi.useRealTimers();
  });

  it("reads the tensors of the notebook it follows with the session query", async () => {
    model.setTarget(notebook);
    expect(model.state.status).toBe("loading");
    await settle();
    expect(notebook.kernel.codes).toEqual([INSPECTOR_QUERY_CODE]);
    expect(model.state.status).toBe("ready");
    expect(model.state.notebook).toBe("lesson.ipynb");
    expect(model.state.entries.map((e) => [e.name, e.shape])).toEqual([
      ["X", [150, 4]],
      ["w", [4]],
    ]);
    expect(model.state.kernelMs).toBe(1.5);
    expect(model.state.refreshing).toBe(false);
  });

  it("stays quiet while the panel is hidden and catches up when it is shown", async () => {
    model.setVisible(false);
    model.setTarget(notebook);
    model.cellExecuted(true);
    model.cellExecuted(true);
    await settle();
    expect(notebook.kernel.codes).toEqual([]);
    model.setVisible(true);
    await settle();
    expect(notebook.kernel.codes).toEqual([INSPECTOR_QUERY_CODE]);
    expect(model.state.status).toBe("ready");
    model.setVisible(false);
    model.setVisible(true);
    await settle();
    expect(notebook.kernel.codes).toHaveLength(1);
  });

  it("refreshes after an executed cell, once for a whole Run All, never while cells are queued", async () => {
    model.setTarget(notebook);
    await settle();
    notebook.pending = true;
    model.cellExecuted(true);
    model.cellExecuted(true);
    await settle();
    expect(notebook.kernel.codes).toHaveLength(1);
    expect(model.state.refreshing).toBe(true);
    notebook.pending = false;
    model.cellExecuted(true);
    await settle();
    expect(notebook.kernel.codes).toHaveLength(2);
    expect(model.state.refreshing).toBe(false);
    expect(model.state.requestedAt).not.toBeNull();
  });

  it("waits for the kernel to go idle", async () => {
    model.setTarget(notebook);
    await settle();
    notebook.setStatus("busy");
    model.cellExecuted(true);
    await settle(500);
    expect(notebook.kernel.codes).toHaveLength(1);
    notebook.setStatus("idle");
    await settle();
    expect(notebook.kernel.codes).toHaveLength(2);
  });

  it("never runs two queries at once", async () => {
    notebook.kernel.answer = (code) => ({ ...session([entry("X", [2])]), delay: 100, code });
    model.setTarget(notebook);
    await settle(10);
    model.refresh();
    model.showPreview("X");
    model.refresh();
    await settle(1000);
    expect(notebook.kernel.maxRunning).toBe(1);
    expect(notebook.kernel.codes.length).toBeGreaterThanOrEqual(3);
  });

  it("waits 300 ms after a failed cell and asks again when the kernel aborted the query", async () => {
    model.setTarget(notebook);
    await settle();
    let aborts = 1;
    notebook.kernel.answer = () =>
      aborts-- > 0 ? { status: "aborted" } : session([entry("Y", [3])]);
    model.cellExecuted(false);
    await settle(250);
    expect(notebook.kernel.codes).toHaveLength(1);
    await settle(100);
    expect(notebook.kernel.codes).toHaveLength(2);
    await settle(400);
    expect(notebook.kernel.codes).toHaveLength(3);
    expect(model.state.entries.map((e) => e.name)).toEqual(["Y"]);
  });

  it("says plainly when the kernel is not the TypeScript one, and never queries it", async () => {
    notebook.kernel.name = "python3";
    model.setTarget(notebook);
    await settle();
    expect(model.state.status).toBe("not-typescript");
    expect(model.state.message).toContain("Python 3 (ipykernel)");
    expect(model.state.message).toContain("TypeScript kernel (tslab)");
    model.refresh();
    await settle();
    expect(notebook.kernel.codes).toEqual([]);
  });

  it("says when gradbook cannot be imported", async () => {
    notebook.kernel.answer = () => ({
      error: {
        ename: "Error",
        evalue: "Cannot find module 'gradbook/internal'\nRequire stack:\n- /tmp/x.js",
        traceback: [
          "Error: Cannot find module 'gradbook/internal'",
          "Require stack:",
          "- /tmp/x.js",
        ],
      },
    });
    model.setTarget(notebook);
    await settle(1500);
    expect(model.state.status).toBe("no-gradbook");
    expect(model.state.message).toMatch(/^gradbook\/internal cannot be loaded in this kernel/);
  });

  it("says when the library has no inspectSession yet (a bare tslab reports it on stderr)", async () => {
    notebook.kernel.answer = () => ({
      stderr: "TypeError: require(...).inspectSession is not a function\n",
    });
    model.setTarget(notebook);
    await settle(1500);
    expect(model.state.status).toBe("no-gradbook");
    expect(model.state.message).toContain("has no inspectSession()");
  });

  it("empties at once when the kernel restarts, then reads the fresh kernel", async () => {
    model.setTarget(notebook);
    await settle();
    expect(model.state.entries).toHaveLength(2);
    notebook.kernel.answer = () => session([]);
    notebook.setStatus("restarting");
    expect(model.state.entries).toEqual([]);
    expect(model.state.message).toBe("The kernel is restarting: its tensors are gone.");
    notebook.setStatus("starting");
    await settle();
    expect(notebook.kernel.codes).toHaveLength(1);
    notebook.setStatus("idle");
    await settle();
    expect(notebook.kernel.codes).toHaveLength(2);
    expect(model.state.status).toBe("ready");
    expect(model.state.entries).toEqual([]);
    expect(model.state.message).toMatch(/^No tensors yet/);
  });

  it("drops an answer that arrives after the notebook changed", async () => {
    notebook.kernel.answer = () => ({ ...session([entry("old", [1])]), delay: 100 });
    model.setTarget(notebook);
    await settle(20);
    const other = new FakeNotebook();
    other.name = "other.ipynb";
    other.kernel.answer = () => session([entry("fresh", [2])]);
    model.setTarget(other);
    await settle(300);
    expect(model.state.notebook).toBe("other.ipynb");
    expect(model.state.entries.map((e) => e.name)).toEqual(["fresh"]);
    expect(states.some((state) => state.entries.some((e) => e.name === "old"))).toBe(false);
  });

  it("previews a tensor with the configured number of edge items", async () => {
    notebook.kernel.answer = (code) =>
      code === INSPECTOR_QUERY_CODE
        ? session([entry("X", [150, 4])])
        : { display: { [MIME.tensor]: irisLikeTensor() } };
    model.configure({ autoRefresh: true, previewSize: 5 });
    model.setTarget(notebook);
    await settle();
    model.showPreview("X");
    expect(model.preview?.status).toBe("loading");
    await settle();
    expect(notebook.kernel.codes[1]).toBe(
      'require("gradbook/internal").inspectTensor("X", { edgeItems: 5 });',
    );
    expect(model.preview?.status).toBe("ready");
    expect(model.preview?.bundle?.shape).toEqual([150, 4]);
  });

  it("does not refresh by itself when automatic refresh is off", async () => {
    model.configure({ autoRefresh: false, previewSize: 3 });
    model.setTarget(notebook);
    await settle();
    expect(model.state.status).toBe("stale");
    model.cellExecuted(true);
    await settle();
    expect(notebook.kernel.codes).toEqual([]);
    model.refresh();
    await settle();
    expect(notebook.kernel.codes).toHaveLength(1);
    expect(model.state.status).toBe("ready");
  });
});
