import { describe, expect, test } from "vitest";
import { freezeWithOverrides } from "../../../src/preload/freeze-runtime";

// A prototype like EventEmitter.prototype: methods, data defaults that instances assign over,
// and a default Node made writable but not configurable (EventEmitter's kCapture).
function emitterLike() {
  const kCapture = Symbol("kCapture");
  class Emitter {
    declare _events: object | undefined;
    init(): this {
      this._events = {};
      (this as unknown as Record<symbol, boolean>)[kCapture] = true;
      return this;
    }
    emit(): string {
      return "real";
    }
  }
  Object.defineProperty(Emitter.prototype, "_events", {
    value: undefined,
    writable: true,
    configurable: true,
  });
  Object.defineProperty(Emitter.prototype, kCapture, { value: false, writable: true });
  return { Emitter, kCapture };
}

describe("freezeWithOverrides", () => {
  test("instances still assign the defaults; the prototype's methods and defaults stay", () => {
    const { Emitter, kCapture } = emitterLike();
    freezeWithOverrides(Emitter.prototype);
    const emitter = new Emitter().init();
    expect(emitter._events).toEqual({});
    expect(Object.hasOwn(emitter, "_events")).toBe(true);
    expect((emitter as unknown as Record<symbol, boolean>)[kCapture]).toBe(true);
    expect(() => {
      (Emitter.prototype as unknown as Record<string, unknown>).emit = () => "hooked";
    }).toThrow(TypeError);
    expect(() => {
      (Emitter.prototype as unknown as Record<string, unknown>)._events = {};
    }).toThrow(/frozen prototype/);
    expect(() => Object.defineProperty(Emitter.prototype, "extra", { value: 1 })).toThrow(
      TypeError,
    );
    expect(new Emitter().emit()).toBe("real");
    expect(new Emitter()._events).toBeUndefined();
  });
});
