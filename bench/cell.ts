/**
 * Workloads written the way a notebook cell calls gradbook (`gb.mul(x, 0.5)`), so that the one
 * text is timed in plain Node (this process) and inside a tslab kernel (bench/kernel-side.ts).
 */
import * as gb from "../src";
import type { BenchInput, CellCode, Workload } from "./workload";

/**
 * The cell's code as one JavaScript function expression, `(gb, inputs) => { … return () =>
 * (run); }`: the inputs are bound by name as Tensors, `setup` runs once, and the returned
 * function is what a sample times. The same text is valid TypeScript for tslab.
 */
export function cellFactorySource(names: readonly string[], cell: CellCode): string {
  const bind = names.length === 0 ? "" : `const { ${names.join(", ")} } = inputs;\n`;
  return `((gb, inputs) => {\n${bind}${cell.setup ?? ""}\nreturn () => (${cell.run});\n})`;
}

type CellFactory = (library: typeof gb, inputs: Record<string, gb.Tensor>) => () => unknown;

/** What `cellWorkload` needs: a workload whose gradbook side is a cell. */
export type CellWorkloadSpec = Omit<Workload<() => unknown>, "setup" | "gradbook"> & {
  readonly cell: CellCode;
};

/** A workload whose plain-Node side runs `spec.cell` compiled here (see the file comment). */
export function cellWorkload(spec: CellWorkloadSpec): Workload<() => unknown> {
  const names = Object.keys(spec.inputs);
  const factory = new Function(`return ${cellFactorySource(names, spec.cell)};`)() as CellFactory;
  return {
    ...spec,
    setup: (inputs: Readonly<Record<string, BenchInput>>) =>
      factory(
        gb,
        Object.fromEntries(
          names.map((name) => [name, gb.tensor(inputs[name].data, inputs[name].shape)]),
        ),
      ),
    gradbook: (run) => run(),
  };
}
