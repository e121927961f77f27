// The student API is deliberate: this lists every name `import * as gb from "gradbook"` gives,
// so adding one (or losing one a lesson uses) is a decision made here, in review. Plumbing goes
// to `gradbook/internal` (src/internal.ts) instead.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as gradbook from "../../src";
import * as internal from "../../src/internal";

const ROOT_NAMES = [
  "AssertionError",
  "DivergenceError",
  "GradcheckReport",
  "LinAlgError",
  "Random",
  "ShapeError",
  "ShapeTrace",
  "Tensor",
  "abs",
  "accuracy",
  "add",
  "addBias",
  "addInPlace",
  "addInto",
  "allclose",
  "arange",
  "argmax",
  "argmin",
  "asTensor",
  "assertClose",
  "assertShape",
  "axpyInPlace",
  "binaryCrossEntropy",
  "broadcastShapes",
  "broadcastTo",
  "clip",
  "concat",
  "confusionMatrix",
  "copyInto",
  "crossEntropy",
  "div",
  "divInPlace",
  "divInto",
  "dot",
  "einsum",
  "einsumInto",
  "equal",
  "exp",
  "eye",
  "fillInPlace",
  "full",
  "fullLike",
  "gradcheck",
  "greater",
  "greaterEqual",
  "isclose",
  "l2Shrinkage",
  "less",
  "lessEqual",
  "linalg",
  "linearRegressionGD",
  "linspace",
  "loadIris",
  "log",
  "logSoftmax",
  "logisticRegressionSGD",
  "makeBlobs",
  "makeLinear",
  "makeMultiOutput",
  "makePolynomial",
  "map",
  "matmul",
  "matmulInto",
  "max",
  "maximum",
  "mean",
  "min",
  "minimum",
  "mse",
  "mul",
  "mulInPlace",
  "mulInto",
  "neg",
  "normalEquation",
  "notEqual",
  "numericalGradient",
  "oneHot",
  "ones",
  "onesLike",
  "outer",
  "partialCredit",
  "plot",
  "polynomialFeatures",
  "pow",
  "predict",
  "predictProba",
  "prod",
  "r2",
  "random",
  "ridgeFromOptimum",
  "ridgeNormalEquation",
  "ridgePenaltyMatrix",
  "scaleInPlace",
  "show",
  "sigmoid",
  "sign",
  "softmax",
  "softmaxGradient",
  "softmaxRegression",
  "sqrt",
  "stack",
  "standardize",
  "std",
  "sub",
  "subInPlace",
  "subInto",
  "sum",
  "tanh",
  "tensor",
  "traceShapes",
  "trainTestSplit",
  "var",
  "variance",
  "version",
  "where",
  "zeros",
  "zerosLike",
];

const PLOT_NAMES = [
  "LiveLossCurve",
  "LivePlot",
  "contour",
  "decisionBoundary",
  "fit",
  "isFigure",
  "l2Geometry",
  "line",
  "liveFigure",
  "liveLossCurve",
  "lossCurve",
  "scatter",
  "sigmoid",
];

/** What the lessons must never see at the root (the architecture issue's list). */
const PLUMBING = [
  "recordOp",
  "setRecorder",
  "toJsonNumber",
  "fromJsonNumber",
  "INSPECTOR_QUERY_CODE",
  "MIME",
  "SCHEMA_VERSION",
  "tensorBundle",
  "shapesBundle",
  "gradcheckBundle",
  "inspectorBundle",
  "mimeBundle",
  "inspectSession",
  "inspectTensor",
];

const NOTEBOOKS = join(__dirname, "..", "..", "notebooks");

/** Every .ipynb below `dir`. */
function notebookFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return notebookFiles(path);
    return entry.endsWith(".ipynb") ? [path] : [];
  });
}

/** The root names a notebook's code uses: `gb.name` and `import { name } from "gradbook"`. */
function namesUsed(file: string): string[] {
  const cells = (
    JSON.parse(readFileSync(file, "utf8")) as {
      cells: { source: string[] | string; cell_type: string }[];
    }
  ).cells;
  const code = cells
    .filter((cell) => cell.cell_type === "code")
    .map((cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source))
    .join("\n");
  const names = [...code.matchAll(/\bgb\.(\w+)/g)].map((match) => match[1]);
  for (const match of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"gradbook"/g)) {
    for (const item of match[1].split(",")) {
      const name = item
        .replace(/\btype\b/, "")
        .split(" as ")[0]
        .trim();
      if (name !== "") names.push(name);
    }
  }
  return names;
}

describe("the public surface", () => {
  it("has every name the course notebooks use", () => {
    const files = notebookFiles(NOTEBOOKS);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      for (const name of namesUsed(file)) expect(ROOT_NAMES, `${name} in ${file}`).toContain(name);
    }
  });

  it("is exactly the listed names", () => {
    expect(Object.keys(gradbook).sort()).toEqual([...ROOT_NAMES].sort());
    expect(Object.keys(gradbook.plot).sort()).toEqual([...PLOT_NAMES].sort());
  });

  it("keeps the plumbing behind gradbook/internal", () => {
    for (const name of PLUMBING) {
      expect(name in gradbook, name).toBe(false);
      expect(name in internal, name).toBe(true);
    }
  });
});
