/**
 * "Did you mean": the known option an unknown key most likely stands for. First the names other
 * libraries give our options (a student arriving from scikit-learn writes `alpha`, `max_iter`,
 * `tol`, `random_state`), then the same name in another case or with underscores
 * (`learning_rate`), then a near miss of one or two letters (`lamda`, `maxIter`).
 */

/** One of our options that another library's name may mean, and why. */
interface Meaning {
  option: string;
  why: string;
}

/**
 * Other libraries' option names → ours. Where a name means different things (scikit-learn's
 * `alpha` is a regularization strength, the seeds' α a learning rate), every meaning that the
 * function has is offered.
 */
const OTHER_NAMES: Record<string, readonly Meaning[]> = {
  alpha: [
    { option: "lambda", why: "scikit-learn's alpha is the regularization strength λ" },
    { option: "learningRate", why: "the seeds' α is the learning rate" },
  ],
  eta0: [{ option: "learningRate", why: "scikit-learn's SGD calls the learning rate eta0" }],
  lr: [{ option: "learningRate", why: "PyTorch's lr" }],
  max_iter: [
    { option: "maxIters", why: "scikit-learn's max_iter" },
    { option: "epochs", why: "scikit-learn's SGD counts epochs in max_iter" },
  ],
  n_epochs: [{ option: "epochs", why: "one epoch is one pass over the data" }],
  tol: [{ option: "tolerance", why: "scikit-learn's tol" }],
  random_state: [{ option: "seed", why: "scikit-learn's random_state" }],
  n_samples: [{ option: "m", why: "scikit-learn's n_samples; m is the number of examples" }],
  n_features: [
    { option: "dims", why: "scikit-learn's n_features" },
    { option: "inputs", why: "scikit-learn's n_features" },
  ],
  cluster_std: [{ option: "std", why: "scikit-learn's cluster_std" }],
  center_box: [{ option: "box", why: "scikit-learn's center_box" }],
  n_classes: [{ option: "numClasses", why: "scikit-learn's n_classes" }],
};

/** Lower case without `_`, `-` or spaces: `learning_rate` and `LearningRate` squash alike. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, "");
}

const BY_SQUASHED_NAME = new Map(
  Object.entries(OTHER_NAMES).map(([name, meanings]) => [squash(name), meanings]),
);

/** Levenshtein distance, for near misses of short option names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Keys shorter than this get no near-miss hint: `m` is one letter from `w`, not a typo of it. */
const SHORTEST_NEAR_MISS = 4;
const NEAREST = 2;

function nearMiss(key: string, known: readonly string[]): string | undefined {
  const squashed = squash(key);
  const same = known.find((name) => squash(name) === squashed);
  if (same !== undefined || squashed.length < SHORTEST_NEAR_MISS) return same;
  let best: string | undefined;
  let bestDistance = NEAREST + 1;
  for (const name of known) {
    const distance = editDistance(squashed, squash(name));
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The hint for an unknown option `key` among `known`: ` (did you mean lambda? scikit-learn's
 * alpha is the regularization strength λ)`, or "" when nothing fits.
 */
export function suggestOption(key: string, known: readonly string[]): string {
  const meanings = (BY_SQUASHED_NAME.get(squash(key)) ?? []).filter((meaning) =>
    known.includes(meaning.option),
  );
  if (meanings.length > 0) {
    const options = meanings.map((meaning) => meaning.option).join(" or ");
    const reasons = [...new Set(meanings.map((meaning) => meaning.why))].join("; ");
    return ` (did you mean ${options}? ${reasons})`;
  }
  const guess = nearMiss(key, known);
  return guess === undefined ? "" : ` (did you mean ${guess}?)`;
}
