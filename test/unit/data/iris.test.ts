import { describe, expect, it } from "vitest";
import { loadIris } from "../../../src/data";
import { expectClose } from "../models/close";

// Oracles: sklearn.datasets.load_iris() (scikit-learn 1.9.1).
describe("loadIris", () => {
  it("has scikit-learn's shape, names and class counts", () => {
    const iris = loadIris();
    expect(iris.X.shape).toEqual([150, 4]);
    expect(iris.y).toBeInstanceOf(Int32Array);
    expect(iris.y).toHaveLength(150);
    expect(iris.featureNames).toEqual([
      "sepal length (cm)",
      "sepal width (cm)",
      "petal length (cm)",
      "petal width (cm)",
    ]);
    expect(iris.targetNames).toEqual(["setosa", "versicolor", "virginica"]);
    const counts = [0, 0, 0];
    iris.y.forEach((label) => counts[label]++);
    expect(counts).toEqual([50, 50, 50]);
    expect([...iris.y.slice(0, 50)].every((label) => label === 0)).toBe(true);
    expect([...iris.y.slice(100)].every((label) => label === 2)).toBe(true);
  });

  it("has scikit-learn's values: spot rows and column sums", () => {
    const { X } = loadIris();
    expect(X.slice(0).toArray()).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(X.slice(50).toArray()).toEqual([7.0, 3.2, 4.7, 1.4]);
    expect(X.slice(77).toArray()).toEqual([6.7, 3.0, 5.0, 1.7]);
    expect(X.slice(149).toArray()).toEqual([5.9, 3.0, 5.1, 1.8]);
    expectClose(
      X.sum(0),
      [876.5000000000002, 458.60000000000014, 563.7000000000004, 179.90000000000012],
      { rtol: 1e-14 },
    );
    expectClose(X.sum(), 2078.7, { rtol: 1e-14 });
  });

  it("returns fresh copies on every call", () => {
    const first = loadIris();
    first.X.data[0] = -1;
    first.y[0] = 2;
    first.featureNames.push("changed");
    const second = loadIris();
    expect(second.X.get(0, 0)).toBe(5.1);
    expect(second.y[0]).toBe(0);
    expect(second.featureNames).toHaveLength(4);
  });
});
