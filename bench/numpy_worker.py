"""The numpy side of `npm run bench`: one long-lived process driven by bench/run.ts.

Protocol: one JSON request per line on stdin, one JSON reply per line on stdout.
  {"op": "info"}                                  -> versions and the BLAS threadpool in use
  {"op": "load", "inputs": [[name, shape], ...],
   "setup": code, "run": expr}                    -> builds inputs, runs setup, compiles run
  {"op": "time", "loops": n, "clock": c}          -> seconds per evaluation of run (n in a row),
                                                     wall-clock, or process CPU time if c="cpu"
  {"op": "result", "path": file}                  -> writes run's value (float64, C order) to
                                                     file, replies its shape
A failure replies {"error": "..."} and the worker keeps serving.
"""

import json
import platform
import sys
import time
import traceback

import numpy as np


def bench_values(size, q):
    """Same values as benchValues in bench/workload.ts: murmur3-mixed (i, q), in [-1, 1)."""
    i = np.arange(size, dtype=np.uint32)
    salt = np.uint32(((q + 1) * 0x85EBCA77) & 0xFFFFFFFF)
    h = i * np.uint32(0x9E3779B1) + salt
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h.astype(np.float64) / 2147483648.0 - 1.0


def blas_info():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return [{"internal_api": "unknown (threadpoolctl is not installed)"}]
    keys = ("internal_api", "version", "architecture", "num_threads", "filepath")
    return [
        {key: pool.get(key) for key in keys}
        for pool in threadpool_info()
        if pool.get("user_api") == "blas"
    ]


class Worker:
    def __init__(self):
        self.namespace = None
        self.run = None

    def info(self, _request):
        return {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "blas": blas_info(),
        }

    def load(self, request):
        self.namespace = {"np": np}
        self.run = None
        for q, (name, shape) in enumerate(request["inputs"]):
            size = int(np.prod(shape, dtype=np.int64))
            self.namespace[name] = bench_values(size, q).reshape(shape)
        exec(request.get("setup") or "", self.namespace)
        self.run = compile(request["run"], "<bench run>", "eval")
        return {"ok": True}

    def time(self, request):
        loops = int(request["loops"])
        clock = time.process_time if request.get("clock") == "cpu" else time.perf_counter
        run, namespace = self.run, self.namespace
        start = clock()
        for _ in range(loops):
            eval(run, namespace)
        return {"seconds": (clock() - start) / loops}

    def result(self, request):
        # np.array, not np.ascontiguousarray: the latter turns a scalar (np.sum) into shape (1,).
        value = np.array(eval(self.run, self.namespace), dtype=np.float64, order="C")
        value.tofile(request["path"])
        return {"shape": list(value.shape)}


def main():
    worker = Worker()
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply = getattr(worker, request["op"])(request)
        except Exception:  # the harness reports it and goes on with the next workload
            reply = {"error": traceback.format_exc()}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
