/**
 * Starting a kernel in a network namespace of its own. There it has no network at all: a new
 * namespace holds only a loopback interface, and that one is down, so neither the machine's
 * loopback (other kernels, the grader, local services) nor anything beyond is reachable, whatever
 * the code in the kernel does. The kernel still talks to its client: Unix sockets are files, and
 * files cross namespaces (connection.ts, transport "ipc").
 *
 * It takes util-linux's `unshare`: as root, `unshare --net` and then, once the namespace exists,
 * `--setuid/--setgid` to the kernel's own user (after the switch it could no longer make one);
 * as any other user, `unshare --map-current-user --net`, a user namespace of its own in which the
 * kernel keeps its user id and has no privilege. Whether this works depends on the machine: a
 * container without CAP_SYS_ADMIN refuses the first, a system that forbids unprivileged user
 * namespaces the second. It is tried once per process (`networkNamespaceSupport`).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Whether kernels can be started without network here, and if not, why. */
export type NetworkNamespaceSupport =
  { supported: true; unshare: string } | { supported: false; reason: string };

/** A command line to start. */
export interface Launch {
  file: string;
  args: string[];
}

const SEARCHED = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"];

function findUnshare(): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), ...SEARCHED];
  return dirs.map((dir) => path.join(dir, "unshare")).find((file) => fs.existsSync(file));
}

// As root the namespace is made directly; otherwise inside a user namespace of our own.
function namespaceFlags(): string[] {
  return process.getuid?.() === 0 ? ["--net"] : ["--map-current-user", "--net"];
}

let probed: NetworkNamespaceSupport | undefined;

/**
 * Find out, once, whether `unshare` can start a program in a new network namespace here (it
 * starts `true` that way, a few milliseconds).
 */
export function networkNamespaceSupport(): NetworkNamespaceSupport {
  if (probed !== undefined) {
    return probed;
  }
  const unshare = findUnshare();
  if (unshare === undefined) {
    probed = { supported: false, reason: "util-linux's unshare is not installed" };
    return probed;
  }
  const trial = spawnSync(unshare, [...namespaceFlags(), "--", "true"], {
    encoding: "utf8",
    timeout: 10_000,
  });
  if (trial.status === 0) {
    probed = { supported: true, unshare };
  } else {
    const said = (trial.stderr ?? "").trim().split("\n")[0] || trial.error?.message || "failed";
    probed = { supported: false, reason: `${path.basename(unshare)} --net failed: ${said}` };
  }
  return probed;
}

/**
 * The command line that runs `file args…` in a network namespace of its own, as `user` when
 * given (root only). Throws when this machine cannot make one (`networkNamespaceSupport`).
 */
export function launchWithoutNetwork(
  file: string,
  args: readonly string[],
  user?: { uid: number; gid: number },
): Launch {
  const support = networkNamespaceSupport();
  if (!support.supported) {
    throw new Error(`cannot start a kernel without network: ${support.reason}`);
  }
  const switchUser =
    user === undefined ? [] : ["--setuid", String(user.uid), "--setgid", String(user.gid)];
  return {
    file: support.unshare,
    args: [...namespaceFlags(), ...switchUser, "--", file, ...args],
  };
}
