import { el, setChildren } from "../dom";

/**
 * Replaces `host`'s content with a sentence saying why the rich view is missing, followed by the
 * bundle's own text/plain form so the output still says something. Sets
 * `data-gradbook-status="unsupported"` so tests and users can tell this apart from a real view.
 */
export function renderProblem(host: HTMLElement, message: string, plainText?: string): void {
  delete host.dataset.gradbookShape;
  host.dataset.gradbookStatus = "unsupported";
  setChildren(
    host,
    el("div", { className: "gradbook-problem", attrs: { role: "note" }, text: message }),
    plainText ? el("pre", { className: "gradbook-plain", text: plainText }) : null,
  );
}
