/**
 * glibc's malloc settings for the Node processes that compute with gradbook's tensors: every
 * kernel gradbook starts (kernel-process.ts: `gradbook run`, the grader), JupyterLab's kernel
 * (the kernelspec `npm run setup` registers) and the project's own Node runs of the library
 * (the benchmark, the tests). They are read by the dynamic loader when a process starts, so
 * they travel in the environment (GLIBC_TUNABLES); other C libraries ignore them.
 *
 * Why: a tensor op's result is a fresh Float64Array, which Node takes from malloc, and these
 * machines pay ~10 µs per page the first time a page is touched. With glibc's defaults every
 * large result is fresh memory: blocks above 128 KiB to 32 MiB come from mmap, and the heap is
 * trimmed back to the system as soon as 16 MiB at its top are free — which is what happens when
 * V8's garbage collector frees a batch of dead results at once. Measured, process CPU time:
 *
 *   op (plain Node)                        default   these settings   numpy
 *   gb.mul(x, 0.5), x of 1e6 values        12.5 ms   1.6 ms           0.3–0.6 ms
 *   gb.addBias(X), X of [100000, 100]       298 ms    38 ms            22 ms
 *
 * - `hugetlb=1`: malloc marks the memory it maps (heap and large blocks) for transparent huge
 *   pages, as numpy does for every array of 4 MiB or more: 2 MiB pages, 512 times fewer faults.
 * - `mmap_threshold=32 MiB`: results up to 32 MiB (4M float64) come from the heap and reuse
 *   memory the collector freed, instead of a fresh mapping each time.
 * - `trim_threshold=512 MiB`: free memory at the top of the heap goes back to the system only
 *   beyond 512 MiB, so the results of the next cell find it mapped; above that, a kernel that
 *   held a large intermediate result once does not keep it for life.
 */
export const MALLOC_TUNABLES: Readonly<Record<string, string>> = {
  "glibc.malloc.hugetlb": "1",
  "glibc.malloc.mmap_threshold": String(32 * 1024 ** 2),
  "glibc.malloc.trim_threshold": String(512 * 1024 ** 2),
};

/**
 * `current` (a GLIBC_TUNABLES value, `name=value` pairs joined by `:`) with MALLOC_TUNABLES
 * added; a setting already present keeps its value, so a user's own choice wins.
 */
export function mallocTunables(current = ""): string {
  const settings = current.split(":").filter((entry) => entry.includes("="));
  const named = new Set(settings.map((entry) => entry.slice(0, entry.indexOf("="))));
  for (const [name, value] of Object.entries(MALLOC_TUNABLES)) {
    if (!named.has(name)) settings.push(`${name}=${value}`);
  }
  return settings.join(":");
}

/** `env` with GLIBC_TUNABLES completed by `mallocTunables` (a new object; `env` is unchanged). */
export function withMallocTunables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, GLIBC_TUNABLES: mallocTunables(env.GLIBC_TUNABLES) };
}
