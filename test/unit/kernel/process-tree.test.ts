import { describe, expect, test } from "vitest";
import { parseStat, treeProcesses, type ProcessInfo } from "../../../src/kernel/process-tree";

describe("parseStat", () => {
  test("reads pid, state, ppid, pgrp and session, even when the name has spaces and parentheses", () => {
    const line = "4242 (node (tslab) x) S 4000 4242 4242 0 -1 4194560 7429 0 0 0 38 4 0 0 20 0 11";
    expect(parseStat(line)).toEqual({
      pid: 4242,
      ppid: 4000,
      pgrp: 4242,
      session: 4242,
      state: "S",
    });
    expect(parseStat("garbage")).toBeNull();
    expect(parseStat("12 (x) S a b c")).toBeNull();
  });
});

describe("treeProcesses", () => {
  const p = (
    pid: number,
    ppid: number,
    pgrp: number,
    session: number,
    state = "S",
  ): ProcessInfo => ({
    pid,
    ppid,
    pgrp,
    session,
    state,
  });
  // 100 is the kernel (session and group leader). 101 is its child; 102 a grandchild that moved
  // to its own session (setsid); 103 an orphan re-parented to init but still in the group; 104
  // a zombie child; 200 and 201 belong to someone else.
  const table = [
    p(1, 0, 1, 1),
    p(100, 50, 100, 100),
    p(101, 100, 100, 100),
    p(102, 101, 102, 102),
    p(103, 1, 100, 100),
    p(104, 100, 100, 100, "Z"),
    p(105, 102, 102, 102),
    p(200, 1, 200, 200),
    p(201, 200, 200, 200),
  ];

  test("finds descendants, group and session members, and leaves out zombies and strangers", () => {
    const pids = treeProcesses(100, table)
      .map((info) => info.pid)
      .sort((a, b) => a - b);
    expect(pids).toEqual([100, 101, 102, 103, 105]);
  });

  test("still finds the group and session after the kernel itself has exited", () => {
    const withoutKernel = table.filter((info) => info.pid !== 100);
    const pids = treeProcesses(100, withoutKernel)
      .map((info) => info.pid)
      .sort((a, b) => a - b);
    expect(pids).toEqual([101, 102, 103, 105]);
  });
});
