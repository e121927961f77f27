import { gemm } from "../gemm";
import { sizeOf } from "../strided";
import { Walker } from "../walk";
import { accumulateProducts } from "./direct";
import { memoryOrder, mergedStride, viewOrder } from "./layout";
import { sumInto, sumToDense } from "./single";
import { denseView, sizeOfLabel, strideOf, type LabelledView } from "./view";

/**
 * Two-operand einsum: dest[dest labels] = Σ over the shared labels not kept of a · b, after
 * summing away the labels only one side has and nobody keeps. `keep(label)` says whether a
 * label survives this step (it is in the output or in an operand still waiting). `dest` is the
 * zeroed final output, or null for an intermediate, which is then returned with the labels in
 * the order the GEMM writes them: [batch, free of a, free of b].
 *
 * Labels fall into four classes — batch (both sides, kept), contracted (both, not kept), free
 * of a, free of b — so each batch element is one GEMM C[m×n] = A[m×k]·B[k×n] with
 * m, n, k the products of the free and contracted sizes. Both operands are read in place when
 * their free and contracted groups each merge into one stride (views: transposes and permuted
 * axes cost nothing); an operand whose group does not merge is copied once. Contractions too
 * thin for blocking to pay (see `isThin`) run as one direct strided loop instead.
 */
export function contractPair(
  left: LabelledView,
  right: LabelledView,
  keep: (label: number) => boolean,
  dest: LabelledView | null,
): LabelledView {
  const a = sumPrivate(left, right, keep);
  const b = sumPrivate(right, a, keep);
  const shared = a.labels.filter((label) => b.labels.includes(label));
  const batch = shared.filter(keep);
  const contracted = shared.filter((label) => !keep(label));
  const freeA = a.labels.filter((label) => !shared.includes(label));
  const freeB = b.labels.filter((label) => !shared.includes(label));
  const size = (view: LabelledView, group: readonly number[]) =>
    group.reduce((product, label) => product * sizeOfLabel(view, label), 1);
  const out =
    dest ?? intermediate(a, [...batch, ...memoryOrder(a, freeA), ...memoryOrder(b, freeB)], b);
  const m = size(a, freeA);
  const n = size(b, freeB);
  const k = size(a, contracted);
  if (isThin(m, n, k)) {
    const labels = [...batch, ...contracted, ...freeA, ...freeB];
    const shape = labels.map((label) => Math.max(sizeOfLabel(a, label), sizeOfLabel(b, label)));
    const along = (view: LabelledView) => ({
      data: view.data,
      shape,
      strides: labels.map((label) => strideOf(view, label)),
      offset: view.offset,
    });
    accumulateProducts(along(a), along(b), along(out));
    return out;
  }
  batchedGemm(a, b, out, { batch, contracted, freeA, freeB, m, n, k });
  return out;
}

/**
 * Whether one GEMM of these sizes would be mostly overhead, so the direct loop is faster:
 * when it is small (m·n·k ≤ 32³: per-call and packing costs dominate; measured on batches of
 * 16³ the direct loop wins by 1.35×, at 32³ the GEMM by 1.6×) or when its arithmetic intensity
 * mnk / (mk + kn + mn) = 1 / (1/m + 1/n + 1/k) is under 2 multiply-adds per element touched
 * (one huge dimension against tiny ones, like the seed's m = 100000, n = 2, k = 3: 16× faster
 * direct), where the work is memory-bound and blocking cannot pay.
 */
function isThin(m: number, n: number, k: number): boolean {
  return m * n * k <= SMALL_GEMM || 1 / m + 1 / n + 1 / k > 1 / 2;
}

const SMALL_GEMM = 32 * 32 * 32;

/** The four label classes of a contraction with their merged sizes. */
interface Classes {
  readonly batch: readonly number[];
  readonly contracted: readonly number[];
  readonly freeA: readonly number[];
  readonly freeB: readonly number[];
  readonly m: number;
  readonly n: number;
  readonly k: number;
}

/** `view` with the labels the other side lacks and nobody keeps summed away, if there are any. */
function sumPrivate(
  view: LabelledView,
  other: LabelledView,
  keep: (label: number) => boolean,
): LabelledView {
  const needed = view.labels.filter((label) => keep(label) || other.labels.includes(label));
  return needed.length === view.labels.length ? view : sumToDense(view, needed);
}

/** A zeroed C-contiguous intermediate with the given labels, sized from whichever side has each. */
function intermediate(a: LabelledView, labels: readonly number[], b: LabelledView): LabelledView {
  const shape = labels.map((label) => Math.max(sizeOfLabel(a, label), sizeOfLabel(b, label)));
  return denseView(new Float64Array(sizeOf(shape)), labels, shape);
}

/**
 * Runs the contraction as one GEMM per batch element. Group orders are chosen so operands are
 * read in place: the contracted order must merge in both operands, each free order in its
 * operand and, ideally, in `out` too (then the GEMM writes the result where it belongs, as
 * C or as Cᵀ = BᵀAᵀ); otherwise the result goes through one scratch buffer and a permuting copy.
 */
function batchedGemm(
  left: LabelledView,
  right: LabelledView,
  out: LabelledView,
  classes: Classes,
): void {
  const { batch, contracted, freeA, freeB } = classes;
  const kOrder = contractedOrder(left, right, contracted);
  const aOrder = freeOrder(left, out, freeA);
  const bOrder = freeOrder(right, out, freeB);
  const a = mergesAll(left, aOrder, kOrder)
    ? left
    : sumToDense(left, [...batch, ...aOrder, ...kOrder]);
  const b = mergesAll(right, kOrder, bOrder)
    ? right
    : sumToDense(right, [...batch, ...kOrder, ...bOrder]);
  const operands = {
    a,
    aRows: mergedStride(a, aOrder) as number,
    aCols: mergedStride(a, kOrder) as number,
    b,
    bRows: mergedStride(b, kOrder) as number,
    bCols: mergedStride(b, bOrder) as number,
  };
  const cRows = mergedStride(out, aOrder);
  const cCols = mergedStride(out, bOrder);
  if (cRows !== null && (freeB.length === 0 || cCols === 1)) {
    runBatches(batch, operands, out, classes, false, cRows);
  } else if (cCols !== null && (freeA.length === 0 || cRows === 1)) {
    runBatches(batch, operands, out, classes, true, cCols);
  } else {
    const scratch = intermediate(a, [...batch, ...aOrder, ...bOrder], b);
    runBatches(batch, operands, scratch, classes, false, mergedStride(scratch, aOrder) as number);
    sumInto(scratch, out);
  }
}

/** Strided matrices of a contraction: A[m×k] and B[k×n] inside their operands. */
interface Operands {
  readonly a: LabelledView;
  readonly aRows: number;
  readonly aCols: number;
  readonly b: LabelledView;
  readonly bRows: number;
  readonly bCols: number;
}

/**
 * One GEMM per index of the batch labels, stepping every offset with the walker. `transposed`
 * writes Cᵀ = Bᵀ·Aᵀ, for outputs whose free labels of a run innermost.
 */
function runBatches(
  batch: readonly number[],
  ops: Operands,
  out: LabelledView,
  { m, n, k }: Classes,
  transposed: boolean,
  ldc: number,
): void {
  const walker = new Walker(
    batch.map((label) => sizeOfLabel(ops.a, label)),
    [ops.a, ops.b, out].map((view) => batch.map((label) => strideOf(view, label))),
    [ops.a.offset, ops.b.offset, out.offset],
  );
  const at = walker.at;
  for (let element = 0; element < walker.count; element++, walker.next()) {
    const [pa, pb, pc] = at;
    if (transposed) {
      gemm(
        n,
        m,
        k,
        ops.b.data,
        pb,
        ops.bCols,
        ops.bRows,
        ops.a.data,
        pa,
        ops.aCols,
        ops.aRows,
        out.data,
        pc,
        ldc,
        true,
      );
    } else {
      gemm(
        m,
        n,
        k,
        ops.a.data,
        pa,
        ops.aRows,
        ops.aCols,
        ops.b.data,
        pb,
        ops.bRows,
        ops.bCols,
        out.data,
        pc,
        ldc,
        true,
      );
    }
  }
}

/**
 * An order of the contracted labels that merges in both operands if one exists; otherwise one
 * that merges in the larger operand, so that only the smaller is copied.
 */
function contractedOrder(
  a: LabelledView,
  b: LabelledView,
  contracted: readonly number[],
): number[] {
  const fromA = memoryOrder(a, contracted);
  const fromB = memoryOrder(b, contracted);
  if (mergedStride(a, fromA) !== null && mergedStride(b, fromA) !== null) return fromA;
  if (mergedStride(a, fromB) !== null && mergedStride(b, fromB) !== null) return fromB;
  return viewSize(a) >= viewSize(b) ? fromA : fromB;
}

/**
 * An order of one side's free labels: the output's own order when the operand merges in it
 * (the GEMM can then write in place), else the operand's memory order when that merges, else
 * (the operand will be copied into any order) the output's again.
 */
function freeOrder(view: LabelledView, out: LabelledView, free: readonly number[]): number[] {
  const wanted = viewOrder(out, free);
  if (mergedStride(view, wanted) !== null) return wanted;
  const inMemory = memoryOrder(view, free);
  return mergedStride(view, inMemory) !== null ? inMemory : wanted;
}

function mergesAll(view: LabelledView, rows: readonly number[], cols: readonly number[]): boolean {
  return mergedStride(view, rows) !== null && mergedStride(view, cols) !== null;
}

function viewSize(view: LabelledView): number {
  return sizeOf(view.shape);
}
