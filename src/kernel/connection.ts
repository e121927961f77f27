/**
 * A kernel's connection file: five free loopback ports, a random signing key, written to a
 * private temporary folder (mode 0700, file 0600) so that no other user can read the key and
 * inject code into the kernel.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

/** The kernel's side of the connection, as `jupyter_client` writes it. */
export interface ConnectionInfo {
  transport: "tcp";
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: "hmac-sha256";
  kernel_name: string;
}

/** A connection file on disk; `dispose` removes it and its folder. */
export interface ConnectionFile {
  info: ConnectionInfo;
  /** Absolute path of the JSON file to pass to the kernel. */
  path: string;
  dispose(): void;
}

const LOOPBACK = "127.0.0.1";

// Ports handed out recently, so that kernels started at the same moment by parallel workers
// never get the same port from the OS before either kernel has bound it.
const recentPorts = new Map<number, number>();
const RECENT_MS = 60_000;

function listenOnFreePort(): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => resolve(server));
  });
}

/**
 * `count` distinct free TCP ports on 127.0.0.1. All are held open together before being
 * released, so they differ from each other; ports given out in the last minute are skipped.
 */
export async function allocatePorts(count: number): Promise<number[]> {
  const now = Date.now();
  for (const [port, time] of recentPorts) {
    if (now - time > RECENT_MS) {
      recentPorts.delete(port);
    }
  }
  const servers: net.Server[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const server = await listenOnFreePort();
      servers.push(server);
      const port = (server.address() as net.AddressInfo).port;
      if (!recentPorts.has(port)) {
        ports.push(port);
        recentPorts.set(port, now);
      }
    }
  } finally {
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  }
  return ports;
}

// Folders of connection files not yet disposed, removed if gradbook exits first (Ctrl-C).
const liveFolders = new Set<string>();
let exitHookInstalled = false;

function removeLiveFolders(): void {
  for (const dir of liveFolders) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Allocate ports and a key, and write them to a fresh private connection file. With `owner`,
 * the folder and file belong to that user, for a kernel that runs as another user.
 */
export async function createConnectionFile(
  owner?: { uid: number; gid: number },
  kernelName = "tslab",
): Promise<ConnectionFile> {
  const [shell, iopub, stdin, control, hb] = await allocatePorts(5);
  const info: ConnectionInfo = {
    transport: "tcp",
    ip: LOOPBACK,
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    kernel_name: kernelName,
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-kernel-"));
  const file = path.join(dir, "connection.json");
  fs.writeFileSync(file, JSON.stringify(info, null, 1), { mode: 0o600 });
  if (owner) {
    fs.chownSync(dir, owner.uid, owner.gid);
    fs.chownSync(file, owner.uid, owner.gid);
  }
  liveFolders.add(dir);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", removeLiveFolders);
  }
  return {
    info,
    path: file,
    dispose: () => {
      liveFolders.delete(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The ZeroMQ address of one of the kernel's ports. */
export function endpoint(info: ConnectionInfo, port: number): string {
  return `${info.transport}://${info.ip}:${port}`;
}
