// The red team against `gradbook grade` (issue #20): one run of the real CLI, two workers, over
// lesson 1 handed in by attackers (test/fixtures/redteam/attack-class.ts) and two correct
// students. Every attack must score 0, no file the grader writes may hold a hidden test in any
// encoding, and the correct students keep full marks. Listening sockets on 127.0.0.1 and in a
// folder anyone may enter count every connection an attacker manages.
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readNotebook, serializeNotebook } from "../../src/notebook";
import type { SubmissionResult, TestResult } from "../../src/grader/scoring/results";
import { MAX_RESTARTS } from "../../src/kernel/run-notebook";
import { EXPECTED_TOTAL, LESSON_SOURCE, attackClass } from "../fixtures/redteam/attack-class";
import { runGradbook, type CliResult } from "../support/gradbook-cli";
import { encodingsOf, hiddenTestLines, leakedSecrets } from "../support/leak-check";

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-redteam-"));
const SUBMISSIONS = path.join(WORK, "submissions");
const TMP = path.join(WORK, "tmp");
const OUT = path.join(WORK, "out");
const TIMEOUT_S = 8;
const SUBMISSION_TIMEOUT_S = 40;

const connections: string[] = [];
const servers: net.Server[] = [];
let run: CliResult;

function listen(server: net.Server, where: number | string): Promise<void> {
  servers.push(server);
  return new Promise((resolve) => {
    if (typeof where === "number") server.listen(where, "127.0.0.1", resolve);
    else server.listen(where, resolve);
  });
}

function result(name: string): SubmissionResult {
  return JSON.parse(fs.readFileSync(path.join(OUT, `${name}.json`), "utf8")) as SubmissionResult;
}

function testOf(name: string, gradeId: string): TestResult {
  const found = result(name).tests.find((entry) => entry.gradeId === gradeId);
  if (found === undefined) throw new Error(`${name} has no result for ${gradeId}`);
  return found;
}

// Every text the grader wrote about a submission: its JSON, its feedback page and the notebook
// as it ran, when there is one.
function written(name: string): string {
  return ["json", "html", "ipynb"]
    .map((ext) => path.join(OUT, `${name}.${ext}`))
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, "utf8"))
    .join("\n");
}

beforeAll(async () => {
  for (const dir of [SUBMISSIONS, TMP]) fs.mkdirSync(dir);
  // Kernels may run as other users (when the tests run as root): let them in.
  for (const dir of [WORK, TMP]) fs.chmodSync(dir, 0o755);
  const tcp = net.createServer((socket) => {
    connections.push("tcp");
    socket.destroy();
  });
  await listen(tcp, 0);
  const open = path.join(WORK, "open");
  fs.mkdirSync(open, { mode: 0o777 });
  fs.chmodSync(open, 0o777);
  const unixSocket = path.join(open, "socket");
  const unix = net.createServer((socket) => {
    connections.push("unix");
    socket.destroy();
  });
  await listen(unix, unixSocket);
  fs.chmodSync(unixSocket, 0o777);
  const targets = { tcpPort: (tcp.address() as net.AddressInfo).port, unixSocket };
  for (const [name, notebook] of Object.entries(attackClass(targets))) {
    fs.writeFileSync(path.join(SUBMISSIONS, `${name}.ipynb`), serializeNotebook(notebook));
  }
  run = await runGradbook(
    [
      "grade",
      "--source",
      LESSON_SOURCE,
      "--out",
      OUT,
      "--workers",
      "2",
      "--timeout",
      String(TIMEOUT_S),
      "--submission-timeout",
      String(SUBMISSION_TIMEOUT_S),
      "--memory",
      "1024",
      SUBMISSIONS,
    ],
    { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TMPDIR: TMP } },
  );
}, 600_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  fs.rmSync(WORK, { recursive: true, force: true });
});

describe("the red team against gradbook grade", () => {
  test("the batch completes; every attack scores 0, both correct students 6 / 6", () => {
    expect(run.stderr).not.toContain("internal error");
    expect(run.status).toBe(0);
    const totals = Object.fromEntries(
      Object.keys(EXPECTED_TOTAL).map((name) => [name, result(name).total]),
    );
    expect(totals).toEqual(EXPECTED_TOTAL);
    for (const good of ["a-good-1", "z-good-2"]) {
      expect(result(good).tests.every((entry) => entry.passed && entry.error === "")).toBe(true);
      expect(result(good).problems).toEqual([]);
    }
  });

  test("no file the grader wrote holds a hidden test, in any encoding", () => {
    const secrets = hiddenTestLines(readNotebook(LESSON_SOURCE));
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    const leaks = Object.keys(EXPECTED_TOTAL).flatMap((name) =>
      leakedSecrets(written(name), secrets).map((leak) => `${name}: ${leak}`),
    );
    expect(leaks).toEqual([]);
    for (const shared of ["grades.csv", "summary.html"]) {
      expect(leakedSecrets(fs.readFileSync(path.join(OUT, shared), "utf8"), secrets)).toEqual([]);
    }
  });

  test("the leak check finds a hidden line in each encoding it knows", () => {
    const [secret] = hiddenTestLines(readNotebook(LESSON_SOURCE));
    for (const encoded of encodingsOf(secret)) {
      expect(leakedSecrets(`error: ${encoded} …`, [secret])).toHaveLength(1);
    }
    const base64 = Buffer.from(`prefix ${secret} suffix`).toString("base64");
    expect(leakedSecrets(base64, [secret])).toHaveLength(1);
    expect(leakedSecrets([...secret].join("\n"), [secret])).toHaveLength(1);
  });

  test("route 1: no process.getBuiltinModule, so no vm hook, no module, fs, v8 or zeromq", () => {
    expect(result("vm-hook").problems[0].error).toContain(
      "process.getBuiltinModule is not available in a graded notebook",
    );
    const leak = result("vm-leak").problems[0].error;
    expect(leak).toContain("getBuiltinModule: process.getBuiltinModule is not available");
    expect(leak).toContain('require vm: cannot import "vm" in a graded notebook');
    expect(leak).toContain("binding contextify: process.binding is not available");
    const cache = result("module-cache").problems[0].error;
    for (const what of ["Module._load zeromq", "v8", "fs source"]) {
      expect(cache).toMatch(
        new RegExp(
          `${what}: Cannot read properties of undefined|${what}: process.getBuiltinModule is not available`,
        ),
      );
    }
    expect(cache).toContain("module.constructor: module is not defined");
    expect(cache).toContain("process.mainModule: Cannot read properties of undefined");
    expect(cache).not.toMatch(/: object \|/);
  });

  test("other ways into Node and the machine are closed", () => {
    const error = result("bindings").problems[0].error;
    for (const what of [
      "binding",
      "_linkedBinding",
      "dlopen",
      "loadEnvFile",
      "_debugProcess",
      "chdir",
    ]) {
      expect(error).toContain(`${what}: process.${what} is not available in a graded notebook`);
    }
    expect(error).toContain("report: Cannot read properties of undefined");
    expect(error).toContain("kill grader: process.kill can only signal the notebook's own kernel");
    expect(error).toContain("stdin: Cannot read properties of undefined");
  });

  test("hooks on what tslab decodes messages with change nothing and catch nothing", () => {
    const hooks = result("global-hooks");
    expect(hooks.problems[0].error).toContain("same global: true, constructor: true");
    expect(hooks.problems.at(-1)?.error).toBe("Error: STASH []");
    const imports = result("dynamic-import").problems[0].error;
    expect(imports).toMatch(/import 0: rejected cannot import "fs"/);
    expect(imports).toMatch(/import 1: rejected/);
    expect(imports).toMatch(/import 2: rejected/);
  });

  test("route 2: no connection reached the machine's loopback or a Unix socket", () => {
    expect(connections).toEqual([]);
    const scan = result("a-net-scan").problems[0].error;
    expect(scan).toContain('require net: cannot import "net"');
    expect(scan.split(" | ")).toHaveLength(11);
    // An attempt that got anything would read "<what>: object" or "<what>: function".
    expect(scan).not.toMatch(/: (object|function)( \||$)/);
  });

  test("route 3: no recorder a student can set, and trace records that are copies", () => {
    const error = result("recorder").problems[0].error;
    expect(error).toMatch(/gb\.setRecorder: \S*setRecorder is not a function/);
    expect(error).toContain(
      'gradbook/internal: cannot import "gradbook/internal" in a graded notebook',
    );
    expect(error).toContain('gradbook/dist/internal: cannot import "gradbook/dist/internal"');
    expect(error).toContain("local path: cannot import");
    expect(error).toContain("trace copies: object");
    expect(testOf("recorder", "l01-predict-tests").passed).toBe(false);
  });

  test("route 5: deaths and endless loops are bounded, and cut-off tests say why", () => {
    // Six deaths: at most MAX_RESTARTS restarts, then the run ends (or the budget ends it first
    // on a slow machine, where a restart takes longer). The messages prove which bound ended
    // each run; their wall time also holds kernel starts, which no budget bounds and a loaded
    // machine stretches, so it is not asserted.
    const storm = result("exit-storm");
    expect(storm.kernelRestarts).toBeLessThanOrEqual(MAX_RESTARTS);
    expect(testOf("exit-storm", "l01-solve-tests").error).toMatch(
      new RegExp(
        `^not run: (the kernel died ${MAX_RESTARTS + 1} times, the last time in cell \\d+; gradbook restarts it at most ${MAX_RESTARTS} times|the time budget of the whole notebook \\(${SUBMISSION_TIMEOUT_S} s\\) ran out at cell \\d+)$`,
      ),
    );
    const loops = result("loop-storm");
    expect(testOf("loop-storm", "l01-solve-tests").error).toMatch(
      new RegExp(
        `^not run: the time budget of the whole notebook \\(${SUBMISSION_TIMEOUT_S} s\\) ran out at cell \\d+$`,
      ),
    );
    expect(
      loops.problems.filter((problem) => problem.outcome === "timeout").length,
    ).toBeLessThanOrEqual(Math.ceil(SUBMISSION_TIMEOUT_S / TIMEOUT_S));
  });

  test("values that lie, timers and forged output pass no test and reach no page unescaped", () => {
    expect(testOf("lying-values", "l01-cost-tests").passed).toBe(false);
    expect(testOf("wasm-atomics", "l01-predict-tests").outcome).toMatch(/^(timeout|kernel-died)$/);
    // The student's own output and message, escaped: a page that runs no script of theirs, and
    // an error text without the terminal codes that would dress it up.
    const page = fs.readFileSync(path.join(OUT, "forged-output.html"), "utf8");
    expect(page).not.toContain("<script>alert");
    const forged = testOf("forged-output", "l01-predict-tests");
    expect(forged).toMatchObject({ passed: false, points: 0 });
    expect(["\u001b", "\r"].filter((control) => forged.error.includes(control))).toEqual([]);
  });

  test("a function under test sees no caller, no test frame and no last regular expression input", () => {
    // Call sites name files and lines (no code); a test's frames give neither function nor `this`.
    const seen = testOf("peek-caller", "l01-predict-tests").error;
    expect(seen).toMatch(/^Error: SEEN null \|\| 2 \|\| /);
    const sites = seen.split(" || ")[2].split("\n");
    expect(sites.length).toBeGreaterThan(3);
    expect(sites.every((site) => site.startsWith("undefined undefined "))).toBe(true);
    expect(seen.endsWith(" || ,,")).toBe(true);
  });
});
