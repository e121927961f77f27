/**
 * The Jupyter wire protocol (messaging spec 5.3): how one message is laid out in ZeroMQ frames
 * and signed. Frames are `[identities…, "<IDS|MSG>", signature, header, parent_header,
 * metadata, content, buffers…]`; the signature is the hex HMAC-SHA256 of the four JSON frames
 * under the connection key (an empty key means unsigned).
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { JSONObject } from "../notebook";

/** The frame that separates routing identities from the message. */
export const DELIMITER = "<IDS|MSG>";

/** The protocol version gradbook speaks (tslab 1.0.22 answers with 5.3). */
export const PROTOCOL_VERSION = "5.3";

/** A message header. */
export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

/** A decoded message. `parent_header` is `{}` on messages that answer nothing. */
export interface JupyterMessage {
  identities: Buffer[];
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: JSONObject;
  content: JSONObject;
  buffers: Buffer[];
}

/** A frame sequence that is not a valid message, or whose signature does not match. */
export class WireError extends Error {
  override readonly name = "WireError";
}

/** A fresh header for a message of type `msgType` in `session`. */
export function createHeader(
  msgType: string,
  session: string,
  username = "gradbook",
): MessageHeader {
  return {
    msg_id: randomUUID(),
    session,
    username,
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}

/** A message ready to send: new header, no identities or buffers. */
export function createMessage(
  msgType: string,
  session: string,
  content: JSONObject,
  parent: Partial<MessageHeader> = {},
): JupyterMessage {
  return {
    identities: [],
    header: createHeader(msgType, session),
    parent_header: parent,
    metadata: {},
    content,
    buffers: [],
  };
}

/** Hex HMAC-SHA256 of `parts` under `key`; the empty string when the key is empty. */
export function sign(key: string, parts: readonly (Buffer | string)[]): string {
  if (key === "") {
    return "";
  }
  const hmac = createHmac("sha256", key);
  for (const part of parts) {
    hmac.update(part);
  }
  return hmac.digest("hex");
}

/** Encode and sign a message into ZeroMQ frames. */
export function serializeMessage(message: JupyterMessage, key: string): Buffer[] {
  const body = [message.header, message.parent_header, message.metadata, message.content].map(
    (part) => Buffer.from(JSON.stringify(part), "utf8"),
  );
  return [
    ...message.identities,
    Buffer.from(DELIMITER),
    Buffer.from(sign(key, body)),
    ...body,
    ...message.buffers,
  ];
}

function parseJsonFrame(frame: Buffer, name: string): JSONObject {
  let value: unknown;
  try {
    value = JSON.parse(frame.toString("utf8"));
  } catch {
    throw new WireError(`message ${name} is not valid JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new WireError(`message ${name} is not a JSON object`);
  }
  return value as JSONObject;
}

/**
 * Decode frames into a message, verifying the signature (constant-time) before parsing.
 * Throws `WireError` when the delimiter is missing, frames are missing, the signature is wrong
 * or a JSON frame is malformed.
 */
export function parseMessage(frames: readonly Buffer[], key: string): JupyterMessage {
  const delimiter = frames.findIndex((frame) => frame.toString("latin1") === DELIMITER);
  if (delimiter < 0) {
    throw new WireError(`message without the ${DELIMITER} delimiter`);
  }
  if (frames.length < delimiter + 6) {
    throw new WireError(
      `message has ${frames.length - delimiter - 1} frames after the delimiter; expected at least 5`,
    );
  }
  const signature = frames[delimiter + 1];
  const body = frames.slice(delimiter + 2, delimiter + 6);
  const expected = Buffer.from(sign(key, body));
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    throw new WireError("message signature does not match the connection key");
  }
  const header = parseJsonFrame(body[0], "header");
  if (typeof header.msg_type !== "string" || typeof header.msg_id !== "string") {
    throw new WireError("message header lacks msg_id or msg_type");
  }
  return {
    identities: frames.slice(0, delimiter),
    header: header as unknown as MessageHeader,
    parent_header: parseJsonFrame(body[1], "parent_header") as Partial<MessageHeader>,
    metadata: parseJsonFrame(body[2], "metadata"),
    content: parseJsonFrame(body[3], "content"),
    buffers: frames.slice(delimiter + 6),
  };
}
