/**
 * The processes that belong to a kernel, read from Linux's /proc: its descendants plus every
 * process still in its process group or session (the kernel is started as a session leader).
 * Used to measure the tree's memory and to kill all of it, including children that moved to
 * their own process group. Elsewhere than Linux the tree is the kernel's process group alone.
 */
import * as fs from "node:fs";

/** One process as /proc describes it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  session: number;
  /** One-letter state; "Z" is a zombie that only waits to be reaped. */
  state: string;
}

/** Whether this system exposes /proc the Linux way. */
export const hasProcfs: boolean = fs.existsSync("/proc/self/stat");

/** Parse one /proc/<pid>/stat line; null when it is not in the expected form. */
export function parseStat(line: string): ProcessInfo | null {
  // The command name sits in parentheses and may itself contain spaces and parentheses.
  const open = line.indexOf("(");
  const close = line.lastIndexOf(")");
  if (open < 0 || close < open) {
    return null;
  }
  const fields = line.slice(close + 2).split(" ");
  const numbers = [line.slice(0, open).trim(), fields[1], fields[2], fields[3]].map(Number);
  if (numbers.some((n) => !Number.isInteger(n))) {
    return null;
  }
  const [pid, ppid, pgrp, session] = numbers;
  return { pid, ppid, pgrp, session, state: fields[0] };
}

/** Every process visible in /proc (processes that vanish while reading are skipped). */
export function listProcesses(): ProcessInfo[] {
  if (!hasProcfs) {
    return [];
  }
  const processes: ProcessInfo[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) {
      continue;
    }
    try {
      const info = parseStat(fs.readFileSync(`/proc/${name}/stat`, "utf8"));
      if (info) {
        processes.push(info);
      }
    } catch {
      // The process exited between readdir and read.
    }
  }
  return processes;
}

/**
 * Live (non-zombie) processes of the tree rooted at `rootPid`: its descendants and anything in
 * its process group or session, `rootPid` included while it lives.
 */
export function treeProcesses(rootPid: number, processes = listProcesses()): ProcessInfo[] {
  const children = new Map<number, ProcessInfo[]>();
  for (const info of processes) {
    const siblings = children.get(info.ppid) ?? [];
    siblings.push(info);
    children.set(info.ppid, siblings);
  }
  const found = new Map<number, ProcessInfo>();
  for (const info of processes) {
    if (info.pid === rootPid || info.pgrp === rootPid || info.session === rootPid) {
      found.set(info.pid, info);
    }
  }
  const stack = [...found.values()];
  for (let info = stack.pop(); info !== undefined; info = stack.pop()) {
    for (const child of children.get(info.pid) ?? []) {
      if (!found.has(child.pid)) {
        found.set(child.pid, child);
        stack.push(child);
      }
    }
  }
  return [...found.values()].filter((info) => info.state !== "Z");
}

/** Resident memory of one process in bytes (0 when it is gone or unreadable). */
export function residentBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Total resident memory of the tree rooted at `rootPid`, in bytes. */
export function treeResidentBytes(rootPid: number): number {
  return treeProcesses(rootPid).reduce((sum, info) => sum + residentBytes(info.pid), 0);
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone (ESRCH), or not ours to signal (EPERM): nothing more to do for this one.
  }
}

/**
 * Send `signal` to the process group `rootPid` and to every process of its tree. Stopping the
 * tree first (SIGSTOP) keeps a forking process from spawning children between scan and kill.
 */
export function signalTree(rootPid: number, signal: NodeJS.Signals): void {
  let members = treeProcesses(rootPid);
  if (signal === "SIGKILL") {
    signalQuietly(-rootPid, "SIGSTOP");
    members.forEach((info) => signalQuietly(info.pid, "SIGSTOP"));
    // Rescan before anything dies: once a parent is gone its orphans are re-parented to init
    // and a child that left the group and session could no longer be traced to this tree.
    members = treeProcesses(rootPid);
  }
  signalQuietly(-rootPid, signal);
  members.forEach((info) => signalQuietly(info.pid, signal));
}
