import type { Locator } from "playwright-core";

/**
 * What a reader of a widget sees of the theme: the colour of its text, the colour actually behind
 * it (the nearest ancestor with an opaque background), their WCAG contrast ratio, and the
 * relative luminance of the text (near 1 on a dark theme, near 0 on a light one).
 */
export interface TextColors {
  text: string;
  background: string;
  contrast: number;
  textLuminance: number;
}

/**
 * The colours of `locator`'s first element, or of its first descendant matching `inner` (for an
 * element whose own text is in a child, e.g. an SVG axis label whose colour is its `fill`).
 */
export async function textColors(locator: Locator, inner?: string): Promise<TextColors> {
  return locator.first().evaluate((root, selector) => {
    const parse = (css: string): number[] => {
      const match = /rgba?\(([^)]+)\)/.exec(css);
      if (!match) throw new Error(`not an rgb() colour: ${css}`);
      const parts = match[1]
        .split(/[,\s/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    };
    const luminance = ([r, g, b]: number[]): number => {
      const linear = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const target = (selector ? root.querySelector(selector) : root) ?? root;
    const style = getComputedStyle(target);
    const text = target instanceof SVGElement ? style.fill : style.color;
    let background = "rgb(255, 255, 255)";
    for (let node: Element | null = target; node !== null; node = node.parentElement) {
      const candidate = getComputedStyle(node).backgroundColor;
      if (parse(candidate)[3] === 1) {
        background = candidate;
        break;
      }
    }
    // Translucent text (JupyterLab's secondary font colours are) is seen blended over its
    // background.
    const back = parse(background);
    const [r, g, b, alpha] = parse(text);
    const seen = [r, g, b].map((c, i) => alpha * c + (1 - alpha) * back[i]);
    const [light, dark] = [luminance(seen), luminance(back)].sort((x, y) => y - x);
    return {
      text,
      background,
      contrast: (light + 0.05) / (dark + 0.05),
      textLuminance: luminance(seen),
    };
  }, inner ?? null);
}
