/**
 * The MIME types of the library ⇄ extension contract and the schema version both sides check.
 * Every bundle also carries `text/plain`, so a notebook reads well without the extension.
 */

/** The MIME types gradbook emits (plotly's is the standard one JupyterLab extensions share). */
export const MIME = {
  tensor: "application/vnd.gradbook.tensor+json",
  shapes: "application/vnd.gradbook.shapes+json",
  gradcheck: "application/vnd.gradbook.gradcheck+json",
  inspector: "application/vnd.gradbook.inspector+json",
  check: "application/vnd.gradbook.check+json",
  plotly: "application/vnd.plotly.v1+json",
} as const;

/** Bumped when a bundle changes incompatibly; renderers show a clear message for other versions. */
export const SCHEMA_VERSION = 1;
