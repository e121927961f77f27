import { inspectorBundle } from "../../src/display/inspect-session";
import { type Tensor, tensor } from "../../src/tensor";
import type { BenchInput, Workload } from "../workload";

/*
 * The shape inspector's query, the work a kernel does after every cell while the sidebar is
 * open: list the session's tensors with min, max, mean and the NaN/Inf counts. Its numpy twin is
 * what a Python variable inspector computes for the same names. 100 tensors of [40, 25] is a
 * busy lesson's session; the inspector test once asserted this under 20 ms.
 */

const TENSORS = 100;
const inputs = Object.fromEntries(
  Array.from({ length: TENSORS }, (_, i) => [`T${i}`, [40, 25] as const]),
);

const inspectorQuery: Workload<Record<string, Tensor>> = {
  name: `inspector query: ${TENSORS} tensors [40, 25]`,
  inputs,
  setup: (values: Readonly<Record<string, BenchInput>>) =>
    Object.fromEntries(Object.entries(values).map(([name, v]) => [name, tensor(v.data, v.shape)])),
  gradbook: (session) => {
    const rows = inspectorBundle(session).tensors.map((entry) => [
      entry.min ?? NaN,
      entry.max ?? NaN,
      entry.mean ?? NaN,
      entry.nanCount,
      entry.infCount,
    ]);
    return tensor(rows);
  },
  numpy: {
    setup: `session = {f"T{i}": globals()[f"T{i}"] for i in range(${TENSORS})}`,
    run:
      "[[np.nanmin(v), np.nanmax(v), np.nanmean(v), np.isnan(v).sum(), np.isinf(v).sum()] " +
      "for v in session.values() if isinstance(v, np.ndarray)]",
  },
  target: 1,
};

export const workloads: Workload[] = [inspectorQuery] as Workload[];
