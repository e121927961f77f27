/**
 * Checks a student runs on their own code: `gradcheck` compares analytic gradients with central
 * differences, `traceShapes` records the shapes every tensor op saw. Both return objects that
 * `show()` (src/display) renders as widgets.
 */
export { gradcheck } from "./gradcheck";
export { type GradcheckOptions } from "./gradcheck-inputs";
export {
  type DirectionalCheck,
  type EntryCheck,
  GradcheckReport,
  type GradcheckThresholds,
  type ParamCheck,
} from "./gradcheck-report";
export {
  type LossFunction,
  numericalGradient,
  type NumericalGradientOptions,
} from "./numerical-gradient";
export { ShapeTrace, traceShapes, type TraceOptions } from "./trace-shapes";
export { AssertionError, assertClose, assertShape, type CloseTolerance } from "./assert";
export { partialCredit, type PartialCredit } from "./partial-credit";
