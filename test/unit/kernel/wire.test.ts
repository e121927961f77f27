import { describe, expect, test } from "vitest";
import {
  DELIMITER,
  createMessage,
  parseMessage,
  serializeMessage,
  sign,
  WireError,
  type JupyterMessage,
} from "../../../src/kernel/wire";

const KEY = "4f1c2a9e-secret";
// The four JSON frames of an execute_request, and their signature computed by Python's
// hmac.new(key, digestmod=hashlib.sha256) updated with each frame in turn.
const HEADER =
  '{"msg_id":"m1","session":"s1","username":"u","date":"2024-01-01T00:00:00.000Z",' +
  '"msg_type":"execute_request","version":"5.3"}';
const BODY = [HEADER, "{}", "{}", '{"code":"1+1"}'];
const PYTHON_SIGNATURE = "7499e5bbc1c7071d2e026823705589470d4fd30e1976da13f4956174488409e9";

function frames(signature: string, identities: string[] = []): Buffer[] {
  return [...identities, DELIMITER, signature, ...BODY].map((part) => Buffer.from(part));
}

describe("sign", () => {
  test("is the HMAC-SHA256 of the JSON frames, as Python's hmac computes it", () => {
    expect(sign(KEY, BODY)).toBe(PYTHON_SIGNATURE);
    expect(
      sign(
        KEY,
        BODY.map((part) => Buffer.from(part)),
      ),
    ).toBe(PYTHON_SIGNATURE);
  });

  test("is empty for an empty key (unsigned connection)", () => {
    expect(sign("", BODY)).toBe("");
  });
});

describe("parseMessage", () => {
  test("decodes a message signed by another implementation, keeping routing identities", () => {
    const message = parseMessage(frames(PYTHON_SIGNATURE, ["router-id"]), KEY);
    expect(message.identities.map(String)).toEqual(["router-id"]);
    expect(message.header.msg_type).toBe("execute_request");
    expect(message.header.msg_id).toBe("m1");
    expect(message.parent_header).toEqual({});
    expect(message.content).toEqual({ code: "1+1" });
    expect(message.buffers).toEqual([]);
  });

  test("rejects a wrong signature, a tampered frame and a signature made with another key", () => {
    expect(() => parseMessage(frames("0".repeat(64)), KEY)).toThrow(
      new WireError("message signature does not match the connection key"),
    );
    const tampered = frames(PYTHON_SIGNATURE);
    tampered[5] = Buffer.from('{"code":"process.exit()"}');
    expect(() => parseMessage(tampered, KEY)).toThrow(/signature does not match/);
    expect(() => parseMessage(frames(PYTHON_SIGNATURE), "other-key")).toThrow(
      /signature does not match/,
    );
    expect(() => parseMessage(frames(""), KEY)).toThrow(/signature does not match/);
  });

  test("rejects frames without the delimiter or with missing parts", () => {
    expect(() =>
      parseMessage(
        BODY.map((part) => Buffer.from(part)),
        KEY,
      ),
    ).toThrow("message without the <IDS|MSG> delimiter");
    const short = frames(PYTHON_SIGNATURE).slice(0, 4);
    expect(() => parseMessage(short, KEY)).toThrow(
      "message has 3 frames after the delimiter; expected at least 5",
    );
  });

  test("rejects a signed frame that is not a JSON object", () => {
    const body = [HEADER, "{}", "{}", "[1, 2]"];
    const bad = [DELIMITER, sign(KEY, body), ...body].map((part) => Buffer.from(part));
    expect(() => parseMessage(bad, KEY)).toThrow("message content is not a JSON object");
    const broken = [HEADER, "{", "{}", "{}"];
    const unparsable = [DELIMITER, sign(KEY, broken), ...broken].map((part) => Buffer.from(part));
    expect(() => parseMessage(unparsable, KEY)).toThrow("message parent_header is not valid JSON");
  });
});

describe("serializeMessage", () => {
  test("round-trips through parseMessage with identities, parent, metadata and buffers", () => {
    const parent = createMessage("kernel_info_request", "session-1", {}).header;
    const message: JupyterMessage = {
      ...createMessage(
        "execute_request",
        "session-1",
        { code: "const x = 1;\nx", silent: false },
        parent,
      ),
      identities: [Buffer.from("id-a"), Buffer.from("id-b")],
      metadata: { deletedCells: ["c1"] },
      buffers: [Buffer.from([0, 1, 2, 255])],
    };
    const encoded = serializeMessage(message, KEY);
    expect(encoded[2].toString()).toBe(DELIMITER);
    expect(encoded[3].toString()).toBe(sign(KEY, encoded.slice(4, 8)));
    expect(parseMessage(encoded, KEY)).toEqual(message);
  });

  test("creates headers of protocol 5.3 with unique ids, and unicode survives", () => {
    const a = createMessage("execute_request", "s", { code: "// λ ≥ 0 ✓" });
    const b = createMessage("execute_request", "s", {});
    expect(a.header.version).toBe("5.3");
    expect(a.header.session).toBe("s");
    expect(a.header.msg_id).not.toBe(b.header.msg_id);
    expect(parseMessage(serializeMessage(a, KEY), KEY).content.code).toBe("// λ ≥ 0 ✓");
  });

  test("with an empty key the signature frame is empty and still verifies", () => {
    const message = createMessage("status", "s", { execution_state: "idle" });
    const encoded = serializeMessage(message, "");
    expect(encoded[1].length).toBe(0);
    expect(parseMessage(encoded, "").content).toEqual({ execution_state: "idle" });
  });
});
