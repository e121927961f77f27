/** The setting an option names (`--ip`, `--NotebookApp.ip`, `--ServerApp.ip=x` → "ServerApp.ip"). */
export function settingOf(arg: string): string | null;
/** The value the user gave `setting`, in `--x=y` or `--x y` spelling; the last one wins. */
export function valueOf(args: readonly string[], setting: string): string | undefined;
/** `defaults` then `userArgs`, without the defaults whose setting the user gave. */
export function labArguments(defaults: readonly string[], userArgs: readonly string[]): string[];
