// The command line `npm start` gives `jupyter lab`: the course's defaults, then the user's own
// options, where any option the user gives replaces the default for the same setting. Jupyter
// itself refuses a setting given twice ("ip only accepts one value, got 2"), so a default cannot
// simply come first and be overridden by position.

// jupyter_server's command-line aliases for the settings the defaults touch (`jupyter lab
// --help-all` lists them): `--ip 0.0.0.0` and `--ServerApp.ip=0.0.0.0` set the same trait.
const ALIASES = {
  ip: "ServerApp.ip",
  port: "ServerApp.port",
  "notebook-dir": "ServerApp.root_dir",
  "preferred-dir": "ServerApp.preferred_dir",
};

// Traits that answer to an older name: NotebookApp's options configure ServerApp in
// jupyter_server, and notebook_dir is root_dir's former name.
const RENAMED_CLASSES = { NotebookApp: "ServerApp" };
const RENAMED_TRAITS = { "ServerApp.notebook_dir": "ServerApp.root_dir" };

/**
 * The setting an option names, in one spelling: `--ip`, `--ServerApp.ip`, `--NotebookApp.ip`
 * and `--ServerApp.ip=x` all give "ServerApp.ip"; dashes in a trait name read as underscores,
 * as traitlets reads them. Null for an argument that is not an option (a value, a path).
 */
export function settingOf(arg) {
  const match = /^--([^=]+)/.exec(arg);
  if (!match) return null;
  const name = match[1];
  if (ALIASES[name]) return ALIASES[name];
  const dot = name.lastIndexOf(".");
  if (dot < 0) return name;
  const owner = name.slice(0, dot);
  const trait = `${RENAMED_CLASSES[owner] ?? owner}.${name.slice(dot + 1).replaceAll("-", "_")}`;
  return RENAMED_TRAITS[trait] ?? trait;
}

/**
 * The value the user gave a setting, in either spelling (`--ip=0.0.0.0` or `--ip 0.0.0.0`), the
 * last one winning; undefined when the user did not set it.
 */
export function valueOf(args, setting) {
  let value;
  args.forEach((arg, i) => {
    if (settingOf(arg) !== setting) return;
    const equals = arg.indexOf("=");
    if (equals >= 0) value = arg.slice(equals + 1);
    else if (i + 1 < args.length && !args[i + 1].startsWith("--")) value = args[i + 1];
  });
  return value;
}

/**
 * `defaults` (each `--setting=value`) followed by `userArgs`, without the defaults whose setting
 * the user gave in any spelling.
 */
export function labArguments(defaults, userArgs) {
  const given = new Set(userArgs.map(settingOf).filter((setting) => setting !== null));
  return [...defaults.filter((arg) => !given.has(settingOf(arg))), ...userArgs];
}
