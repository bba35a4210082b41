"""Small timing helpers shared by the benchmarks."""

import statistics
import time


def percentile(samples, p):
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def measure(fn, repeat):
    """Call fn() `repeat` times; return the list of durations in milliseconds."""
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def summary(label, samples):
    return (
        f"{label}: p50 {statistics.median(samples):.2f} ms, p95 {percentile(samples, 95):.2f} ms, "
        f"n={len(samples)}"
    )
