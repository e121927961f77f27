import { describe, expect, it } from "vitest";
import { loadIris } from "../../../src/data";
import {
  accuracy,
  crossEntropy,
  oneHot,
  predict,
  predictProba,
  softmax,
  softmaxGradient,
  softmaxRegression,
} from "../../../src/models";
import { matmul, random, tensor } from "../../../src/tensor";
import { expectClose } from "./close";

// numpy reference: the same minibatch SGD over Iris in order (shuffle: false), zeros start,
// batch 50, learningRate 0.01, λ = 0.3, 3 epochs; gradient via np.einsum('ni,nk->ik', xb, G).
const MINIBATCH = {
  W: [
    [-0.018997582594307373, -0.008017679875952258, 0.02701526247025964],
    [0.014734162393417918, -0.012829805508753777, -0.0019043568846641157],
    [-0.06498533498878573, 0.0035305152518194105, 0.06145481973696631],
    [-0.02710784715169592, -0.000904079164082373, 0.028011926315778285],
  ],
  b: [0.0009837433127243538, -0.0013496449960318574, 0.00036590168330750267],
  history: [1.30218230185338, 1.266877684041369, 1.2475999866336025],
};

// A gradient at a fixed point (numpy): X [4, 3], labels, W [3, 4], b [4], λ = 0.4.
const XS = [
  [0.2, -1.0, 0.5],
  [1.5, 0.3, -0.2],
  [-0.7, 0.8, 1.1],
  [0.0, -0.4, 0.9],
];
const YS = [2, 0, 1, 2];
const WS = [
  [0.1, -0.2, 0.3, 0.0],
  [0.5, 0.4, -0.6, 0.2],
  [-0.3, 0.1, 0.2, -0.1],
];
const BS = [0.05, -0.1, 0.2, 0.0];
const GRAD_W = [
  [-0.2839881867209605, 0.15608191132952987, 0.09712072935479406, 0.05078554603663655],
  [-0.0010134868912780731, -0.13056945109890286, 0.16055448278893233, 0.021028455201248592],
  [0.11976766188731913, -0.11214195120670706, -0.12772953580422913, 0.11010382512361702],
];
const GRAD_B = [
  -0.044014320933892945, -0.038645742147940525, -0.12466842900148944, 0.2073284920833229,
];
const GRAD_LOSS = 0.9482626796098387;
const GRAD_P = [
  [0.12270341112742007, 0.13425891697853076, 0.5723611377620198, 0.1706765341320293],
  [0.3095238056771994, 0.15217558303723042, 0.31577660132206, 0.2225240099635102],
  [0.23539876803589285, 0.3582678751906174, 0.17093458873759673, 0.23539876803589285],
  [0.15631673142391583, 0.20071465620185927, 0.44225395617236574, 0.20071465620185927],
];

describe("softmaxRegression", () => {
  it("reaches at least 95% training accuracy on all of Iris (seed 004's setup)", () => {
    const { X, y } = loadIris();
    const fit = softmaxRegression(X, y, { epochs: 100, learningRate: 0.01 });
    expect(fit.W.shape).toEqual([4, 3]);
    expect(fit.b.shape).toEqual([3]);
    expect(fit.history).toHaveLength(100);
    expect(fit.history[99]).toBeLessThan(0.2);
    expect(accuracy(y, predict(X, fit))).toBeGreaterThanOrEqual(0.95);
  });

  it("runs minibatch SGD exactly as the numpy reference", () => {
    const { X, y } = loadIris();
    const fit = softmaxRegression(X, y, {
      epochs: 3,
      learningRate: 0.01,
      lambda: 0.3,
      batchSize: 50,
      shuffle: false,
    });
    expectClose(fit.W, MINIBATCH.W, { rtol: 1e-11, atol: 1e-15 });
    expectClose(fit.b, MINIBATCH.b, { rtol: 1e-11, atol: 1e-15 });
    expectClose(fit.history, MINIBATCH.history, { rtol: 1e-12 });
  });

  it("gives the same model for one-hot rows and for integer labels", () => {
    const { X, y } = loadIris();
    const options = { epochs: 2, batchSize: 16, seed: 3 };
    const fromLabels = softmaxRegression(X, y, options);
    const fromOneHot = softmaxRegression(X, oneHot(y), options);
    expect(fromOneHot.W.toArray()).toEqual(fromLabels.W.toArray());
    expect(fromOneHot.history).toEqual(fromLabels.history);
  });

  it("steps on the mean gradient of each batch, the last one smaller (150 = 64 + 64 + 22)", () => {
    const { X, y } = loadIris();
    const fit = softmaxRegression(X, y, { epochs: 1, batchSize: 64, shuffle: false });
    let W = tensor([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    let b = tensor([0, 0, 0]);
    for (const [start, stop] of [
      [0, 64],
      [64, 128],
      [128, 150],
    ]) {
      const { dW, db } = softmaxGradient(X.slice([start, stop]), y.slice(start, stop), W, b);
      W = W.sub(dW.mul(0.01));
      b = b.sub(db.mul(0.01));
    }
    expectClose(fit.W, W, { rtol: 1e-12, atol: 1e-16 });
    expectClose(fit.b, b, { rtol: 1e-12, atol: 1e-16 });
  });

  it("reports each epoch to onEpoch with copies of W and b", () => {
    const { X, y } = loadIris();
    const snapshots: number[][][] = [];
    const fit = softmaxRegression(X, y, {
      epochs: 2,
      batchSize: 150,
      onEpoch: (_epoch, _loss, { W }) => snapshots.push(W.toArray() as number[][]),
    });
    expect(snapshots).toHaveLength(2);
    expect(snapshots[1]).toEqual(fit.W.toArray());
    expect(snapshots[0]).not.toEqual(snapshots[1]);
  });

  it("validates labels, one-hot rows and options", () => {
    const X = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    expect(() => softmaxRegression(X, [0, 1, 3], { numClasses: 3 })).toThrow(
      "softmaxRegression: Y[2] = 3 is out of range: with 3 classes the labels must be 0 … 2",
    );
    expect(() => softmaxRegression(X, [0, -1, 1])).toThrow(
      "softmaxRegression: Y[1] = -1 is not a class label",
    );
    expect(() =>
      softmaxRegression(X, [
        [1, 0],
        [0.5, 0],
        [0, 1],
      ]),
    ).toThrow("softmaxRegression: row 1 of Y sums to 0.5; each one-hot row must sum to 1");
    expect(() =>
      softmaxRegression(X, [
        [1, 0],
        [0, 1],
      ]),
    ).toThrow("softmaxRegression: [3], [2, 2]: X has 3 rows (examples) but Y has 2");
    expect(() => softmaxRegression(X, oneHot([0, 1, 1]), { numClasses: 3 })).toThrow(
      "softmaxRegression: numClasses is 3 but the one-hot Y has 2 columns",
    );
    expect(() => softmaxRegression(X, [0, 1, 1], { epochs: 0 })).toThrow(
      "softmaxRegression: option epochs must be an integer ≥ 1, got 0",
    );
    expect(() => softmaxRegression([[1, NaN]], [0])).toThrow(
      "softmaxRegression: X has a non-finite value (NaN) at X[0, 1]",
    );
    const { X: iris, y } = loadIris();
    for (const bad of [Infinity, -Infinity, NaN]) {
      const broken = iris.clone();
      broken.data[149 * 4 + 3] = bad;
      expect(() => softmaxRegression(broken, y, { epochs: 1, batchSize: 10 })).toThrow(
        `softmaxRegression: X has a non-finite value (${bad}) at X[149, 3]`,
      );
    }
  });
});

describe("softmaxGradient", () => {
  it("matches numpy's Xᵀ(Ŷ − Y)/m + (λ/m)W and the regularized loss", () => {
    const { dW, db, loss } = softmaxGradient(XS, YS, WS, BS, 0.4);
    expectClose(dW, GRAD_W, { rtol: 1e-12, atol: 1e-16 });
    expectClose(db, GRAD_B, { rtol: 1e-12 });
    expectClose(loss, GRAD_LOSS, { rtol: 1e-13 });
  });

  it("equals the mean of the seed's per-sample outer products x(ŷ − y)ᵀ", () => {
    const rng = random(11);
    const m = 37;
    const n = 5;
    const K = 4;
    const X = rng.normal([m, n]);
    const labels = rng.integers(0, K, [m]);
    const W = rng.normal([n, K]);
    const b = rng.normal([K]);
    const Y = oneHot(labels, K);
    const expected = new Float64Array(n * K);
    for (let i = 0; i < m; i++) {
      const x = X.slice(i);
      const yHat = softmax(matmul(x, W).add(b));
      const error = yHat.sub(Y.slice(i));
      for (let p = 0; p < n; p++) {
        for (let c = 0; c < K; c++) expected[p * K + c] += (x.get(p) * error.get(c)) / m;
      }
    }
    const { dW, loss } = softmaxGradient(X, labels, W, b);
    expectClose(dW, expected, { rtol: 1e-12, atol: 1e-15 });
    expectClose(loss, crossEntropy(labels, predictProba(X, { W, b })), { rtol: 1e-12 });
  });

  it("checks the shapes of W and b", () => {
    expect(() => softmaxGradient(XS, YS, [[1, 2, 3, 4]], BS)).toThrow(
      "softmaxGradient: [4, 3], [1, 4]: W must be [n, K] with n = 3, the number of columns of X",
    );
    expect(() => softmaxGradient(XS, YS, WS, [0, 0])).toThrow(
      "softmaxGradient: [3, 4], [2]: b must be [K] = [4], one bias per column of W",
    );
  });
});

describe("predict for a softmax model", () => {
  it("returns the most probable class and probability rows summing to 1", () => {
    const model = { W: tensor(WS), b: tensor(BS) };
    const P = predictProba(XS, model);
    expectClose(P, GRAD_P, { rtol: 1e-13 });
    expectClose(P.sum(1), [1, 1, 1, 1], { rtol: 1e-15 });
    expect(Array.from(predict(XS, model))).toEqual([2, 2, 1, 2]);
  });
});
