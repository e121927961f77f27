// One busy process of the test load (scripts/lib/load.mjs): spins a core at normal priority and
// churns memory the way a grading job beside CI would (fresh Float64Arrays written and read, a
// working set the garbage collector keeps replacing), until its parent says stop or goes away.
const SLAB = 1 << 20; // Float64 entries: 8 MiB a slab
const SLABS = 24; // a 192 MiB working set, about what one tslab kernel holds while grading

const slabs = new Array(SLABS).fill(null);
let churnedBytes = 0;
let next = 0;
let checksum = 0;

/** Replaces one slab of the working set and reads the oldest one. */
function churn() {
  const fresh = new Float64Array(SLAB);
  for (let i = 0; i < SLAB; i++) fresh[i] = i * 1.000001 + checksum;
  slabs[next] = fresh;
  next = (next + 1) % SLABS;
  const old = slabs[next];
  if (old) for (let i = 0; i < SLAB; i += 8) checksum = (checksum + old[i]) % 1e9;
  churnedBytes += fresh.byteLength;
}

function report() {
  const { user, system } = process.cpuUsage();
  process.send?.({ cpuMs: (user + system) / 1000, churnedBytes });
}

process.on("message", (message) => {
  if (message === "stop") {
    report();
    process.disconnect();
    process.exit(0);
  }
});
// The parent died without saying stop: never outlive it.
process.on("disconnect", () => process.exit(0));

// Short bursts between turns of the event loop, so "stop" is heard within milliseconds while the
// core stays busy the rest of the time.
function spin() {
  const until = Date.now() + 50;
  while (Date.now() < until) churn();
  setImmediate(spin);
}
spin();
