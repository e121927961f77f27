/**
 * The text files of a students' kit: package.json (the two commands, gradbook from the packed
 * tarball in vendor/), README.md, environment.yml (JupyterLab only, at the version the course
 * repository's environment.yml pins) and .gitignore.
 */
import type { KitLesson } from "./welcome";

/** The Python packages students need: JupyterLab runs the lessons, gradbook grades them. */
const STUDENT_PYTHON_PACKAGES = ["jupyterlab"];

/** The kit's package.json for the tarball `tarballName` and gradbook's own `manifest`. */
export function kitPackageJson(
  tarballName: string,
  manifest: {
    version: string;
    engines?: Record<string, string>;
    dependencies: Record<string, string>;
  },
): string {
  const kit = {
    name: "gradbook-course",
    version: manifest.version,
    private: true,
    description:
      "A gradbook course for students: the lessons, and the commands to run and check them.",
    scripts: {
      start: "node scripts/kit/start.mjs",
      test: "node scripts/kit/test.mjs",
      setup: "node scripts/kit/setup.mjs",
    },
    dependencies: {
      gradbook: `file:vendor/${tarballName}`,
      // A direct dependency, so that npm links its launcher into node_modules/.bin.
      tslab: manifest.dependencies.tslab,
    },
    engines: manifest.engines ?? { node: ">=20" },
  };
  return `${JSON.stringify(kit, null, 2)}\n`;
}

/**
 * The kit's environment.yml: the repository's, with only the pip entries students need (their
 * versions stay those of the one list, the repository's environment.yml) and its own header.
 */
export function kitEnvironmentYml(repositoryEnvironment: string): string {
  const kept = [
    "# The Python packages of this course: JupyterLab. npm start installs them into .venv;",
    "# with conda: conda env create -f environment.yml && conda activate gradbook",
  ];
  let pipIndent = -1;
  for (const line of repositoryEnvironment.split("\n")) {
    if (line.trimStart().startsWith("#")) {
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (/^\s*-\s*pip:\s*$/.test(line)) {
      pipIndent = indent;
    } else if (pipIndent >= 0 && line.trim() !== "" && indent <= pipIndent) {
      pipIndent = -1;
    } else if (pipIndent >= 0) {
      const name = /^\s*-\s*["']?([A-Za-z0-9_.-]+)/.exec(line)?.[1].toLowerCase();
      if (name !== undefined && !STUDENT_PYTHON_PACKAGES.includes(name)) {
        continue;
      }
    }
    kept.push(line);
  }
  return kept.join("\n");
}

/** The kit's README: what is in the folder and the two commands. */
export function kitReadme(lessons: readonly KitLesson[]): string {
  const first = lessons[0]?.path ?? "lessons/01-….ipynb";
  return `# The course

Your copy of the course: TypeScript notebooks in JupyterLab, with \`gradbook\`, a small numpy-like
library. Open \`00-welcome.ipynb\` first.

## Two commands

You need Node.js 20+ (with npm) and Python 3.10+ (3.11 recommended).

\`\`\`sh
npm start     # set everything up, then open the course in JupyterLab (it prints the URL)
npm test      # check every lesson's visible tests, as the grader will run them
\`\`\`

\`npm start\` installs the npm packages (gradbook comes packed in \`vendor/\`), creates a Python
environment in \`.venv\` with JupyterLab (or uses the active conda or virtual environment when it
has JupyterLab, or \`GRADBOOK_PYTHON_PREFIX=/path/to/env\`), registers the TypeScript kernel and
the course's JupyterLab extension inside this folder (\`.gradbook/jupyter\`), and starts JupyterLab
on this folder. Options after \`--\` go to \`jupyter lab\`: \`npm start -- --port 8899\`.

To check one lesson: \`npm test -- ${first}\`, or \`npx gradbook check ${first}\`.

## What is here

\`\`\`
00-welcome.ipynb    start here
lessons/            the lessons, in order
tools/              gradient checks, shape traces and plots, to find your own mistakes
vendor/             gradbook and its JupyterLab extension, as this course uses them
scripts/            what npm start and npm test run
\`\`\`

## Lessons

${lessons.map((lesson, i) => `${i + 1}. ${lesson.title} (\`${lesson.path}\`)`).join("\n")}
`;
}

/** The kit's .gitignore: what its set-up creates. */
export const KIT_GITIGNORE = "node_modules/\n.venv/\n.gradbook/\n.ipynb_checkpoints/\n";
