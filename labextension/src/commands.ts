/** Command ids live in one namespace so users can bind keys to them. */
export const CommandIDs = {
  about: "gradbook:about",
  openInspector: "gradbook:open-inspector",
  refreshInspector: "gradbook:refresh-inspector",
  checkNotebook: "gradbook:check-notebook",
} as const;
