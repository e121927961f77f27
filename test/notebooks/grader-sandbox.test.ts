// What holds in a grading kernel, layer by layer, against a real tslab kernel: Node's
// permission model alone (the kernel guard taken out, so cells can reach `fs` and friends),
// then the full sandbox with the guard, then the separate user id when the tests run as root.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { KernelClient } from "../../src/kernel/kernel-client";
import { claimKernelUser, type KernelUser } from "../../src/grader/sandbox/kernel-users";
import { sandboxedKernel } from "../../src/grader/sandbox/sandboxed-kernel";
import {
  createWorkFolder,
  createWorkRoot,
  type WorkRoot,
} from "../../src/grader/sandbox/work-root";
import { CELL_MS, KERNEL_START_MS } from "../support/patience";
import { shownText } from "../support/stream-text";

const SECRETS = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-secrets-"));
const SOURCE = path.join(SECRETS, "source.ipynb");
const REPO_NOTEBOOK = path.resolve(__dirname, "../fixtures/grader/linear-model.source.ipynb");

let root: WorkRoot;
let user: KernelUser | undefined;
let bare: KernelClient;
let guarded: KernelClient;

beforeAll(async () => {
  fs.writeFileSync(SOURCE, '{"cells": ["// BEGIN HIDDEN TESTS"]}');
  root = createWorkRoot();
  createWorkFolder(root, "other-submission");
  user = claimKernelUser();
  const bareOptions = {
    ...sandboxedKernel(root, createWorkFolder(root, "bare"), { memoryBytes: 2 ** 30 }),
    startTimeoutMs: KERNEL_START_MS,
  };
  const withoutGuard = (bareOptions.nodeArgs ?? []).filter(
    (arg, i, all) => arg !== "--require" && all[i - 1] !== "--require",
  );
  [bare, guarded] = await Promise.all([
    KernelClient.start({ ...bareOptions, nodeArgs: withoutGuard }),
    KernelClient.start({
      ...sandboxedKernel(root, createWorkFolder(root, "guarded"), {
        memoryBytes: 2 ** 30,
        uid: user?.uid,
      }),
      startTimeoutMs: KERNEL_START_MS,
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([bare?.shutdown(), guarded?.shutdown()]);
  user?.release();
  root?.dispose();
  fs.rmSync(SECRETS, { recursive: true, force: true });
});

describe("Node's permission model alone (no guard)", () => {
  const denied = async (code: string): Promise<string> => {
    const result = await bare.execute(code, { timeoutMs: CELL_MS });
    expect(result.status).toBe("error");
    return result.errorText;
  };

  test("reading the source notebook, the repository or another submission is denied", async () => {
    expect(await denied(`require("fs").readFileSync(${JSON.stringify(SOURCE)}, "utf8")`)).toContain(
      "ERR_ACCESS_DENIED",
    );
    expect(
      await denied(`require("fs").readFileSync(${JSON.stringify(REPO_NOTEBOOK)}, "utf8")`),
    ).toContain("ERR_ACCESS_DENIED");
    expect(await denied('require("fs").readdirSync("../work-other-submission")')).toContain(
      "ERR_ACCESS_DENIED",
    );
  });

  test("no symbolic link leads out: '..' through the package copy stops at its edge", async () => {
    const inside = await bare.execute(
      'require("fs").readdirSync("../node_modules/tslab/..").includes("tslab")',
    );
    expect(shownText(inside.outputs)).toBe("true\n");
    expect(await denied('require("fs").readdirSync("../node_modules/tslab/../..")')).toContain(
      "ERR_ACCESS_DENIED",
    );
  });

  test("writing files, spawning processes and starting workers are denied", async () => {
    expect(await denied('require("fs").writeFileSync("x.txt", "x")')).toContain(
      "ERR_ACCESS_DENIED",
    );
    expect(await denied('require("child_process").spawn("sleep", ["100"])')).toContain(
      "ERR_ACCESS_DENIED",
    );
    expect(await denied('new (require("worker_threads").Worker)("0", { eval: true })')).toContain(
      "ERR_ACCESS_DENIED",
    );
    expect(await denied('(process as any).binding("fs")')).toContain("ERR_ACCESS_DENIED");
  });
});

describe("the full sandbox (permission model and kernel guard)", () => {
  const run = async (code: string): Promise<{ status: string; out: string; error: string }> => {
    const result = await guarded.execute(code, { timeoutMs: CELL_MS });
    return { status: result.status, out: shownText(result.outputs), error: result.errorText };
  };

  // The protocol fixes patch tslab before the guard freezes it: they must be in place here too.
  test("tslab follows the messaging protocol: a value is an execute_result, a failure an error", async () => {
    const value = await guarded.execute('import { tensor } from "gradbook"; tensor([1, 2]).shape.length');
    expect(value.outputs).toEqual([
      { output_type: "execute_result", execution_count: value.executionCount, data: { "text/plain": "1" }, metadata: {} },
    ]);
    const failed = await guarded.execute('import { zeros } from "gradbook"; zeros([2, 3]).matmul(zeros([2, 3]))');
    expect(failed.status).toBe("error");
    expect(failed.stderr).toBe("");
    expect(failed.outputs).toEqual([
      { output_type: "error", ename: "ShapeError", evalue: expect.stringMatching(/^matmul: \[2, 3\] @ \[2, 3\]/), traceback: failed.errorText.split("\n") },
    ]);
    // Frames are indented by two spaces in a guarded kernel, by four in a plain one.
    expect(failed.errorText).toMatch(/^ShapeError: matmul: [^\n]+\n +at /);
    const next = await guarded.execute("6 * 7");
    expect(shownText(next.outputs)).toBe("42\n");
  }); // prettier-ignore

  test("only the assignment's modules can be imported", async () => {
    for (const name of [
      "fs",
      "node:child_process",
      "vm",
      "module",
      "inspector",
      "../node_modules/tslab/dist/jupyter",
    ]) {
      const result = await run(`require(${JSON.stringify(name)})`);
      expect(result.status).toBe("error");
      expect(result.error).toContain(`cannot import "${name}" in a graded notebook`);
    }
    expect((await run('import { tensor } from "gradbook"; tensor([1, 2]).shape')).out).toBe(
      "[ 2 ]\n",
    );
  });

  test("intrinsics are frozen and their global names locked", async () => {
    const result = await run(
      [
        "Math.abs = () => 0;",
        "(Array.prototype as any).every = () => true;",
        "(globalThis as any).Math = { abs: () => 0 };",
        "(globalThis as any).JSON = null;",
        "[Math.abs(-2), [1, 2].every((x) => x > 5), typeof JSON, Object.isFrozen(Object.prototype)]",
      ].join("\n"),
    );
    expect(result.out).toBe("[ 2, false, 'object', true ]\n");
    expect((await run('Object.defineProperty(Math, "sqrt", { value: () => 1 })')).error).toContain(
      "TypeError: Cannot redefine property: sqrt",
    );
    // Indirect eval: a `let` stays inside the eval, a `var` of a locked name is a no-op, and a
    // function declaration over one is refused; the globals the next cell sees are unchanged.
    expect(
      (await run('(0, eval)("let JSON = null; var Math = null; [JSON, typeof Math]")')).out,
    ).toBe("[ null, 'object' ]\n");
    expect((await run('(0, eval)("function JSON() {}")')).error).toContain("TypeError");
    expect(
      (await run("[typeof Math.random(), typeof Date.now(), typeof JSON.stringify]")).out,
    ).toBe("[ 'number', 'number', 'function' ]\n");
  });

  test("the library and tslab's bindings cannot be replaced", async () => {
    const result = await run(
      [
        'import * as gb from "gradbook";',
        "(gb.Tensor.prototype as any).item = () => 42;",
        "(gb as any).tensor = () => null;",
        "(globalThis as any).__tslab__ = { exports: {}, require: () => ({}) };",
        "[gb.tensor([7]).item(), Object.isFrozen(gb.Tensor.prototype), typeof (globalThis as any).__tslab__.require]",
      ].join("\n"),
    );
    expect(result.out).toBe("[ 7, true, 'function' ]\n");
  });

  test("no way back to the process: main module, native addons, signals, the guard's settings", async () => {
    const result = await run(
      [
        "const outcomes: string[] = [typeof (process as any).mainModule, String(process.env.GRADBOOK_KERNEL_GUARD)];",
        "for (const attempt of [() => process.kill(process.ppid, 'SIGTERM'), () => (process as any).dlopen({}, 'x.node')]) {",
        "  try { attempt(); outcomes.push('allowed'); } catch (e) { outcomes.push((e as Error).message); }",
        "}",
        "outcomes",
      ].join("\n"),
    );
    expect(result.out).toBe(
      "[\n  'undefined',\n  'undefined',\n" +
        '  "process.kill can only signal the notebook\'s own kernel while grading",\n' +
        "  'process.dlopen is not available in a graded notebook'\n]\n",
    );
  });

  test("a strict caller cannot be read by the function it calls", async () => {
    await run("function peek() { return String((peek as any).caller); }");
    expect((await run('"use strict"; peek()')).out).toBe("null\n");
  });

  test("as root the kernel runs as a user of its own", async () => {
    const result = await run("process.getuid()");
    expect(result.out).toBe(`${user?.uid ?? process.getuid?.()}\n`);
  });
});
