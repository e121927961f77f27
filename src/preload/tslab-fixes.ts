/**
 * What every tslab kernel gradbook starts loads first (`node --require …/tslab-fixes.js`;
 * JupyterLab's kernel gets it through NODE_OPTIONS in the kernelspec that setup writes). It
 * patches tslab's own TypeScript before tslab creates its compiler (watch-timers.ts, and
 * global-types.ts: only @types/node is loaded as globals), its zeromq sockets so that no
 * message is dropped (serial-sends.ts, and no high-water mark), its server so that a message
 * that fails to verify is dropped without echoing its expected signature (verify-messages.ts),
 * and, in kernels gradbook drives one request at a time, the pause after a failed cell
 * (abort-window.ts).
 */
import { createRequire } from "node:module";
import type * as TS from "@tslab/typescript-for-tslab";
import { abortWindowFromEnv, shortenAbortWindow } from "./abort-window";
import { limitGlobalTypes } from "./global-types";
import { serializeSends } from "./serial-sends";
import { dropUnverifiedMessages } from "./verify-messages";
import { routeWatchTimers } from "./watch-timers";

type PublisherClass = new (options?: Record<string, unknown>) => object;
interface ZeroMQ {
  Publisher: PublisherClass;
}

/**
 * tslab's IOPub publisher drops messages beyond zeromq's default high-water mark of 1000 queued
 * per subscriber, so a cell that prints fast lost its last outputs, the error among them. The
 * kernel's memory cap, not a silent drop, is the limit that should apply.
 */
function keepEveryPublishedMessage(zmq: ZeroMQ): void {
  const Original = zmq.Publisher;
  zmq.Publisher = class extends Original {
    constructor(options: Record<string, unknown> = {}) {
      super({ sendHighWaterMark: 0, ...options });
    }
  };
}

// tslab's own dependencies, wherever npm placed them.
const fromTslab = createRequire(require.resolve("tslab/package.json"));

const tslabTypeScript = fromTslab("@tslab/typescript-for-tslab") as typeof TS;
routeWatchTimers(tslabTypeScript.sys);
limitGlobalTypes(tslabTypeScript.sys);

// Publisher and Router share zeromq's Socket.prototype, which defines send. When zeromq cannot
// load here, tslab cannot either, and its own start-up error says so: leave that to tslab.
let zmq: ZeroMQ | undefined;
try {
  zmq = fromTslab("zeromq") as ZeroMQ;
} catch {
  zmq = undefined;
}
if (zmq !== undefined) {
  serializeSends(Object.getPrototypeOf(zmq.Publisher.prototype) as object);
  keepEveryPublishedMessage(zmq);
}

const jupyter = fromTslab("./dist/jupyter.js") as {
  ZmqServer?: Parameters<typeof dropUnverifiedMessages>[0];
};
if (jupyter.ZmqServer !== undefined) dropUnverifiedMessages(jupyter.ZmqServer);

const abortWindowMs = abortWindowFromEnv(process.env);
if (abortWindowMs !== undefined) {
  const util = fromTslab("./dist/util.js") as {
    TaskQueue?: Parameters<typeof shortenAbortWindow>[0];
  };
  if (util.TaskQueue !== undefined) shortenAbortWindow(util.TaskQueue, abortWindowMs);
}
