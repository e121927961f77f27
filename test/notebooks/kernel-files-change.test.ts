// A tslab kernel keeps working when files change around it (src/preload/watch-timers.ts). Without
// the preload, a folder appearing and vanishing next to an idle kernel left tslab's only timer
// slot taken, and every later cell failed with "Unexpected pending rebuildTimer".
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { KernelClient } from "../../src/kernel/kernel-client";
import { KERNEL_START_MS, REACTION_MS } from "../support/patience";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a tslab kernel while files change around it", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-watch-"));
  let kernel: KernelClient;

  beforeAll(async () => {
    kernel = await KernelClient.start({ cwd: folder, startTimeoutMs: KERNEL_START_MS });
  });

  afterAll(async () => {
    await kernel?.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test("cells run after a node_modules folder appears and vanishes between them", async () => {
    // A module that is not installed: TypeScript now watches where it would appear.
    const missing = await kernel.execute('import { extra } from "extra-module";');
    expect(missing.errorText).toContain("Cannot find module 'extra-module'");
    expect((await kernel.execute("const base: number = 40;")).status).toBe("ok");
    const modules = path.join(folder, "node_modules");
    for (let round = 0; round < 3; round++) {
      fs.mkdirSync(path.join(modules, "other"), { recursive: true });
      fs.writeFileSync(path.join(modules, "other", "index.d.ts"), "export {};\n");
      // Idle time is the scenario, not a wait for a result: longer than TypeScript's 250 ms
      // debounce, so its timers fire while the kernel is idle. A machine too busy for them to
      // fire in time makes this round weaker, never wrong.
      await pause(600);
      fs.rmSync(modules, { recursive: true });
      await pause(600);
      const result = await kernel.execute(`base + ${round}`);
      expect(result.errorText).toBe("");
      expect(result.status).toBe("ok");
    }
  });

  test("a package installed while the kernel runs can be imported without a restart", async () => {
    const extra = path.join(folder, "node_modules", "extra-module");
    fs.mkdirSync(extra, { recursive: true });
    fs.writeFileSync(path.join(extra, "index.js"), "exports.extra = 2;\n");
    fs.writeFileSync(path.join(extra, "index.d.ts"), "export declare const extra: number;\n");
    // TypeScript learns of the package from its file watcher, 250 ms after the change on an idle
    // machine and later on a busy one: ask as a user would, again until it imports.
    const result = await vi.waitFor(
      async () => {
        const attempt = await kernel.execute('import { extra } from "extra-module";\nbase + extra');
        if (attempt.status !== "ok") throw new Error(attempt.errorText);
        return attempt;
      },
      { timeout: REACTION_MS, interval: 500 },
    );
    expect(result.errorText).toBe("");
    expect(result.outputs).toEqual([
      {
        output_type: "execute_result",
        execution_count: expect.any(Number),
        data: { "text/plain": "42" },
        metadata: {},
      },
    ]);
  });
});
