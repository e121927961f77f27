// Both sides of the contract against each other: the bundles the library emits pass the checks
// the extension applies, and the inspector's query code runs against the internal entry point.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gradcheck, traceShapes } from "../../../src/check";
import * as internal from "../../../src/internal";
import {
  CHECK_FUNCTION,
  checkQueryCode,
  INSPECTOR_FUNCTIONS,
  INSPECTOR_MODULE,
  INSPECTOR_QUERY_CODE,
  MIME,
  isValuePath,
  previewQueryCode,
  readBundle,
  SCHEMA_VERSION,
} from "../../../src/protocol";
import { type Tensor, tensor } from "../../../src/tensor";

type Global = { __tslab__?: { exports: Record<string, unknown> } };

/** Runs a query as the kernel would, with `require(INSPECTOR_MODULE)` giving src/internal. */
function runQuery(code: string): void {
  const require = (id: string) => {
    if (id !== INSPECTOR_MODULE) throw new Error(`Cannot find module '${id}'`);
    return internal;
  };
  new Function("require", code)(require);
}

describe("the bundles the library emits pass the extension's checks", () => {
  const W = tensor([
    [1, 2],
    [3, 4],
  ]);

  it("tensor, shapes, gradcheck and inspector bundles", () => {
    const f = ({ W }: { W: Tensor }) => W.mul(W).sum().item();
    const report = gradcheck(f, { W }, { W: W.mul(2) });
    const trace = traceShapes(() => W.matmul(tensor([1, 2, 3])));
    const bundles = {
      tensor: internal.tensorBundle(W),
      shapes: internal.shapesBundle(trace),
      gradcheck: internal.gradcheckBundle(report),
      inspector: internal.inspectorBundle({ W }),
    } as const;
    for (const [kind, bundle] of Object.entries(bundles)) {
      const json = JSON.parse(JSON.stringify(bundle)) as unknown;
      expect(readBundle(json, kind as keyof typeof bundles)).toEqual({ bundle: json });
    }
  });

  it("names the version it found and the one it reads, and the field that is wrong", () => {
    expect(readBundle({ tensors: [] }, "inspector").problem).toMatch(
      /^This inspector output has no version; this gradbook extension reads version 1\./,
    );
    expect(readBundle([1], "shapes").problem).toBe(
      "The shapes output is not a JSON object, so it cannot be shown.",
    );
    expect(readBundle({ version: SCHEMA_VERSION, ops: [] }, "shapes").problem).toBe(
      'This shapes output is malformed: "droppedOps" should be a number, found undefined.',
    );
  });
});

describe("the inspector's queries", () => {
  const sent: internal.DisplayContent[] = [];
  let restoreWriter: internal.DisplayWriter | null;
  beforeEach(() => {
    sent.length = 0;
    restoreWriter = internal.useDisplayWriter((content) => sent.push(content));
    (globalThis as Global).__tslab__ = { exports: { X_train: tensor([1, 2, 3, 4, 5, 6, 7, 8]) } };
  });
  afterEach(() => {
    delete (globalThis as Global).__tslab__;
    internal.useDisplayWriter(restoreWriter);
  });

  it("load gradbook/internal, whose functions they call", () => {
    expect(INSPECTOR_QUERY_CODE).toBe('require("gradbook/internal").inspectSession();');
    for (const name of INSPECTOR_FUNCTIONS) expect(typeof internal[name]).toBe("function");
    expect(checkQueryCode('my "lab".ipynb')).toBe(
      'await require("gradbook/internal").checkInLab("my \\"lab\\".ipynb");',
    );
    expect(typeof internal[CHECK_FUNCTION]).toBe("function");
  });

  it("list the session and preview one tensor, each answering with one bundle", () => {
    runQuery(INSPECTOR_QUERY_CODE);
    runQuery(previewQueryCode("X_train", 2)!);
    expect(sent.map((content) => Object.keys(content.data).sort())).toEqual([
      [MIME.inspector, "text/plain"],
      [MIME.tensor, "text/html", "text/plain"],
    ]);
    expect(sent[1].data[MIME.tensor]).toMatchObject({
      name: "X_train",
      preview: [1, 2, "...", 7, 8],
    });
  });

  it("paste only value paths into code, with at least one edge item", () => {
    expect(previewQueryCode("X_train", 3)).toBe(
      'require("gradbook/internal").inspectTensor("X_train", { edgeItems: 3 });',
    );
    expect(previewQueryCode("$w", 0)).toContain("{ edgeItems: 1 }");
    expect(previewQueryCode("w", NaN)).toContain("{ edgeItems: 1 }");
    expect(previewQueryCode('x"); process.exit(); ("', 3)).toBeNull();
    expect(previewQueryCode("fit.W", 3)).toBe(
      'require("gradbook/internal").inspectTensor("fit.W", { edgeItems: 3 });',
    );
    for (const path of ["params[0]", 'data["my key"]', "net.layers[2].W"])
      expect(isValuePath(path), path).toBe(true);
    for (const path of ["a.b()", "a[b]", "a['k']", "a.", "a[-1]", "1x", 'a["x"]; f()'])
      expect(previewQueryCode(path, 3), path).toBeNull();
  });
});
