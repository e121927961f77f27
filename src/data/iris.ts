/*
 * Fisher's Iris data, the classification set of seed 004: 150 flowers, 4 measurements each,
 * 3 species. Shipped inside the package (iris-values.ts), so loading it needs no network.
 */
import { Tensor } from "../tensor";
import { IRIS_ROW_LENGTH, IRIS_ROWS } from "./iris-values";

/** The Iris data set as `loadIris` returns it. */
export interface IrisDataset {
  /** Measurements [150, 4]: sepal length, sepal width, petal length, petal width, in cm. */
  X: Tensor;
  /** Species of each row: 0 setosa, 1 versicolor, 2 virginica (50 each, in that order). */
  y: Int32Array;
  /** Names of the columns of X, as scikit-learn spells them. */
  featureNames: string[];
  /** Names of the classes 0, 1, 2. */
  targetNames: string[];
}

/**
 * The Iris data exactly as scikit-learn's `load_iris()` returns it (same values, same row
 * order, same names). Each call returns fresh copies, so changing one result cannot affect
 * another lesson's.
 */
export function loadIris(): IrisDataset {
  const rows = IRIS_ROWS.length / IRIS_ROW_LENGTH;
  const features = IRIS_ROW_LENGTH - 1;
  const X = new Float64Array(rows * features);
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < features; j++) X[i * features + j] = IRIS_ROWS[i * IRIS_ROW_LENGTH + j];
    y[i] = IRIS_ROWS[i * IRIS_ROW_LENGTH + features];
  }
  return {
    X: new Tensor(X, [rows, features]),
    y,
    featureNames: [
      "sepal length (cm)",
      "sepal width (cm)",
      "petal length (cm)",
      "petal width (cm)",
    ],
    targetNames: ["setosa", "versicolor", "virginica"],
  };
}
