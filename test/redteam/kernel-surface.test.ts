// What a cell can reach in a real grading kernel (issue #20): `process`, the global object and
// their prototype chains hold exactly what src/preload/allow-list.ts lists — so that the next
// Node cannot reopen anything silently — the objects tslab decodes messages with are frozen, a
// test's functions do not show their source, and no socket can be opened.
import * as fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { KernelClient } from "../../src/kernel/kernel-client";
import { claimKernelUser, type KernelUser } from "../../src/grader/sandbox/kernel-users";
import { sandboxedKernel } from "../../src/grader/sandbox/sandboxed-kernel";
import {
  createWorkFolder,
  createWorkRoot,
  type WorkRoot,
} from "../../src/grader/sandbox/work-root";
import {
  ECMASCRIPT_GLOBALS,
  GLOBALS_KEPT,
  KNOWN_CLOSED_GLOBALS,
  KNOWN_CLOSED_PROCESS,
  PROCESS_KEPT,
} from "../../src/preload/allow-list";
import { STANDARD_GLOBALS } from "../../src/preload/contract";
import { hiddenSource } from "../../src/preload/hide-test-source";
import { CELL_MS, KERNEL_START_MS } from "../support/patience";
import { streamText } from "../support/stream-text";

const MARKER = "gradbook test cell redteam-0123456789abcdef";

let root: WorkRoot;
let user: KernelUser | undefined;
let kernel: KernelClient;

async function run(code: string): Promise<string> {
  const result = await kernel.execute(code, { timeoutMs: CELL_MS });
  expect(result.errorText).toBe("");
  return streamText(result.outputs);
}

/** One property as the kernel describes it. */
interface Seen {
  key: string;
  own: boolean;
  kind: "data" | "accessor";
  type: string;
  writable: boolean;
  configurable: boolean;
  /** For a closed function: what calling it threw. */
  thrown?: string;
}

// Runs in the kernel: every property of `target` and its prototypes up to Object.prototype.
const DESCRIBE = `
function describeChain(target: object, closed: string[]) {
  const seen: object[] = [];
  const out: any[] = [];
  for (let holder: any = target, own = true; holder !== null && holder !== Object.prototype; holder = Object.getPrototypeOf(holder), own = false) {
    for (const key of Reflect.ownKeys(holder)) {
      const name = typeof key === "symbol" ? key.toString() : key;
      if (out.some((entry) => entry.key === name)) continue;
      const d = Object.getOwnPropertyDescriptor(holder, key)!;
      const entry: any = { key: name, own, kind: "value" in d ? "data" : "accessor",
        type: "value" in d ? typeof d.value : "accessor", writable: !!d.writable, configurable: !!d.configurable };
      if (closed.includes(name) && typeof d.value === "function") {
        try { d.value(); entry.thrown = "nothing"; } catch (e) { entry.thrown = (e as Error).message; }
      }
      out.push(entry);
    }
    seen.push(holder);
  }
  return out;
}
`;

beforeAll(async () => {
  root = createWorkRoot();
  user = claimKernelUser();
  kernel = await KernelClient.start({
    ...sandboxedKernel(root, createWorkFolder(root, "surface"), {
      memoryBytes: 2 ** 30,
      uid: user?.uid,
      testMarker: MARKER,
    }),
    startTimeoutMs: KERNEL_START_MS,
  });
  await run(DESCRIBE);
});

afterAll(async () => {
  await kernel?.shutdown();
  user?.release();
  root?.dispose();
});

describe("a grading kernel's process and global object", () => {
  test("process holds only what PROCESS_KEPT lists; every other name refuses or is undefined", async () => {
    const closed = JSON.stringify(KNOWN_CLOSED_PROCESS);
    const seen = JSON.parse(
      await run(`console.log(JSON.stringify(describeChain(process, ${closed})))`),
    ) as Seen[];
    const unknown = seen
      .map((entry) => entry.key)
      .filter((key) => !Object.hasOwn(PROCESS_KEPT, key) && !KNOWN_CLOSED_PROCESS.includes(key));
    expect(unknown, "names no list knows: decide and list them in allow-list.ts").toEqual([]);
    for (const entry of seen.filter((e) => KNOWN_CLOSED_PROCESS.includes(e.key))) {
      expect(entry, entry.key).toMatchObject({ own: true, writable: false, configurable: false });
      if (entry.kind === "data") {
        expect(entry.type).toBe("function");
        expect(entry.thrown).toBe(`process.${entry.key} is not available in a graded notebook`);
      }
    }
    const closedValues = KNOWN_CLOSED_PROCESS.map(
      (key) => `(process as any)[${JSON.stringify(key)}]`,
    );
    expect(
      await run(
        `console.log([${closedValues.join(", ")}].every((v) => v === undefined || typeof v === "function"))`,
      ),
    ).toBe("true\n");
    expect(seen.find((e) => e.key === "getBuiltinModule")?.thrown).toMatch(/not available/);
    expect(
      await run(
        'console.log(typeof (process as any).mainModule, process.stdout.constructor.name, "_handle" in process.stdout)',
      ),
    ).toBe("undefined EventEmitter false\n");
  });

  test("the global object holds JavaScript's globals and GLOBALS_KEPT only, all locked", async () => {
    const seen = JSON.parse(
      await run("console.log(JSON.stringify(describeChain(globalThis, [])))"),
    ) as Seen[];
    const kept = new Set([
      ...STANDARD_GLOBALS,
      ...ECMASCRIPT_GLOBALS,
      ...Object.keys(GLOBALS_KEPT),
    ]);
    const own = seen.filter((entry) => entry.own);
    expect(own.map((e) => e.key).filter((key) => !kept.has(key))).toEqual([]);
    expect(own.map((e) => e.key).filter((key) => KNOWN_CLOSED_GLOBALS.includes(key))).toEqual([]);
    for (const entry of own.filter((e) => e.key !== "__tslab__")) {
      expect(entry, entry.key).toMatchObject({ writable: false, configurable: false });
    }
    // Above the global object: one object of Node's (frozen), then Object.prototype.
    expect(seen.filter((entry) => !entry.own).map((e) => e.key)).toEqual(["constructor"]);
    expect(
      await run(
        "console.log([Object.isFrozen(Object.getPrototypeOf(globalThis)), Object.isFrozen(Object.prototype), Object.isFrozen(Object.getPrototypeOf(process)), Object.isExtensible(Object.getPrototypeOf(Object.getPrototypeOf(process)))].join())",
      ),
    ).toBe("true,true,true,false\n");
  });

  test("what tslab decodes every message with cannot be hooked", async () => {
    const out = await run(
      [
        "const before = Buffer.from('ok').toString();",
        "(Buffer.prototype as any).toString = () => 'hooked';",
        "(TextDecoder.prototype as any).decode = () => 'hooked';",
        "const ee: any = Object.getPrototypeOf(Object.getPrototypeOf(process));",
        "ee.emit = () => true;",
        "const timer: any = setTimeout(() => {}, 1);",
        "Object.getPrototypeOf(timer).refresh = () => 'hooked';",
        "console.log([before, Buffer.from('ok').toString(), new TextDecoder().decode(Buffer.from('ok')), ee.emit === process.emit && typeof ee.emit, typeof timer.refresh()].join())",
      ].join("\n"),
    );
    expect(out).toBe("ok,ok,ok,function,object\n");
  });

  test("a test's functions do not show their source, wherever student code reads it", async () => {
    await run(
      "function studentPeek(f: any): string { return [f.toString(), String(f), `${f}`, Function.prototype.toString.call(f)].join('|'); }",
    );
    const out = await run(
      `"use strict"; ${JSON.stringify(MARKER)}; { const expected = (x: number) => x * 42; function hiddenHelper() { return 41; } console.log(studentPeek(expected)); console.log(studentPeek(hiddenHelper)); }`,
    );
    const hidden = (name: string): string => Array(4).fill(hiddenSource(name)).join("|");
    expect(out).toBe(`${hidden("expected")}\n${hidden("hiddenHelper")}\n`);
    // Student code and the library still read as themselves.
    expect(
      await run("console.log(studentPeek(studentPeek).startsWith('function studentPeek(f)'))"),
    ).toBe("true\n");
  });

  test("no socket: no constructor, handle, module or global leads to one", async () => {
    const out = await run(
      [
        "const ways: [string, () => unknown][] = [",
        "  ['stdout constructor', () => new (Object.getPrototypeOf(process.stdout).constructor)().connect(1, '127.0.0.1')],",
        "  ['console stream', () => (console as any)._stdout._handle.constructor],",
        "  ['stderr handle', () => (process.stderr as any)._handle.constructor],",
        "  ['require', () => require('net')],",
        "  ['fetch', () => (globalThis as any).fetch('http://127.0.0.1:1/')],",
        "  ['binding', () => (process as any).binding('tcp_wrap')],",
        "  ['builtin', () => (process as any).getBuiltinModule('dgram')],",
        "];",
        "console.log(ways.map(([what, way]) => { try { way(); return `${what}: reached`; } catch { return `${what}: no`; } }).join(', '))",
      ].join("\n"),
    );
    expect(out).not.toContain("reached");
  });
});

describe("kernels cannot reach each other", () => {
  test.runIf(process.getuid?.() === 0)(
    "a kernel's sockets sit in a folder only its own user may enter",
    () => {
      const cmdline = fs.readFileSync(`/proc/${kernel.pid}/cmdline`, "utf8").split("\0");
      const connectionFile = cmdline[cmdline.indexOf("--config-path") + 1];
      const info = JSON.parse(fs.readFileSync(connectionFile, "utf8")) as {
        transport: string;
        ip: string;
      };
      expect(info.transport).toBe("ipc");
      const folder = fs.statSync(connectionFile.replace(/\/[^/]+$/, ""));
      expect(folder.mode & 0o777).toBe(0o700);
      expect(folder.uid).toBe(user?.uid ?? 0);
    },
  );
});
