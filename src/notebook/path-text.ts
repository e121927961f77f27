/**
 * File names as text. Linux file names are bytes, not text: two names that differ only in bytes
 * that are not UTF-8 would both read as "caf\uFFFD" if decoded, and neither could be opened
 * again by that name. So names are kept as bytes (`Buffer`) and shown with what is not
 * printable UTF-8 escaped: every byte of an invalid sequence, control characters (tab, newline,
 * escape, …) and the backslash itself as `\xNN`. Distinct names stay distinct, and a name cannot
 * move a terminal's cursor or hide text.
 */

// Length of the valid UTF-8 sequence at `i`, or 0 (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF).
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i];
  if (lead < 0x80) {
    return 1;
  }
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : 4;
  if (lead < 0xc2 || lead > 0xf4 || i + length > bytes.length) {
    return 0;
  }
  for (let k = 1; k < length; k++) {
    if ((bytes[i + k] & 0xc0) !== 0x80) {
      return 0;
    }
  }
  const second = bytes[i + 1];
  const invalid =
    (lead === 0xe0 && second < 0xa0) ||
    (lead === 0xed && second > 0x9f) ||
    (lead === 0xf0 && second < 0x90) ||
    (lead === 0xf4 && second > 0x8f);
  return invalid ? 0 : length;
}

function escapeBytes(bytes: Uint8Array): string {
  return [...bytes].map((byte) => `\\x${byte.toString(16).padStart(2, "0")}`).join("");
}

function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

/**
 * `name` (bytes, or a string taken as UTF-8) as printable text: see the file comment.
 * `pathText(Buffer.from([0x63, 0x61, 0x66, 0xe9]))` is `caf\xe9`.
 */
export function pathText(name: string | Uint8Array): string {
  const bytes = typeof name === "string" ? Buffer.from(name, "utf8") : name;
  let text = "";
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      text += escapeBytes(bytes.subarray(i, i + 1));
      i += 1;
      continue;
    }
    const char = Buffer.from(bytes.subarray(i, i + length)).toString("utf8");
    const codePoint = char.codePointAt(0) ?? 0;
    text +=
      isControl(codePoint) || char === "\\" ? escapeBytes(bytes.subarray(i, i + length)) : char;
    i += length;
  }
  return text;
}
