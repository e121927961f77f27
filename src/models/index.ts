/**
 * The course's models and their building blocks (seeds 000–004): closed-form and iterative
 * linear regression, logistic and softmax regression, the geometry of L2 regularization, and
 * the activations, losses, metrics and feature helpers they use.
 */
export { sigmoid, softmax, logSoftmax } from "./activations";
export { binaryCrossEntropy, crossEntropy, type CrossEntropyOptions, mse } from "./losses";
export { accuracy, confusionMatrix, r2 } from "./metrics";
export {
  addBias,
  oneHot,
  polynomialFeatures,
  standardize,
  type Standardized,
  trainTestSplit,
  type TrainTestSplit,
  type TrainTestSplitOptions,
} from "./features";
export {
  normalEquation,
  ridgeNormalEquation,
  ridgePenaltyMatrix,
  type RidgeOptions,
} from "./closed-forms";
export {
  linearRegressionGD,
  type LinearRegressionGDOptions,
  type LinearRegressionGDResult,
} from "./linear-regression-gd";
export {
  logisticRegressionSGD,
  type LogisticRegressionResult,
  type LogisticRegressionSGDOptions,
} from "./logistic-regression-sgd";
export {
  softmaxRegression,
  type SoftmaxRegressionOptions,
  type SoftmaxRegressionResult,
} from "./softmax-regression";
export { softmaxGradient, type SoftmaxGradient } from "./softmax-gradient";
export {
  type BinaryClassifier,
  predict,
  predictProba,
  type PredictOptions,
  type SoftmaxClassifier,
} from "./predict";
export { type L2Shrinkage, l2Shrinkage, ridgeFromOptimum } from "./l2-shrinkage";
export { DivergenceError } from "./divergence";
export { type Labels } from "./validation";
