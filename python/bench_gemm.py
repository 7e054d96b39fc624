"""Times float32 C = A @ B with numpy (its bundled OpenBLAS): the peer of `recurbench bench gemm --vs-numpy`.

Run by the Java CLI inside the project's .venv; the BLAS thread count comes from OPENBLAS_NUM_THREADS,
which the caller sets before this interpreter starts (OpenBLAS reads it once, at import).
The timing method mirrors the Java side: warm up, then `repeat` samples, each a loop of enough
products to last at least --min-sample-ms; reports the best and the median time of one product, and the CPU time of the
process (all BLAS threads) per product of each sample, which other load on the machine disturbs far less.
Prints one JSON line on stdout.
"""

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np


def blas_name() -> str:
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '?')}"
    except Exception:  # show_config's layout is informative only; never fail the benchmark on it
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, required=True, help="n of the n x n x n product")
    parser.add_argument("--repeat", type=int, default=5, help="timed samples")
    parser.add_argument("--min-sample-ms", type=float, default=50.0, help="shortest duration of one sample")
    args = parser.parse_args()
    if args.size < 1 or args.repeat < 1:
        print("bench_gemm.py: --size and --repeat must be >= 1", file=sys.stderr)
        return 2

    n = args.size
    rng = np.random.default_rng(1)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    c = np.empty((n, n), dtype=np.float32)

    start = time.perf_counter()
    warm = 0
    while warm < 3 or time.perf_counter() - start < 0.5:
        np.matmul(a, b, out=c)
        warm += 1
    one = (time.perf_counter() - start) / warm
    inner = max(1, int(args.min_sample_ms / 1000.0 / max(one, 1e-9)))

    samples, cpu_samples = [], []
    for _ in range(args.repeat):
        t0, cpu0 = time.perf_counter(), time.process_time()
        for _ in range(inner):
            np.matmul(a, b, out=c)
        samples.append((time.perf_counter() - t0) / inner)
        cpu_samples.append((time.process_time() - cpu0) / inner)

    flops = 2.0 * n * n * n
    best, median = min(samples), statistics.median(samples)
    print(json.dumps({
        "n": n,
        "best_s": best,
        "median_s": median,
        "gflops_best": flops / best / 1e9,
        "gflops_median": flops / median / 1e9,
        "numpy": np.__version__,
        "blas": blas_name(),
        "threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
        "samples_s": samples,
        "cpu_samples_s": cpu_samples,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
