/**
 * `gradbook kit`: the students' course, in a folder of its own. It holds the released lessons
 * (what `gradbook assign` makes of each source), a welcome notebook written for students
 * (welcome.ts), the course's tools notebooks, gradbook packed from this package's build
 * (pack.ts) with its prebuilt JupyterLab extension, and the same set-up the repository uses:
 * scripts/lib is copied as it is, with the kit's own entry points from scripts/kit
 * (setup.mjs, start.mjs for `npm start`, test.mjs for `npm test`). Nothing in it refers back
 * to the repository. Before it returns, every file it wrote and every file of the packed
 * package is searched for the lines of the sources' solutions and hidden tests (scan.ts).
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { PACKAGE_ROOT } from "../../kernel/preload-scripts";
import { readNotebook, writeNotebook, type Notebook } from "../../notebook";
import { studentVersion } from "../authoring/assign";
import { validateAssignment } from "../authoring/markup";
import { unresolvedOffLimits } from "../authoring/off-limits";
import { secretLines, type SecretLine } from "../authoring/secret-lines";
import { KIT_GITIGNORE, kitEnvironmentYml, kitPackageJson, kitReadme } from "./kit-files";
import { packGradbook } from "./pack";
import { scanFolder, type FoundSecret } from "./scan";
import { kitWelcome, lessonGoal, lessonTitle, type KitLesson } from "./welcome";

/** A problem with what the instructor asked for; nothing usable was written. */
export class KitError extends Error {
  override readonly name = "KitError";
}

/** What to build. */
export interface KitOptions {
  /** The folder of source notebooks (with solutions and hidden tests). */
  source: string;
  /** The kit's folder: must not exist, or be empty. */
  out: string;
  /** The gradbook to pack (default: this one); it must be built, extension included. */
  packageRoot?: string;
}

/** What was written. */
export interface KitReport {
  lessons: KitLesson[];
  tools: string[];
  tarball: string;
  /** Files searched for solution and hidden-test lines (kit and packed package). */
  scannedFiles: number;
}

// labextension/package.json's jupyterlab.outputDir.
const LABEXTENSION_BUILD = path.join("labextension", "gradbook_labextension", "labextension");
const SCRIPT_FOLDERS = [path.join("scripts", "lib"), path.join("scripts", "kit")];

function checkPrerequisites(packageRoot: string): void {
  const needed = [path.join("dist", "index.js"), path.join(LABEXTENSION_BUILD, "package.json")];
  const missing = [...needed, ...SCRIPT_FOLDERS].filter(
    (item) => !fs.existsSync(path.join(packageRoot, item)),
  );
  if (missing.length > 0) {
    throw new KitError(
      `${packageRoot} lacks ${missing.join(", ")}: \`gradbook kit\` runs in the course ` +
        "repository after `npm run setup` (which builds the library and the extension)",
    );
  }
}

function checkOut(out: string): void {
  if (fs.existsSync(out) && (!fs.statSync(out).isDirectory() || fs.readdirSync(out).length > 0)) {
    throw new KitError(`--out ${out} exists and is not an empty folder: choose a new folder`);
  }
}

interface Lesson {
  name: string;
  release: Notebook;
  secrets: SecretLine[];
}

function releasedLessons(source: string, packageRoot: string): Lesson[] {
  if (!fs.existsSync(source) || !fs.statSync(source).isDirectory()) {
    throw new KitError(`--source ${source} is not a folder of source notebooks`);
  }
  const files = fs
    .readdirSync(source)
    .filter((name) => name.endsWith(".ipynb"))
    .sort();
  if (files.length === 0) {
    throw new KitError(`--source ${source} holds no notebook`);
  }
  const load = createRequire(path.join(packageRoot, "package.json"));
  return files.map((name) => {
    const file = path.join(source, name);
    const assignment = validateAssignment(readNotebook(file), file);
    const unresolved = unresolvedOffLimits(assignment, load);
    if (unresolved.length > 0) {
      throw new KitError(`${file}: ${unresolved.join("; ")}`);
    }
    const release = studentVersion(assignment).notebook;
    return { name, release, secrets: secretLines(assignment.notebook, release) };
  });
}

function copyScripts(packageRoot: string, out: string): void {
  for (const folder of SCRIPT_FOLDERS) {
    const target = path.join(out, folder);
    fs.mkdirSync(target, { recursive: true });
    for (const name of fs.readdirSync(path.join(packageRoot, folder))) {
      if (name.endsWith(".mjs")) {
        fs.copyFileSync(path.join(packageRoot, folder, name), path.join(target, name));
      }
    }
  }
}

function describeFound(found: readonly FoundSecret[]): string {
  const shown = found
    .slice(0, 10)
    .map((entry) => `${entry.file}: "${entry.line.text}"`)
    .join("; ");
  return found.length > 10 ? `${shown}; and ${found.length - 10} more` : shown;
}

/**
 * Build a kit (see the file comment). Throws MarkupError (a source's markup) or KitError (what
 * was asked for) before writing anything, and KitError when the finished kit holds a secret
 * line (it must then not be handed out).
 */
export async function buildKit(options: KitOptions): Promise<KitReport> {
  const packageRoot = options.packageRoot ?? PACKAGE_ROOT;
  const out = path.resolve(options.out);
  checkPrerequisites(packageRoot);
  checkOut(out);
  const lessons = releasedLessons(options.source, packageRoot);
  const toolsDir = path.join(path.dirname(path.resolve(options.source)), "tools");
  const tools = fs.existsSync(toolsDir)
    ? fs
        .readdirSync(toolsDir)
        .filter((name) => name.endsWith(".ipynb"))
        .sort()
    : [];

  fs.mkdirSync(path.join(out, "lessons"), { recursive: true });
  const kitLessons = lessons.map(({ name, release }) => {
    writeNotebook(path.join(out, "lessons", name), release);
    return {
      path: `lessons/${name}`,
      title: lessonTitle(release, name),
      goal: lessonGoal(release),
    };
  });
  fs.mkdirSync(path.join(out, "tools"), { recursive: true });
  for (const name of tools) {
    fs.copyFileSync(path.join(toolsDir, name), path.join(out, "tools", name));
  }
  writeNotebook(
    path.join(out, "00-welcome.ipynb"),
    kitWelcome(kitLessons, lessons[0].release.metadata),
  );
  copyScripts(packageRoot, out);
  const vendor = path.join(out, "vendor");
  fs.cpSync(
    path.join(packageRoot, LABEXTENSION_BUILD),
    path.join(vendor, "gradbook-labextension"),
    {
      recursive: true,
    },
  );
  const packed = await packGradbook(packageRoot, vendor);
  const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8"));
  const tarballName = path.basename(packed.tarball);
  fs.writeFileSync(path.join(out, "package.json"), kitPackageJson(tarballName, manifest));
  fs.writeFileSync(path.join(out, "README.md"), kitReadme(kitLessons));
  const environment = fs.readFileSync(path.join(packageRoot, "environment.yml"), "utf8");
  fs.writeFileSync(path.join(out, "environment.yml"), kitEnvironmentYml(environment));
  fs.writeFileSync(path.join(out, ".gitignore"), KIT_GITIGNORE);

  const secrets = lessons.flatMap((lesson) => lesson.secrets);
  const kitScan = scanFolder(out, secrets);
  const packageFound = packed.files.flatMap((file) =>
    scanFolder(path.join(packageRoot, file), secrets).found.map((found) => ({ ...found, file })),
  );
  const found = [...kitScan.found, ...packageFound];
  if (found.length > 0) {
    throw new KitError(
      `the kit in ${out} holds lines of solutions or hidden tests and must not be handed out: ` +
        describeFound(found),
    );
  }
  return {
    lessons: kitLessons,
    tools,
    tarball: packed.tarball,
    scannedFiles: kitScan.files + packed.files.length,
  };
}
