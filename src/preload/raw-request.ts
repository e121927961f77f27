/**
 * Requests that tslab's server does not know, read and answered from their ZeroMQ frames
 * (`[identities…, "<IDS|MSG>", signature, header, parent, metadata, content]`, the signature an
 * HMAC-SHA256 of the four JSON frames under the connection key). tslab parses messages with a
 * class it does not export, so other-requests.ts needs this much of the wire format itself.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { JSONRecord } from "./tslab-server";

/** A request whose signature matched. */
export interface RawRequest {
  identities: Buffer[];
  header: JSONRecord;
  content: JSONRecord;
}

const DELIMITER = Buffer.from("<IDS|MSG>");

function signature(key: string, parts: readonly (Buffer | string)[]): Buffer {
  const hmac = createHmac("sha256", key);
  parts.forEach((part) => hmac.update(part));
  return Buffer.from(hmac.digest("hex"));
}

function jsonObject(frame: Buffer): JSONRecord | undefined {
  try {
    const value: unknown = JSON.parse(frame.toString("utf8"));
    return typeof value === "object" && value !== null ? (value as JSONRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** The msg_type a message claims, before its signature is checked (for routing only). */
export function claimedType(frames: readonly Buffer[]): string | undefined {
  const at = frames.findIndex((frame) => frame.equals(DELIMITER));
  const header = at >= 0 && at + 2 < frames.length ? jsonObject(frames[at + 2]) : undefined;
  return typeof header?.msg_type === "string" ? header.msg_type : undefined;
}

/** The request in `frames`, or undefined when it is malformed or not signed with `key`. */
export function readRequest(frames: readonly Buffer[], key: string): RawRequest | undefined {
  const at = frames.findIndex((frame) => frame.equals(DELIMITER));
  if (at < 0 || frames.length < at + 6) {
    return undefined;
  }
  const body = frames.slice(at + 2, at + 6);
  const expected = signature(key, body);
  const given = frames[at + 1];
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return undefined;
  }
  const header = jsonObject(body[0]);
  const content = jsonObject(body[3]);
  if (header === undefined || content === undefined) {
    return undefined;
  }
  return { identities: frames.slice(0, at), header, content };
}

/** Signed frames of a `msgType` message answering `request` (IOPub: `identities` empty). */
export function childFrames(
  request: RawRequest,
  key: string,
  msgType: string,
  content: JSONRecord,
  identities: readonly Buffer[] = request.identities,
): Buffer[] {
  const header = {
    msg_id: randomUUID(),
    session: request.header.session,
    username: request.header.username,
    date: new Date().toISOString(),
    msg_type: msgType,
    version: "5.3",
  };
  const body = [header, request.header, {}, content].map((part) => JSON.stringify(part));
  return [...identities, DELIMITER, signature(key, body), ...body.map((part) => Buffer.from(part))];
}
