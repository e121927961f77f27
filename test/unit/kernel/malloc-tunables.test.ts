import { describe, expect, it } from "vitest";
import {
  MALLOC_TUNABLES,
  mallocTunables,
  withMallocTunables,
} from "../../../src/kernel/malloc-tunables";

describe("malloc tunables for tensor kernels", () => {
  it("lists every setting when the environment has none", () => {
    const settings = mallocTunables().split(":");
    expect(settings).toEqual(Object.entries(MALLOC_TUNABLES).map(([k, v]) => `${k}=${v}`));
  });

  it("keeps a user's own value and other tunables", () => {
    const value = mallocTunables("glibc.malloc.mmap_threshold=4096:glibc.pthread.rseq=0");
    expect(value.split(":")).toContain("glibc.malloc.mmap_threshold=4096");
    expect(value.split(":")).toContain("glibc.pthread.rseq=0");
    expect(value.match(/mmap_threshold/g)).toHaveLength(1);
    expect(value).toContain("glibc.malloc.trim_threshold=");
  });

  it("returns a new environment and leaves the given one alone", () => {
    const env = { PATH: "/bin" };
    const next = withMallocTunables(env);
    expect(next.PATH).toBe("/bin");
    expect(next.GLIBC_TUNABLES).toBe(mallocTunables());
    expect(env).toEqual({ PATH: "/bin" });
  });
});
