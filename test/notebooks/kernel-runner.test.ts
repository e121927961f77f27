// The kernel client against a real tslab kernel. One kernel serves the whole file (restarted
// where a test kills it) because a cold start costs seconds; the tests run in order.
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { KernelClient } from "../../src/kernel/kernel-client";
import { KernelStartError } from "../../src/kernel/kernel-connection";
import { KernelProcess } from "../../src/kernel/kernel-process";
import { DisplayRegistry } from "../../src/kernel/output-collector";
import { listProcesses } from "../../src/kernel/process-tree";
import type { Output } from "../../src/notebook";
import { CELL_MS, KERNEL_START_MS } from "../support/patience";
import { streamText } from "../support/stream-text";

const MiB = 1024 ** 2;

// The text/plain of a cell's execute_result (the value of its last expression).
function resultOf(outputs: Output[]): string | undefined {
  const result = outputs.find((output) => output.output_type === "execute_result");
  return result?.output_type === "execute_result" ? String(result.data["text/plain"]) : undefined;
}

function liveProcesses(pids: number[], group: number): number[] {
  return listProcesses()
    .filter(
      (info) =>
        info.state !== "Z" &&
        (pids.includes(info.pid) || info.pgrp === group || info.session === group),
    )
    .map((info) => info.pid);
}

describe("KernelClient with a tslab kernel", () => {
  let kernel: KernelClient;

  beforeAll(async () => {
    kernel = await KernelClient.start({
      cwd: __dirname,
      startTimeoutMs: KERNEL_START_MS,
      maxOutputChars: 10_000,
      memoryCapBytes: 700 * MiB,
      interruptGraceMs: 1_000,
    });
  });

  afterAll(async () => {
    await kernel?.shutdown();
  });

  test("runs cells, captures stdout and keeps names between cells", async () => {
    const first = await kernel.execute(
      'const answer: number = 6 * 7;\nconsole.log("answer", answer);',
    );
    expect(first).toMatchObject({ status: "ok", errorText: "", truncated: false });
    expect(first.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "answer 42\n" }]);
    const second = await kernel.execute("answer + 1");
    expect(second.status).toBe("ok");
    expect(resultOf(second.outputs)).toBe("43");
    expect(streamText(second.outputs)).toBe("");
    expect(second.executionCount).toBe((first.executionCount ?? 0) + 1);
  });

  test("captures display_data and applies display updates across cells", async () => {
    const displays = new DisplayRegistry();
    const shown = await kernel.execute(
      'import { display, newDisplay } from "tslab";\ndisplay.html("<b>bold</b>");\nconst bar = newDisplay();\nbar.text("0%");',
      { displays },
    );
    expect(shown.status).toBe("ok");
    expect(shown.outputs).toEqual([
      { output_type: "display_data", data: { "text/html": "<b>bold</b>" }, metadata: {} },
      { output_type: "display_data", data: { "text/plain": "0%" }, metadata: {} },
    ]);
    const updated = await kernel.execute('bar.text("100%");', { displays });
    expect(updated.outputs).toEqual([]);
    expect(shown.outputs[1]).toMatchObject({ data: { "text/plain": "100%" } });
  });

  test("a failing cell reports error status and its message; the next cell still runs", async () => {
    const failed = await kernel.execute(
      'const total = answer + 1;\nthrow new Error("boom-" + total);',
    );
    expect(failed.status).toBe("error");
    expect(failed.errorText).toMatch(/^Error: boom-43\n {4}at evalmachine/);
    expect(failed.errorText).not.toMatch(/tslab\/dist|node:vm|dist\/preload/);
    expect(failed.outputs).toEqual([
      {
        output_type: "error",
        ename: "Error",
        evalue: "boom-43",
        traceback: failed.errorText.split("\n"),
      },
    ]);
    expect(failed.stderr).toBe("");
    expect(failed.executionCount).toEqual(expect.any(Number));
    // Sent right after the failure: tslab itself aborted requests for 200 ms after an error
    // (yunabe/tslab#19); the kernel now runs every request that arrives after one.
    const next = await kernel.execute('console.log("still here", answer)');
    expect(next.status).toBe("ok");
    expect(streamText(next.outputs)).toBe("still here 42\n");
  });

  test("a TypeScript type error is reported as the cell's error", async () => {
    const result = await kernel.execute('const wrong: number = "text";');
    expect(result.status).toBe("error");
    expect(result.errorText).toBe("1:7 - Type 'string' is not assignable to type 'number'.");
    expect(result.outputs).toMatchObject([{ output_type: "error", ename: "TSError" }]);
  });

  test("a timeout interrupts an endless loop and the kernel stays usable", async () => {
    // Longer than tslab takes to compile the loop on a loaded machine: an interrupt that arrives
    // while a cell compiles is lost (tslab listens for it only while the cell runs).
    const result = await kernel.execute("while (true) {}", { timeoutMs: 5_000 });
    expect(result.status).toBe("timeout");
    expect(result.errorText).toMatch(
      /^timed out after 5\.0 s and was interrupted\nError \[ERR_SCRIPT_EXECUTION_INTERRUPTED\]: Script execution was interrupted by `SIGINT`$/,
    );
    // Stopped by the interrupt, not killed after the grace period.
    expect(result.exit).toBeUndefined();
    expect(kernel.alive).toBe(true);
    const after = await kernel.execute("answer * 2");
    expect(resultOf(after.outputs)).toBe("84");
  });

  // 3000 lines: beyond zeromq's default high-water mark, which lost the error (src/preload/tslab-fixes.ts).
  test("an output flood is truncated with a marker, and the error after it survives", async () => {
    const result = await kernel.execute(
      'for (let i = 0; i < 3000; i++) console.log(String(i).padStart(999, "."));\nthrow new Error("after the flood");',
      { timeoutMs: CELL_MS },
    );
    expect(result.status).toBe("error");
    expect(result.truncated).toBe(true);
    expect(result.errorText).toContain("Error: after the flood");
    const stored = result.outputs.map((output) =>
      output.output_type === "stream" ? String(output.text) : "",
    );
    expect(stored.join("").length).toBeLessThan(10_000 + 200);
    expect(stored.at(-1)).toMatch(
      /\[gradbook: output truncated: \d+ more characters were not kept \(limit 10000 per cell\)\]/,
    );
  });

  test("process.exit() in a cell is detected as kernel death; restart gives a fresh kernel", async () => {
    const oldPid = kernel.pid;
    const result = await kernel.execute("process.exit(7)");
    expect(result.status).toBe("died");
    expect(result.exit).toMatchObject({
      reason: "exited",
      code: 7,
      description: "kernel died: exit code 7",
    });
    expect(result.errorText).toBe("kernel died: exit code 7");
    expect(kernel.alive).toBe(false);
    expect((await kernel.execute("1 + 1")).status).toBe("died");
    await kernel.restart();
    expect(kernel.pid).not.toBe(oldPid);
    const fresh = await kernel.execute("1 + 1");
    expect(fresh).toMatchObject({ status: "ok", executionCount: 1 });
    expect(resultOf(fresh.outputs)).toBe("2");
  });

  test("a cell the interrupt cannot stop is killed after the grace period", async () => {
    const result = await kernel.execute('require("child_process").execSync("sleep 30");', {
      timeoutMs: 1_000,
    });
    expect(result.status).toBe("timeout");
    expect(result.exit).toMatchObject({ reason: "killed", signal: "SIGKILL" });
    expect(result.errorText).toBe(
      "timed out after 1.0 s and was interrupted\nkernel killed: the cell was still running 1.0 s after an interrupt",
    );
    expect(kernel.alive).toBe(false);
    await kernel.restart();
  });

  test("a kernel above the memory cap is killed and the reason says so", async () => {
    // 763 MiB of array alone: above the cap whatever the kernel itself takes.
    const result = await kernel.execute(
      "const big = new Float64Array(100e6);\nbig.fill(1);\nconst end = Date.now() + 15000;\nwhile (Date.now() < end) {}",
      { timeoutMs: CELL_MS },
    );
    expect(result.status).toBe("died");
    expect(result.exit?.reason).toBe("memory");
    expect(result.errorText).toMatch(/^kernel killed: memory \d+ MiB above the cap of 700 MiB$/);
    expect(kernel.peakMemoryBytes).toBeGreaterThan(700 * MiB);
    await kernel.restart();
  });

  test("shutdown leaves no process of the kernel's tree, even children that left its group", async () => {
    const spawned = await kernel.execute(
      'const cp = require("child_process");\n' +
        'const inGroup = cp.spawn("sleep", ["300"], { stdio: "ignore" });\n' +
        'const ownSession = cp.spawn("sleep", ["301"], { stdio: "ignore", detached: true });\n' +
        "console.log(JSON.stringify([inGroup.pid, ownSession.pid]));",
    );
    expect(spawned.status).toBe("ok");
    const children = JSON.parse(streamText(spawned.outputs)) as number[];
    const group = kernel.pid;
    expect(liveProcesses(children, group).sort()).toEqual([group, ...children].sort());
    const exit = await kernel.shutdown();
    expect(exit).toMatchObject({ reason: "killed", description: "kernel shut down" });
    // Zombies (killed, not yet reaped by init) hold no resources and are excluded.
    expect(liveProcesses(children, group)).toEqual([]);
  });
});

describe("KernelClient start failures", () => {
  test("a missing folder is a KernelStartError naming it", async () => {
    await expect(KernelClient.start({ cwd: "/nonexistent/gradbook" })).rejects.toThrow(
      new KernelStartError("kernel folder /nonexistent/gradbook does not exist", ""),
    );
  });

  test("a kernel whose server fails to start is reported at once with its output", async () => {
    // Node's permission model without --allow-addons: tslab cannot load zeromq. "At once": the
    // failure, not the start timeout, ends the wait (that would say "did not answer within").
    const failing = KernelClient.start({
      cwd: __dirname,
      startTimeoutMs: KERNEL_START_MS,
      nodeArgs: ["--experimental-permission", "--allow-fs-read=*"],
    });
    await expect(failing).rejects.toThrow(
      /^the tslab kernel failed while starting\nkernel output:\n.*zeromq/s,
    );
  });

  test("a kernel whose shell port is taken ends, having said so, instead of running without it", async () => {
    // What a Jupyter client meets when another process takes a port it chose (nbgrader hung).
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-taken-port-"));
    const connectionFile = path.join(folder, "connection.json");
    const free = await Promise.all([0, 1, 2, 3].map(() => freePort()));
    fs.writeFileSync(connectionFile, JSON.stringify({
      transport: "tcp", ip: "127.0.0.1", key: "k", signature_scheme: "hmac-sha256",
      shell_port: port, iopub_port: free[0], stdin_port: free[1], control_port: free[2], hb_port: free[3],
    }));
    try {
      const kernel = await KernelProcess.spawn({ cwd: __dirname, connectionFile });
      const done = new AbortController();
      const limit = sleep(60_000, undefined, { signal: done.signal }).then(
        () => kernel.kill(),
        () => undefined,
      );
      const exit = await Promise.race([kernel.exited, limit]);
      done.abort();
      expect(exit).toMatchObject({ code: 1 });
      expect(kernel.output).toMatch(/Address already in use/);
    } finally {
      taken.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }); // prettier-ignore

  test("a kernel that does not answer in time is killed and reported", async () => {
    const before = new Set(listProcesses().map((info) => info.pid));
    await expect(KernelClient.start({ cwd: __dirname, startTimeoutMs: 100 })).rejects.toThrow(
      /^the tslab kernel did not answer within 0\.1 s/,
    );
    const leftovers = listProcesses().filter(
      (info) =>
        !before.has(info.pid) &&
        info.state !== "Z" &&
        info.session !== process.pid &&
        /tslab/.test(readCmdline(info.pid)),
    );
    expect(leftovers).toEqual([]);
  });
});

function readCmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

// A loopback port nothing listens on now.
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
