import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  DROPPED_LINE,
  dropUnverifiedMessages,
  isAuthentic,
} from "../../../src/preload/verify-messages";
import { createMessage, serializeMessage } from "../../../src/kernel/wire";

const KEY = "a".repeat(64);

function frames(key = KEY): Buffer[] {
  const message = createMessage("execute_request", "session", { code: "1 + 1" });
  return [Buffer.from("client-identity"), ...serializeMessage(message, key)];
}

// A stand-in for tslab 1.0's ZmqServer (dist/jupyter.js): it records what reaches it.
function fakeServer() {
  const handled: unknown[][] = [];
  class ZmqServer {
    connInfo = { key: KEY };
    handleShellMessage(_socket: unknown, ...received: unknown[]): Promise<void> {
      handled.push(received);
      return Promise.resolve();
    }
  }
  return { ZmqServer, handled };
}

describe("isAuthentic (tslab's view of a signed message)", () => {
  test("accepts a message signed with the key", () => {
    expect(isAuthentic(KEY, frames())).toBe(true);
  });

  test("refuses another key's signature, a tampered frame, missing frames or no delimiter", () => {
    expect(isAuthentic(KEY, frames("b".repeat(64)))).toBe(false);
    const tampered = frames();
    tampered[tampered.length - 1] = Buffer.from(JSON.stringify({ code: "process.exit()" }));
    expect(isAuthentic(KEY, tampered)).toBe(false);
    expect(isAuthentic(KEY, frames().slice(0, 5))).toBe(false);
    expect(
      isAuthentic(
        KEY,
        frames().filter((f) => f.toString() !== "<IDS|MSG>"),
      ),
    ).toBe(false);
    expect(isAuthentic(KEY, ["<IDS|MSG>", "sig", "{}", "{}", "{}", "{}"])).toBe(false);
  });

  test("refuses a signed message whose JSON frames do not parse (tslab would throw on it)", () => {
    const broken = frames();
    const at = broken.findIndex((f) => f.toString() === "<IDS|MSG>");
    const body = [Buffer.from("{not json"), ...broken.slice(at + 3)];
    const hmac = createHmac("sha256", KEY);
    body.forEach((part) => hmac.update(part));
    expect(
      isAuthentic(KEY, [...broken.slice(0, at + 1), Buffer.from(hmac.digest("hex")), ...body]),
    ).toBe(false);
  });
});

describe("dropUnverifiedMessages", () => {
  test("passes authentic messages to tslab and drops the others with one fixed line on fd 2", async () => {
    const { ZmqServer, handled } = fakeServer();
    const reported: string[] = [];
    expect(dropUnverifiedMessages(ZmqServer, (line) => reported.push(line))).toBe(true);
    const server = new ZmqServer();
    await server.handleShellMessage("shell", ...frames());
    await server.handleShellMessage("shell", ...frames("b".repeat(64)));
    await server.handleShellMessage("shell", ...frames("c".repeat(64)));
    expect(handled).toHaveLength(1);
    expect(reported).toEqual([DROPPED_LINE]);
    expect(DROPPED_LINE).not.toMatch(/[0-9a-f]{16}/);
  });

  test("installing twice changes nothing", () => {
    const { ZmqServer } = fakeServer();
    dropUnverifiedMessages(ZmqServer);
    const installed = ZmqServer.prototype.handleShellMessage;
    expect(dropUnverifiedMessages(ZmqServer)).toBe(false);
    expect(ZmqServer.prototype.handleShellMessage).toBe(installed);
  });
});
