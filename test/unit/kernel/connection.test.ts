import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, test } from "vitest";
import { allocatePorts, createConnectionFile, endpoint } from "../../../src/kernel/connection";

describe("createConnectionFile", () => {
  test("writes five distinct loopback ports and a 256-bit key to a private file", async () => {
    const file = await createConnectionFile();
    try {
      const written = JSON.parse(fs.readFileSync(file.path, "utf8"));
      expect(written).toEqual(file.info);
      const ports = [
        written.shell_port,
        written.iopub_port,
        written.stdin_port,
        written.control_port,
        written.hb_port,
      ];
      expect(new Set(ports).size).toBe(5);
      ports.forEach((port) => expect(port).toBeGreaterThan(0));
      expect(written).toMatchObject({
        transport: "tcp",
        ip: "127.0.0.1",
        signature_scheme: "hmac-sha256",
      });
      expect(written.key).toMatch(/^[0-9a-f]{64}$/);
      expect(fs.statSync(file.path).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file.path)).mode & 0o777).toBe(0o700);
      expect(endpoint(file.info, written.shell_port)).toBe(`tcp://127.0.0.1:${written.shell_port}`);
    } finally {
      file.dispose();
    }
    expect(fs.existsSync(path.dirname(file.path))).toBe(false);
  });

  test("files created at the same moment never share a port or a key", async () => {
    const files = await Promise.all([
      createConnectionFile(),
      createConnectionFile(),
      createConnectionFile(),
    ]);
    try {
      const ports = files.flatMap(({ info }) => [
        info.shell_port,
        info.iopub_port,
        info.stdin_port,
        info.control_port,
        info.hb_port,
      ]);
      expect(new Set(ports).size).toBe(15);
      expect(new Set(files.map(({ info }) => info.key)).size).toBe(3);
    } finally {
      files.forEach((file) => file.dispose());
    }
  });

  // Switching a kernel to another user takes root, as on CI; elsewhere chown is not allowed.
  test.runIf(process.getuid?.() === 0)("an owner gets the folder and the file", async () => {
    const file = await createConnectionFile({ owner: { uid: 12345, gid: 23456 } });
    try {
      for (const target of [file.path, path.dirname(file.path)]) {
        expect(fs.statSync(target)).toMatchObject({ uid: 12345, gid: 23456 });
      }
    } finally {
      file.dispose();
    }
  });

  test('"ipc" puts the sockets in the private folder, where only the kernel and root may go', async () => {
    const file = await createConnectionFile({ transport: "ipc" });
    try {
      const dir = path.dirname(file.path);
      expect(file.info).toMatchObject({ transport: "ipc", ip: path.join(dir, "kernel") });
      expect(endpoint(file.info, file.info.shell_port)).toBe(`ipc://${dir}/kernel:1`);
      expect(
        new Set([
          file.info.shell_port,
          file.info.iopub_port,
          file.info.stdin_port,
          file.info.control_port,
          file.info.hb_port,
        ]).size,
      ).toBe(5);
    } finally {
      file.dispose();
    }
  });

  test("a temporary folder too deep for Unix socket names is refused, saying what to do", async () => {
    const deep = path.join(os.tmpdir(), `gradbook-deep-${"d".repeat(90)}`);
    fs.mkdirSync(deep, { recursive: true });
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = deep;
    try {
      await expect(createConnectionFile({ transport: "ipc" })).rejects.toThrow(
        /more than the 107 a socket path may have: point TMPDIR to a shorter folder/,
      );
      expect(fs.readdirSync(deep)).toEqual([]);
    } finally {
      process.env.TMPDIR = saved;
      fs.rmSync(deep, { recursive: true, force: true });
    }
  });

  test("allocatePorts does not hand out a port it gave out a moment ago", async () => {
    const first = await allocatePorts(20);
    const second = await allocatePorts(20);
    expect(new Set([...first, ...second]).size).toBe(40);
  });
});
