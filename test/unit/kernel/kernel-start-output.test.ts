import { describe, expect, test } from "vitest";
import { serverStartFailed } from "../../../src/kernel/kernel-connection";

// What tslab printed in real failures (stack frames shortened).
const BUSY_IOPUB = [
  "UnhandledPromiseRejection: Error: Socket is blocked by a bind or unbind operation",
  "    at ZmqMessage.signAndSend (/x/node_modules/tslab/dist/jupyter.js:143:14)",
  "    at ZmqServer.publishStatus (/x/node_modules/tslab/dist/jupyter.js:339:15)",
  "    at ZmqServer.handleShellMessage (/x/node_modules/tslab/dist/jupyter.js:344:14) {",
  "  errno: 16,",
  "  code: 'EBUSY'",
  "}",
].join("\n");
const PENDING_TIMER = [
  "UncaughtException: Error: Unexpected pending rebuildTimer",
  "    at sys.setTimeout (/x/node_modules/tslab/dist/converter.js:111:19)",
].join("\n");
const NO_ADDON = [
  "UnhandledPromiseRejection: Error: No compatible zeromq.js addon found",
  "    at $ (/x/node_modules/cmake-ts/build/loader.js:4:114)",
].join("\n");
const NO_CONFIG = [
  "UnhandledPromiseRejection: Error: ENOENT: no such file or directory, open '/k.json'",
  "    at Object.readFileSync (node:fs:448:20)",
  "    at ZmqServer.init (/x/node_modules/tslab/dist/jupyter.js:442:47)",
].join("\n");
const PORT_TAKEN = [
  "UnhandledPromiseRejection: Error: Address already in use",
  "    at ZmqServer.bindSocket (/x/node_modules/tslab/dist/jupyter.js:430:9) {",
  "  code: 'EADDRINUSE'",
  "}",
].join("\n");

describe("serverStartFailed (tslab's start-up output)", () => {
  test("errors of the server's own start are fatal", () => {
    for (const output of [NO_ADDON, NO_CONFIG, PORT_TAKEN]) {
      expect(serverStartFailed(output)).toBe(true);
    }
  });

  test("errors a kernel survives are not: a busy socket, a compiler timer, plain output", () => {
    expect(serverStartFailed(BUSY_IOPUB)).toBe(false);
    expect(serverStartFailed(PENDING_TIMER)).toBe(false);
    expect(serverStartFailed("zeromq.js addon loaded\n")).toBe(false);
    expect(serverStartFailed("")).toBe(false);
  });

  test("a fatal error after harmless ones is still found", () => {
    expect(serverStartFailed(`${BUSY_IOPUB}\n${PENDING_TIMER}\n${PORT_TAKEN}`)).toBe(true);
  });
});
