import { describe, expect, test } from "vitest";
import { endWhenServerFails } from "../../../src/preload/server-start";

// A stand-in for tslab 1.0's ZmqServer (dist/jupyter.js), whose init binds the sockets.
function fakeServer(failure?: Error) {
  class ZmqServer {
    init(): Promise<void> {
      return failure === undefined ? Promise.resolve() : Promise.reject(failure);
    }
  }
  return ZmqServer;
}

const nextTurn = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

describe("endWhenServerFails (a tslab kernel whose sockets cannot bind)", () => {
  test("a failed init still rejects for tslab to print, then the process ends with status 1", async () => {
    const taken = new Error("Address already in use");
    const exits: number[] = [];
    const ZmqServer = fakeServer(taken);
    expect(endWhenServerFails(ZmqServer, (code) => exits.push(code))).toBe(true);
    await expect(new ZmqServer().init()).rejects.toBe(taken);
    expect(exits).toEqual([]);
    await nextTurn();
    expect(exits).toEqual([1]);
  });

  test("a server that starts is left running; installing twice changes nothing", async () => {
    const exits: number[] = [];
    const ZmqServer = fakeServer();
    endWhenServerFails(ZmqServer, (code) => exits.push(code));
    expect(endWhenServerFails(ZmqServer, (code) => exits.push(code))).toBe(false);
    await expect(new ZmqServer().init()).resolves.toBeUndefined();
    await nextTurn();
    expect(exits).toEqual([]);
  });
});
