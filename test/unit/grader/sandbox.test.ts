import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { gradeBatch } from "../../../src/grader/grade";
import {
  claimKernelUser,
  kernelUsersEnabled,
  uidLockFolder,
} from "../../../src/grader/sandbox/kernel-users";
import {
  ALLOWED_MODULES,
  readablePaths,
  sandboxedKernel,
} from "../../../src/grader/sandbox/sandboxed-kernel";
import { createWorkFolder, createWorkRoot } from "../../../src/grader/sandbox/work-root";
import { networkNamespaceSupport } from "../../../src/kernel/network-namespace";

const ROOT = path.resolve(__dirname, "../../..");
const root = createWorkRoot();

afterAll(() => root.dispose());

function symlinksUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      return [full];
    }
    return entry.isDirectory() ? symlinksUnder(full) : [];
  });
}

describe("a batch's folder", () => {
  test("holds a copy of the kernel's packages without a single symbolic link", () => {
    const modules = root.runtime.modules;
    expect(modules).toBe(path.join(root.dir, "node_modules"));
    for (const name of [
      "tslab",
      "@tslab/typescript-for-tslab",
      "zeromq",
      "ses",
      "seedrandom",
      "commander",
    ]) {
      expect(fs.existsSync(path.join(modules, name, "package.json"))).toBe(true);
    }
    expect(fs.readdirSync(path.join(modules, "@types"))).toEqual(["node"]);
    expect(fs.existsSync(path.join(modules, "rollup"))).toBe(false);
    expect(fs.readdirSync(path.join(modules, "gradbook")).sort()).toEqual(["dist", "package.json"]);
    expect(fs.existsSync(root.runtime.guard)).toBe(true);
    expect(fs.existsSync(root.runtime.preload)).toBe(true);
    expect(fs.existsSync(root.runtime.tslab)).toBe(true);
    expect(symlinksUnder(root.dir)).toEqual([]);
  });

  test("a working folder holds only the assignment's files", () => {
    const included = path.join(os.tmpdir(), `gradbook-test-data-${process.pid}.csv`);
    fs.writeFileSync(included, "x,y\n1,2\n");
    try {
      const folder = createWorkFolder(root, "alice/../x", [included]);
      expect(path.dirname(folder)).toBe(root.dir);
      expect(path.basename(folder)).toBe("work-alice_.._x");
      expect(fs.readdirSync(folder)).toEqual([path.basename(included)]);
    } finally {
      fs.rmSync(included);
    }
  });

  test("a kernel may read its folder and the package copy only (and its connection folder)", () => {
    const folder = createWorkFolder(root, "w2");
    expect(readablePaths(root, folder)).toEqual([
      folder,
      root.runtime.modules,
      "/etc/alpine-release",
    ]);
  });

  test("kernel options: permission model, no writes or processes, guard preloaded, clean env", () => {
    const folder = createWorkFolder(root, "w3");
    const options = sandboxedKernel(root, folder, { memoryBytes: 512 * 1024 ** 2, uid: 64123 });
    const args = options.nodeArgs ?? [];
    expect(options.permissions).toEqual({ readablePaths: readablePaths(root, folder) });
    expect(options.transport).toBe("ipc");
    expect(options.isolateNetwork).toBe(networkNamespaceSupport().supported);
    expect(args.some((arg) => /^--allow-/.test(arg))).toBe(false);
    expect(args).toContain("--max-old-space-size=512");
    expect(args.slice(-2)).toEqual(["--require", root.runtime.guard]);
    // The preload (tslab's timer fix) goes before the guard, from the package copy.
    expect(options.preload).toBe(root.runtime.preload);
    expect(Object.keys(options.env ?? {}).sort()).toEqual([
      "GRADBOOK_KERNEL_GUARD",
      "HOME",
      "LANG",
      "PATH",
    ]);
    expect(JSON.parse(options.env?.GRADBOOK_KERNEL_GUARD ?? "")).toEqual({
      allowedModules: [...ALLOWED_MODULES],
      preload: [...ALLOWED_MODULES],
    });
    expect(options).toMatchObject({
      cwd: folder,
      uid: 64123,
      memoryCapBytes: 512 * 1024 ** 2,
      tslabPath: root.runtime.tslab,
    });
  });
});

describe("kernel users", () => {
  test("uid locks live in one folder for the machine, whatever TMPDIR says", () => {
    const before = uidLockFolder();
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-other-tmp-"));
    try {
      expect(uidLockFolder()).toBe(before);
    } finally {
      fs.rmSync(process.env.TMPDIR, { recursive: true, force: true });
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  test("as root each claim gets its own user id, held until released", () => {
    const first = claimKernelUser();
    const second = claimKernelUser();
    try {
      if (!kernelUsersEnabled()) {
        expect(first).toBeUndefined();
        return;
      }
      expect(first?.uid).toBeGreaterThanOrEqual(64_000);
      expect(second?.uid).not.toBe(first?.uid);
      const lock = path.join(uidLockFolder(), `${first?.uid}.lock`);
      expect(fs.readFileSync(lock, "utf8")).toBe(String(process.pid));
      first?.release();
      expect(fs.existsSync(lock)).toBe(false);
    } finally {
      first?.release();
      second?.release();
    }
  });
});

describe("grading inputs", () => {
  test("two submissions with one name, or a bad source, stop the batch before any kernel", async () => {
    const source = path.join(ROOT, "test/fixtures/grader/linear-model.source.ipynb");
    const a = path.join(root.dir, "x", "alice.ipynb");
    const b = path.join(root.dir, "y", "alice.ipynb");
    for (const file of [a, b]) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, "{}");
    }
    await expect(gradeBatch({ source, submissions: [a, b], outDir: root.dir })).rejects.toThrow(
      `submissions must have distinct file names: ${a} and ${b}`,
    );
    const broken = path.join(root.dir, "broken.ipynb");
    fs.writeFileSync(
      broken,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          {
            cell_type: "code",
            source: "x",
            metadata: { nbgrader: { grade_id: "t", grade: true } },
            outputs: [],
          },
        ],
      }),
    );
    await expect(
      gradeBatch({ source: broken, submissions: [a], outDir: root.dir }),
    ).rejects.toThrow(/cell 0 \(grade_id "t"\) is graded but has no points/);
  });
});
