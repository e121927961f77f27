/**
 * Losses and their gradients for the gradcheck tests: seed 001's regularized least squares with
 * the correct and the buggy L2 term, and softmax cross-entropy.
 */
import { random, type Tensor, tensor } from "../../../src/tensor";

export type WB = Record<"W" | "b", Tensor>;

/**
 * J(W, b) = (1/2m)‖XW + b − Y‖² + (λ/2m)‖W‖²_F and its gradients: the correct
 * dW = (1/m)Xᵀ(XW + b − Y) + (λ/m)W, seed 001's (λ/m)·sum(W) version, db = (1/m)Σ rows, and a
 * bias gradient missing its 1/m.
 */
export function ridgeProblem(m: number, n: number, k: number, lambda: number, seed = 1) {
  const rng = random(seed);
  const X = rng.normal([m, n]);
  const Y = rng.normal([m, k]);
  const W = rng.normal([n, k]).mul(0.5);
  const b = rng.normal([k]);
  const loss = ({ W, b }: WB) => {
    const residual = X.matmul(W).add(b).sub(Y);
    return (
      residual.mul(residual).sum().item() / (2 * m) + (lambda / (2 * m)) * W.mul(W).sum().item()
    );
  };
  const residual = X.matmul(W).add(b).sub(Y);
  const dataTerm = X.T.matmul(residual).div(m);
  return {
    X,
    Y,
    params: { W, b },
    loss,
    dW: dataTerm.add(W.mul(lambda / m)),
    dWSeedBug: dataTerm.add(W.sum().mul(lambda / m)),
    db: residual.sum(0).div(m),
    dbWrong: residual.sum(0),
  };
}

/** Mean cross-entropy of softmax(XW + b) against one-hot Y, and its gradients (1/m)Xᵀ(P − Y), mean(P − Y). */
export function softmaxProblem(m: number, n: number, K: number, seed = 2) {
  const rng = random(seed);
  const X = rng.normal([m, n]);
  const W = rng.normal([n, K]).mul(0.1);
  const b = rng.normal([K]).mul(0.1);
  const Y = tensor(
    Array.from({ length: m }, (_, i) => Array.from({ length: K }, (_, j) => (j === i % K ? 1 : 0))),
  );
  const probabilities = (W: Tensor, b: Tensor) => {
    const z = X.matmul(W).add(b);
    const e = z.sub(z.max(1, true)).exp();
    return e.div(e.sum(1, true));
  };
  const loss = ({ W, b }: WB) => -Y.mul(probabilities(W, b).log()).sum().item() / m;
  const P = probabilities(W, b);
  return { params: { W, b }, loss, dW: X.T.matmul(P.sub(Y)).div(m), db: P.sub(Y).mean(0) };
}
