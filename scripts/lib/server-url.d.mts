/** A JupyterLab URL from Jupyter's log, in parts; `token` is null when the log masks it. */
export interface LoggedUrl {
  scheme: string;
  host: string;
  port: number;
  path: string;
  token: string | null | undefined;
}
/** This machine's name and its non-loopback IPv4 addresses. */
export interface MachineAddresses {
  hostname: string;
  addresses: { address: string; interface: string }[];
}
export function loggedUrl(line: string): LoggedUrl | null;
export function machineAddresses(): MachineAddresses;
export function advertisedUrls(
  logged: LoggedUrl,
  ip: string | undefined,
  givenToken: string | undefined,
  machine?: MachineAddresses,
): { url: string; note: string }[];
