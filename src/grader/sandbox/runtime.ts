/**
 * The packages a grading kernel loads, and their copy next to the working folders. The copy is
 * made of hard links (a plain copy across file systems) and holds no symbolic link: Node's
 * permission model checks a path before the system follows its links, so a link in a readable
 * folder would let `…/link/../` read whatever sits next to the link's target (the repository
 * with its source notebooks, for a link into node_modules). In a copy, every path means what
 * it says. Node finds the copy by walking up from the working folder, TypeScript finds
 * @types/node the same way, and tslab is started from it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PACKAGE_ROOT, preloadScript } from "../../kernel/preload-scripts";

/** Where the pieces a kernel needs are installed, found once per process. */
export interface KernelRuntime {
  /** gradbook's installed root (its package.json and dist/). */
  root: string;
  /** Installed packages to copy: source folder, and path under the copy's node_modules. */
  packages: { from: string; to: string }[];
}

// tslab lists rollup and its plugins for bundling browser cells, which grading never runs; the
// @types they bring would also be type-checked in every cell.
const UNUSED = /^(rollup|@rollup\/.*|@types\/(?!node$).*)$/;

function findPackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) {
      return fs.realpathSync(candidate);
    }
    if (path.dirname(dir) === dir) {
      return undefined;
    }
  }
}

function dependencies(packageDir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  return Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }).filter(
    (name) => !UNUSED.test(name),
  );
}

// The runtime dependency closure of `roots`, as real package folders.
function dependencyClosure(roots: readonly string[]): string[] {
  const found = new Set<string>();
  const pending = [...roots];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    if (found.has(dir)) {
      continue;
    }
    found.add(dir);
    for (const name of dependencies(dir)) {
      const resolved = findPackage(name, dir);
      if (resolved !== undefined) {
        pending.push(resolved);
      }
    }
  }
  return [...found];
}

function packageName(dir: string): string {
  const parts = dir.split(path.sep);
  const scope = parts[parts.length - 2];
  return scope.startsWith("@") ? `${scope}/${parts[parts.length - 1]}` : parts[parts.length - 1];
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

let found: KernelRuntime | undefined;

/**
 * Find tslab, @types/node and gradbook's own dependencies with everything they need at run
 * time. Throws, saying how to fix it, when gradbook's library is not compiled or tslab is
 * missing.
 */
export function kernelRuntime(): KernelRuntime {
  if (found !== undefined) {
    return found;
  }
  const root = PACKAGE_ROOT;
  if (
    !fs.existsSync(path.join(root, "dist", "index.js")) ||
    !fs.existsSync(preloadScript("guard"))
  ) {
    throw new Error(
      `gradbook's compiled library is missing in ${path.join(root, "dist")}: run \`npm run build\``,
    );
  }
  const tslab = findPackage("tslab", root);
  if (tslab === undefined) {
    throw new Error("tslab is not installed next to gradbook: run `npm install`");
  }
  // The project's @types/node, as JupyterLab's kernels see it, else the one tslab brings.
  const typesNode = findPackage("@types/node", root) ?? findPackage("@types/node", tslab);
  if (typesNode === undefined) {
    throw new Error("@types/node is not installed next to tslab: run `npm install`");
  }
  const own = dependencies(root).flatMap((name) => findPackage(name, root) ?? []);
  const closure = dependencyClosure([tslab, typesNode, ...own]);
  const hoisted = path.dirname(tslab);
  const topLevel = closure.filter((dir) => !closure.some((other) => isInside(dir, other)));
  const packages = topLevel.map((dir) => ({
    from: dir,
    to: isInside(dir, hoisted) ? path.relative(hoisted, dir) : packageName(dir),
  }));
  found = { root: fs.realpathSync(root), packages };
  return found;
}

function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      linkTree(source, target);
    } else if (entry.isFile()) {
      try {
        fs.linkSync(source, target);
      } catch {
        fs.copyFileSync(source, target);
      }
    }
    // Symbolic links are left out, for the reason in the file comment.
  }
}

/** Paths inside a runtime copy (see `buildRuntime`). */
export interface RuntimeCopy {
  /** The copy's node_modules folder. */
  modules: string;
  /** tslab's launcher in the copy. */
  tslab: string;
  /** The kernel guard in the copy. */
  guard: string;
  /** The tslab fixes in the copy (src/preload/tslab-fixes.ts). */
  preload: string;
}

/**
 * Copy the kernel's packages to `dir/node_modules` (see the file comment): gradbook as
 * package.json and dist/, tslab, @types/node and the dependencies of both.
 */
export function buildRuntime(dir: string): RuntimeCopy {
  const { root, packages } = kernelRuntime();
  const modules = path.join(dir, "node_modules");
  for (const entry of packages) {
    linkTree(entry.from, path.join(modules, entry.to));
  }
  const gradbook = path.join(modules, "gradbook");
  linkTree(path.join(root, "dist"), path.join(gradbook, "dist"));
  fs.copyFileSync(path.join(root, "package.json"), path.join(gradbook, "package.json"));
  return {
    modules,
    tslab: path.join(modules, "tslab", "bin", "tslab"),
    guard: preloadScript("guard", gradbook),
    preload: preloadScript("tslabFixes", gradbook),
  };
}
