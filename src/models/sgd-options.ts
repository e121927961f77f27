/*
 * The options the SGD trainers share (`logisticRegressionSGD`, `softmaxRegression`), as rules of
 * the library's option validator (src/protocol/options.ts). Their documentation is on each
 * trainer's options interface; only the default number of epochs differs.
 */
import {
  callback,
  flag,
  nonNegativeNumber,
  oneOf,
  positiveInteger,
  positiveNumber,
  seed,
} from "../protocol/option-rules";

/** The rules of an SGD trainer's options, with `epochs` defaulting to `epochs`. */
export function sgdOptionRules<OnEpoch extends (...args: never[]) => unknown>(epochs: number) {
  return {
    epochs: positiveInteger(epochs),
    learningRate: positiveNumber(0.01),
    lambda: nonNegativeNumber(0),
    batchSize: positiveInteger(1),
    seed: seed(0),
    shuffle: flag(true),
    init: oneOf(["zeros", "normal"] as const, "zeros"),
    onEpoch: callback<OnEpoch>(),
  };
}
