import { describe, expect, it } from "vitest";
import { formatBytes, formatJsonNumber } from "../../../labextension/src/format";

describe("the extension's own formatting", () => {
  it("formats a bundle's JsonNumber with the library's formatter", () => {
    expect(formatJsonNumber(0.000123456, 6)).toBe("0.000123456");
    expect(formatJsonNumber("-Infinity")).toBe("-inf");
    expect(formatJsonNumber(null)).toBe("nan");
  });

  it("writes byte counts with a binary unit", () => {
    expect(formatBytes(4800)).toBe("4.7 KiB");
    expect(formatBytes(8)).toBe("8 B");
  });
});
