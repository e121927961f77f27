/**
 * The order in which to contract three or more operands, chosen greedily as numpy's
 * optimize='greedy' does. At each step every pair of pending operands is scored by what
 * contracting it would produce — its result keeps the labels the output or another pending
 * operand still needs — and the pair that removes the most elements (|A| + |B| − |result|)
 * wins, ties going to the fewer multiply-adds (the product of all the pair's label sizes, twice
 * when something is summed). Pairs sharing no label (outer products) are considered only when no
 * other pair is left.
 *
 * `inputs` are the operands' labels and `sizes` is indexed by label. The path uses numpy's
 * format: each step [i, j] (i < j) indexes the current list of pending operands, removes both
 * and appends their contraction at the end: 'ij,jk,kl->il' with A[10×20], B[20×30], C[30×2]
 * gives [[1, 2], [0, 1]] (B·C first, then A with the result), as numpy does.
 */
export function greedyPath(
  inputs: readonly (readonly number[])[],
  output: readonly number[],
  sizes: readonly number[],
): [number, number][] {
  const pending = inputs.map((labels) => new Set(labels));
  const path: [number, number][] = [];
  while (pending.length > 1) {
    const best =
      bestPair(pending, output, sizes, false) ??
      (bestPair(pending, output, sizes, true) as Candidate);
    path.push([best.left, best.right]);
    pending.splice(best.right, 1);
    pending.splice(best.left, 1);
    pending.push(best.result);
  }
  return path;
}

/** One possible step: the pair, the labels its result keeps and its score. */
interface Candidate {
  readonly left: number;
  readonly right: number;
  readonly result: Set<number>;
  readonly removed: number;
  readonly cost: number;
}

/** The best-scoring pair, among pairs sharing a label unless `outer` allows any pair. */
function bestPair(
  pending: readonly Set<number>[],
  output: readonly number[],
  sizes: readonly number[],
  outer: boolean,
): Candidate | null {
  const volume = (labels: Iterable<number>) => {
    let product = 1;
    for (const label of labels) product *= sizes[label];
    return product;
  };
  let best: Candidate | null = null;
  for (let left = 0; left < pending.length; left++) {
    for (let right = left + 1; right < pending.length; right++) {
      const union = new Set([...pending[left], ...pending[right]]);
      if (!outer && union.size === pending[left].size + pending[right].size) continue;
      const needed = new Set(output);
      pending.forEach((labels, other) => {
        if (other !== left && other !== right) for (const label of labels) needed.add(label);
      });
      const result = new Set([...union].filter((label) => needed.has(label)));
      const removed = volume(pending[left]) + volume(pending[right]) - volume(result);
      const cost = volume(union) * (result.size < union.size ? 2 : 1);
      if (
        best === null ||
        removed > best.removed ||
        (removed === best.removed && cost < best.cost)
      ) {
        best = { left, right, result, removed, cost };
      }
    }
  }
  return best;
}
