/**
 * A kernel's connection file: where its five sockets are and a random signing key, written to a
 * private temporary folder (mode 0700, file 0600) so that no other user can read the key and
 * inject code into the kernel. The sockets are either free loopback TCP ports (transport "tcp",
 * what JupyterLab does too) or Unix sockets in that same private folder (transport "ipc"): those
 * only the kernel's user and root can reach, without any network, so they also serve a kernel
 * that has no network at all (network-namespace.ts).
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

/** How a kernel's sockets are reached: loopback TCP ports, or Unix sockets in a folder. */
export type Transport = "tcp" | "ipc";

/** The kernel's side of the connection, as `jupyter_client` writes it. */
export interface ConnectionInfo {
  transport: Transport;
  /** The loopback address (tcp), or the path that socket names start with (ipc). */
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

/** How to make a connection file. */
export interface ConnectionFileOptions {
  /** The user the folder and file belong to, for a kernel that runs as another user. */
  owner?: { uid: number; gid: number };
  /** Default "tslab". */
  kernelName?: string;
  /** Default "tcp". */
  transport?: Transport;
}

// The longest path a Unix socket can have on Linux (sun_path is 108 bytes with its final NUL).
const MAX_SOCKET_PATH = 107;

// With "ipc", the sockets are `<dir>/kernel:<n>`: tslab and this client both build an address
// as `${transport}://${ip}:${port}`, and numbers 1–5 keep the names short.
function socketAddresses(dir: string): { ip: string; ports: number[] } {
  const ip = path.join(dir, "kernel");
  const longest = Buffer.byteLength(`${ip}:5`);
  if (longest > MAX_SOCKET_PATH) {
    throw new Error(
      `the kernel's Unix sockets would be ${longest} bytes long (${ip}:5), more than the ` +
        `${MAX_SOCKET_PATH} a socket path may have: point TMPDIR to a shorter folder`,
    );
  }
  return { ip, ports: [1, 2, 3, 4, 5] };
}

/**
 * Allocate the kernel's sockets and a key, and write them to a fresh private connection file
 * (see the file comment and `ConnectionFileOptions`).
 */
export async function createConnectionFile(
  options: ConnectionFileOptions = {},
): Promise<ConnectionFile> {
  const transport = options.transport ?? "tcp";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gradbook-kernel-"));
  let address: { ip: string; ports: number[] };
  try {
    address =
      transport === "ipc" ? socketAddresses(dir) : { ip: LOOPBACK, ports: await allocatePorts(5) };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const [shell, iopub, stdin, control, hb] = address.ports;
  const info: ConnectionInfo = {
    transport,
    ip: address.ip,
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
    key: randomBytes(32).toString("hex"),
    signature_scheme: "hmac-sha256",
    kernel_name: options.kernelName ?? "tslab",
  };
  const file = path.join(dir, "connection.json");
  fs.writeFileSync(file, JSON.stringify(info, null, 1), { mode: 0o600 });
  const owner = options.owner;
  if (owner) {
    // The kernel creates its Unix sockets in this folder, so it must own it.
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

/** The ZeroMQ address of one of the kernel's sockets (`ipc://<dir>/kernel:1` or `tcp://…`). */
export function endpoint(info: ConnectionInfo, port: number): string {
  return `${info.transport}://${info.ip}:${port}`;
}
