/** Attributes and text for `el`; `attrs` covers ARIA, `data-*` and anything else. */
export interface ElementProps {
  className?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
}

/**
 * Creates an element with its classes, text, attributes and children in one expression. Views
 * build their DOM with it so every string lands in `textContent` (never `innerHTML`): bundles come
 * from kernels and notebooks, and nothing in them is ever parsed as markup.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.title) node.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  if (props.text !== undefined) node.textContent = props.text;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/** Replaces `host`'s children, skipping the null/false placeholders of optional parts. */
export function setChildren(
  host: HTMLElement,
  ...children: (Node | string | null | undefined | false)[]
): void {
  host.replaceChildren(
    ...children.filter(
      (child): child is Node | string => child !== null && child !== undefined && child !== false,
    ),
  );
}
