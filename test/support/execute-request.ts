/**
 * The content of an execute_request as JupyterLab sends it for a cell (stop_on_error on);
 * `options` overrides any field.
 */
export function executeRequest(
  code: string,
  options: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    code,
    silent: false,
    store_history: true,
    user_expressions: {},
    allow_stdin: false,
    stop_on_error: true,
    ...options,
  };
}
