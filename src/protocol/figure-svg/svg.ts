/**
 * SVG text without a DOM: elements from a name, attributes and children, every attribute value
 * and text escaped, coordinates rounded to a tenth of a pixel (finer detail is invisible and only
 * makes the notebook bigger).
 */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for an SVG attribute or element. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** A coordinate or length with at most one decimal: `12.3`, `-4`, `0`. */
export function px(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

/** Attribute values: numbers are written with `px`; undefined and null leave the attribute out. */
export type Attributes = Record<string, string | number | undefined | null>;

/** `<name a="…">children</name>` (or `<name a="…"/>` without children). Children are SVG already. */
export function element(name: string, attributes: Attributes = {}, ...children: string[]): string {
  const written = Object.entries(attributes)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(
      ([key, value]) =>
        ` ${key}="${typeof value === "number" ? px(value) : escapeXml(String(value))}"`,
    )
    .join("");
  const body = children.join("");
  return body === "" ? `<${name}${written}/>` : `<${name}${written}>${body}</${name}>`;
}

/** A text element: `content` is plain text (escaped here). */
export function textElement(content: string, attributes: Attributes): string {
  return element("text", attributes, escapeXml(content));
}

/**
 * A path through `points` (pixels): a new subpath after every gap (a null point), consecutive
 * points that round to the same tenth of a pixel written once.
 */
export function polylinePath(points: readonly ([number, number] | null)[]): string {
  const parts: string[] = [];
  let pen: "up" | "down" = "up";
  let last = "";
  for (const point of points) {
    if (point === null) {
      pen = "up";
      continue;
    }
    const at = `${px(point[0])} ${px(point[1])}`;
    if (pen === "down" && at === last) continue;
    parts.push(`${pen === "up" ? "M" : "L"}${at}`);
    pen = "down";
    last = at;
  }
  return parts.join("");
}
