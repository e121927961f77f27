import { describe, expect, test } from "vitest";
import { serializeSends } from "../../../src/preload/serial-sends";

// A socket like zeromq.js 6: a send may be deferred, and a send issued while one is still being
// written throws "busy writing" (tslab never awaits, so the message was lost).
class FakeSocket {
  sent: string[] = [];
  private writing = false;
  send(message: string): Promise<void> {
    if (this.writing) throw new Error("Socket is busy writing");
    if (message.startsWith("slow")) {
      this.writing = true;
      return new Promise((resolve) =>
        setTimeout(() => {
          this.writing = false;
          this.sent.push(message);
          resolve();
        }, 5),
      );
    }
    this.sent.push(message);
    return Promise.resolve();
  }
}

describe("serializeSends (one zeromq send at a time)", () => {
  test("without it, a send during a deferred write is lost", () => {
    const socket = new FakeSocket();
    void socket.send("slow 1");
    expect(() => socket.send("lost")).toThrow("busy writing");
  });

  test("with it, every message goes out in order, and a lone send stays synchronous", async () => {
    // FakeSocket.prototype carries send, as zeromq's Socket.prototype does.
    expect(serializeSends(FakeSocket.prototype)).toBe(true);
    const socket = new FakeSocket();
    void socket.send("first");
    expect(socket.sent).toEqual(["first"]);
    const sends = ["slow 2", "three", "slow 4", "five"].map((message) => socket.send(message));
    await Promise.all(sends);
    expect(socket.sent).toEqual(["first", "slow 2", "three", "slow 4", "five"]);
    expect(serializeSends(FakeSocket.prototype)).toBe(false);
  });

  test("a failing send rejects its own promise only", async () => {
    class Flaky {
      sent: string[] = [];
      send(message: string): Promise<void> {
        if (message === "bad") throw new Error("bad frame");
        this.sent.push(message);
        return Promise.resolve();
      }
    }
    serializeSends(Flaky.prototype);
    const socket = new Flaky();
    const results = await Promise.allSettled([
      socket.send("a"),
      socket.send("bad"),
      socket.send("c"),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(socket.sent).toEqual(["a", "c"]);
  });
});
