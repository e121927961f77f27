// The URLs `npm start` prints: Jupyter logs its address with the host it listens on (a hostname,
// 127.0.0.1, or the machine's name for 0.0.0.0) and masks a token it did not generate itself
// ("?token=..."). We read the scheme, port, path and token from its log and print addresses a
// browser can open, for whatever `--ip` the user chose.
import { hostname, networkInterfaces } from "node:os";

const LOGGED_URL =
  /(https?):\/\/(\[[^\]\s]+\]|[^\s/:[\]]+):(\d+)(\/[^\s?]*?\blab)(?:\?token=([^\s&]+))?(?=[\s&]|$)/;

/** The first JupyterLab URL in a line of Jupyter's log, split into parts; null when none. */
export function loggedUrl(line) {
  const match = LOGGED_URL.exec(line);
  if (!match) return null;
  const [, scheme, host, port, path, token] = match;
  return { scheme, host, port: Number(port), path, token: token === "..." ? null : token };
}

/** Hosts that mean "every address of this machine". */
const ALL_ADDRESSES = new Set(["0.0.0.0", "*", "", "::", "[::]"]);

/** This machine's name and its IPv4 addresses that other machines can reach (not loopback). */
export function machineAddresses() {
  const addresses = Object.entries(networkInterfaces()).flatMap(([name, entries]) =>
    (entries ?? [])
      .filter((entry) => entry.family === "IPv4" && !entry.internal)
      .map((entry) => ({ address: entry.address, interface: name })),
  );
  return { hostname: hostname(), addresses };
}

function bracketed(host) {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/**
 * The URLs to print for a server whose log showed `logged` (see `loggedUrl`) and that was asked
 * to listen on `ip`, each with a note saying where it works. `givenToken` is the token the user
 * passed (undefined when Jupyter made one; "" for none). A server on all addresses (0.0.0.0)
 * gets this machine's loopback URL, then one per network address and its hostname.
 */
export function advertisedUrls(logged, ip, givenToken, machine = machineAddresses()) {
  const token = logged.token ?? givenToken;
  const query = token ? `?token=${encodeURIComponent(token)}` : "";
  const url = (host) =>
    `${logged.scheme}://${bracketed(host)}:${logged.port}${logged.path}${query}`;
  const host = (ip ?? "127.0.0.1").trim();
  if (!ALL_ADDRESSES.has(host)) return [{ url: url(host), note: "" }];
  return [
    { url: url("127.0.0.1"), note: "on this machine" },
    ...machine.addresses.map((entry) => ({
      url: url(entry.address),
      note: `from other machines (${entry.interface})`,
    })),
    { url: url(machine.hostname), note: "by this machine's name" },
  ];
}
