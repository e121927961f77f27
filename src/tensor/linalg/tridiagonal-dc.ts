import { LinAlgError } from "../errors";
import { gemm } from "../gemm";
import { rankOneEigen } from "./secular";
import { tridiagonalQL } from "./tridiagonal-ql";

const EPS = Number.EPSILON;
/** Blocks this small are solved directly by QL; above, splitting pays. */
const LEAF = 32;
/** Column kinds of the merged eigenvector block: nonzero in the top rows only, both, bottom. */
const TOP = 0;
const DENSE = 1;
const BOTTOM = 2;

interface Problem {
  readonly op: string;
  readonly n: number;
  /** Diagonal on entry; each solved block's eigenvalues (ascending) on exit. */
  readonly d: Float64Array;
  readonly e: Float64Array;
  /** Row-major n×n, block diagonal while solving: each solved block's eigenvectors as columns. */
  readonly y: Float64Array;
}

/**
 * Eigen-decomposition of the symmetric tridiagonal T (diagonal `d`, off-diagonal `e`) by
 * Cuppen's divide and conquer: returns Y, row-major n×n with the eigenvectors as columns, and
 * leaves the eigenvalues in `d`, ascending.
 *
 * T = diag(T₁, T₂) + ρ·v·vᵀ where v couples the last row of T₁ and the first of T₂. Solving
 * both halves (recursively) gives T = Q·(D + ρ·z·zᵀ)·Qᵀ with z = Qᵀv; the rank-one problem
 * is solved in O(n²) (secular.ts) after deflating negligible zᵢ and (by a rotation) nearly
 * equal dᵢ, and the new eigenvectors are Q times its eigenvectors: GEMM, kept to the nonzero
 * blocks of Q, carries the O(n³) work. T is scaled to unit max-norm while it is solved.
 */
export function tridiagonalEigen(op: string, d: Float64Array, e: Float64Array): Float64Array {
  const n = d.length;
  const y = new Float64Array(n * n);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(d[i]));
  for (let i = 0; i + 1 < n; i++) scale = Math.max(scale, Math.abs(e[i]));
  if (!Number.isFinite(scale)) {
    throw new LinAlgError(`${op}: the matrix contains NaN or Infinity; eigenvalues are undefined`);
  }
  if (scale === 0) {
    for (let i = 0; i < n; i++) y[i * n + i] = 1;
    return y;
  }
  const problem: Problem = {
    op,
    n,
    d: d.map((value) => value / scale),
    e: e.map((value) => value / scale),
    y,
  };
  solveBlock(problem, 0, n);
  for (let i = 0; i < n; i++) d[i] = problem.d[i] * scale;
  return y;
}

function solveBlock(problem: Problem, lo: number, size: number): void {
  if (size <= LEAF) {
    solveLeaf(problem, lo, size);
    return;
  }
  const top = size >> 1;
  const mid = lo + top;
  const beta = problem.e[mid - 1];
  problem.d[mid - 1] -= Math.abs(beta);
  problem.d[mid] -= Math.abs(beta);
  solveBlock(problem, lo, top);
  solveBlock(problem, mid, size - top);
  merge(problem, lo, top, size - top, beta);
}

/** A small block by implicit QL from the identity, sorted ascending. */
function solveLeaf(problem: Problem, lo: number, size: number): void {
  const { n, d, e, y } = problem;
  const values = d.slice(lo, lo + size);
  const zt = new Float64Array(size * size);
  for (let i = 0; i < size; i++) zt[i * size + i] = 1;
  tridiagonalQL(problem.op, values, e.slice(lo, lo + size - 1), zt);
  const order = ascendingOrder(values);
  for (let c = 0; c < size; c++) {
    const source = order[c];
    d[lo + c] = values[source];
    for (let r = 0; r < size; r++) y[(lo + r) * n + lo + c] = zt[source * size + r];
  }
}

/**
 * Merges the solved halves [lo, lo + top) and [lo + top, lo + top + bottom), where the
 * coupling T[mid−1, mid] = β was split off as |β|·v·vᵀ with v = e_{mid−1} + sign(β)·e_mid.
 */
function merge(problem: Problem, lo: number, top: number, bottom: number, beta: number): void {
  const { n, d, y } = problem;
  const size = top + bottom;
  const mid = lo + top;
  const rho = 2 * Math.abs(beta);
  const z = new Float64Array(size);
  for (let c = 0; c < top; c++) z[c] = y[(mid - 1) * n + lo + c] * Math.SQRT1_2;
  const sign = beta >= 0 ? Math.SQRT1_2 : -Math.SQRT1_2;
  for (let c = 0; c < bottom; c++) z[top + c] = y[mid * n + mid + c] * sign;
  const values = d.slice(lo, lo + size);
  const kind = new Uint8Array(size).fill(TOP, 0, top).fill(BOTTOM, top);
  const { kept, deflated } = deflate(problem, lo, size, values, z, rho, kind);

  const rank = rankOneEigen(
    Float64Array.from(kept, (i) => values[i]),
    Float64Array.from(kept, (i) => z[i]),
    rho,
  );
  const product = rotateKept(problem, lo, top, bottom, kept, kind, rank.vectors);
  // Write all eigenpairs back in ascending order: rank-one ones from `product`, deflated ones
  // from their (possibly rotated) columns of the block.
  const k = kept.length;
  const merged = new Float64Array(size * size);
  const pairs = [
    ...Array.from(rank.values, (value, column) => ({ value, column, fromProduct: true })),
    ...deflated.map((column) => ({ value: values[column], column, fromProduct: false })),
  ].sort((p, q) => p.value - q.value);
  pairs.forEach(({ value, column, fromProduct }, c) => {
    d[lo + c] = value;
    for (let r = 0; r < size; r++) {
      merged[r * size + c] = fromProduct ? product[r * k + column] : y[(lo + r) * n + lo + column];
    }
  });
  for (let r = 0; r < size; r++) {
    y.set(merged.subarray(r * size, r * size + size), (lo + r) * n + lo);
  }
}

/**
 * The kept columns of the block times the rank-one problem's eigenvectors W (k×k): the new
 * eigenvectors, row-major size × k. The columns are grouped TOP, DENSE, BOTTOM first, so the
 * top rows need only the first two groups and the bottom rows the last two: two GEMMs that
 * skip the zero blocks.
 */
function rotateKept(
  problem: Problem,
  lo: number,
  top: number,
  bottom: number,
  kept: readonly number[],
  kind: Uint8Array,
  w: Float64Array,
): Float64Array {
  const { n, y } = problem;
  const size = top + bottom;
  const k = kept.length;
  const grouped = Array.from(kept.keys()).sort((p, q) => kind[kept[p]] - kind[kept[q]] || p - q);
  const topOnly = grouped.filter((p) => kind[kept[p]] === TOP).length;
  const bottomOnly = grouped.filter((p) => kind[kept[p]] === BOTTOM).length;
  const columns = new Float64Array(size * k);
  const weights = new Float64Array(k * k);
  grouped.forEach((p, c) => {
    const source = lo + kept[p];
    for (let r = 0; r < size; r++) columns[r * k + c] = y[(lo + r) * n + source];
    weights.set(w.subarray(p * k, p * k + k), c * k);
  });
  const product = new Float64Array(size * k);
  gemm(top, k, k - bottomOnly, columns, 0, k, 1, weights, 0, k, 1, product, 0, k);
  gemm(bottom, k, k - topOnly, columns, top * k + topOnly, k, 1, weights, topOnly * k, k, 1, product, top * k, k); // prettier-ignore
  return product;
}

/**
 * Splits the indices of D + ρ·z·zᵀ into those kept for the secular equation and those whose
 * (dᵢ, current column) already is an eigenpair to working precision: ρ|zᵢ| below the tolerance,
 * or dᵢ so close to the next kept d that a rotation zeroing zᵢ leaves an off-diagonal entry
 * below it. Rotations update `values`, `z`, the block's columns in `y` and their `kind`.
 * Both lists come out in ascending order of value.
 */
function deflate(
  problem: Problem,
  lo: number,
  size: number,
  values: Float64Array,
  z: Float64Array,
  rho: number,
  kind: Uint8Array,
): { kept: number[]; deflated: number[] } {
  const order = ascendingOrder(values);
  let zMax = 0;
  let dMax = 0;
  for (let i = 0; i < size; i++) {
    zMax = Math.max(zMax, Math.abs(z[i]));
    dMax = Math.max(dMax, Math.abs(values[i]));
  }
  const tolerance = 8 * EPS * Math.max(dMax, zMax);
  const kept: number[] = [];
  const deflated: number[] = [];
  if (rho * zMax <= tolerance) return { kept, deflated: Array.from(order) };
  let previous = -1;
  for (const index of order) {
    if (rho * Math.abs(z[index]) <= tolerance) {
      deflated.push(index);
      continue;
    }
    if (previous >= 0) {
      const radius = Math.hypot(z[previous], z[index]);
      const c = z[index] / radius;
      const s = -z[previous] / radius;
      if (Math.abs((values[index] - values[previous]) * c * s) <= tolerance) {
        z[index] = radius;
        z[previous] = 0;
        rotateColumns(problem, lo, size, previous, index, c, s);
        const low = values[previous];
        const high = values[index];
        values[previous] = low * c * c + high * s * s;
        values[index] = low * s * s + high * c * c;
        if (kind[previous] !== kind[index]) kind[previous] = kind[index] = DENSE;
        deflated.push(previous);
      } else {
        kept.push(previous);
      }
    }
    previous = index;
  }
  kept.push(previous);
  return { kept, deflated: deflated.sort((p, q) => values[p] - values[q]) };
}

/** Columns (i, j) of the block ← (c·qᵢ + s·qⱼ, −s·qᵢ + c·qⱼ). */
function rotateColumns(
  problem: Problem,
  lo: number,
  size: number,
  i: number,
  j: number,
  c: number,
  s: number,
): void {
  const { n, y } = problem;
  for (let r = 0; r < size; r++) {
    const row = (lo + r) * n + lo;
    const qi = y[row + i];
    const qj = y[row + j];
    y[row + i] = c * qi + s * qj;
    y[row + j] = -s * qi + c * qj;
  }
}

function ascendingOrder(values: Float64Array): Int32Array {
  return Int32Array.from(values, (_, i) => i).sort((p, q) => values[p] - values[q] || p - q);
}
