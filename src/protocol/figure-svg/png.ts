/**
 * A palette PNG as a `data:` URL, for the heatmaps and filled contours of a static figure:
 * 10 000 cells drawn as SVG rectangles would weigh ~500 KB in the notebook, the same picture as a
 * compressed PNG of one byte per cell a few KB. Node's zlib does the compression; the figure
 * writer runs in kernels and in the grader, never in the browser bundle.
 */
import { deflateSync } from "node:zlib";
import type { Rgb } from "./colors";

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * A `data:image/png;base64,…` URL of a `width` × `height` image, row by row from the top, each
 * pixel an index into `palette` (at most 256 colours); index `transparent` is see-through.
 */
export function palettePng(
  width: number,
  height: number,
  pixels: Uint8Array,
  palette: readonly Rgb[],
  transparent?: number,
): string {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 3, 0, 0, 0], 8); // 8 bits per index, palette colour, deflate, no filter, no interlace
  const rows = new Uint8Array(height * (width + 1));
  for (let row = 0; row < height; row++)
    rows.set(pixels.subarray(row * width, (row + 1) * width), row * (width + 1) + 1);
  const parts = [
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk("IHDR", header),
    chunk("PLTE", Uint8Array.from(palette.flat())),
  ];
  if (transparent !== undefined) {
    const alpha = new Uint8Array(transparent + 1).fill(255);
    alpha[transparent] = 0;
    parts.push(chunk("tRNS", alpha));
  }
  parts.push(chunk("IDAT", deflateSync(rows, { level: 9 })), chunk("IEND", new Uint8Array(0)));
  return `data:image/png;base64,${Buffer.concat(parts).toString("base64")}`;
}
