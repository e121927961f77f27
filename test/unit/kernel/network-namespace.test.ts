import { describe, expect, test } from "vitest";
import {
  launchWithoutNetwork,
  networkNamespaceSupport,
} from "../../../src/kernel/network-namespace";
import { permissionArgs } from "../../../src/kernel/kernel-process";

const support = networkNamespaceSupport();
const root = process.getuid?.() === 0;

describe("kernels without network", () => {
  test("the probe answers once, with the reason when this machine cannot", () => {
    expect(networkNamespaceSupport()).toBe(support);
    if (!support.supported) {
      expect(support.reason).toMatch(/unshare/);
    }
  });

  test.runIf(support.supported)(
    "unshare makes the namespace, then switches to the kernel's user",
    () => {
      const launch = launchWithoutNetwork(
        "/usr/bin/node",
        ["kernel.js"],
        root ? { uid: 64001, gid: 64001 } : undefined,
      );
      expect(launch.file).toMatch(/unshare$/);
      expect(launch.args).toEqual(
        root
          ? ["--net", "--setuid", "64001", "--setgid", "64001", "--", "/usr/bin/node", "kernel.js"]
          : ["--map-current-user", "--net", "--", "/usr/bin/node", "kernel.js"],
      );
    },
  );

  test.runIf(!support.supported)("asking anyway says why it cannot", () => {
    expect(() => launchWithoutNetwork("/usr/bin/node", [])).toThrow(
      /cannot start a kernel without network: /,
    );
  });
});

describe("permissionArgs", () => {
  test("reads of the given paths and of the kernel's own connection folder, addons, nothing else", () => {
    const args = permissionArgs({
      cwd: "/work",
      connectionFile: "/tmp/gradbook-kernel-x/connection.json",
      permissions: { readablePaths: ["/work", "/runtime/node_modules"] },
    });
    expect(args[0]).toMatch(/^--(experimental-)?permission$/);
    expect(args.slice(1)).toEqual([
      "--allow-addons",
      "--allow-fs-read=/work",
      "--allow-fs-read=/runtime/node_modules",
      "--allow-fs-read=/tmp/gradbook-kernel-x",
    ]);
    expect(permissionArgs({ cwd: "/work", connectionFile: "/tmp/c.json" })).toEqual([]);
  });
});
