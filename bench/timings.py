"""Percentiles and one-line summaries for the benchmark scripts in this folder."""

import math


def percentile(sorted_values, fraction):
    """Return the nearest-rank percentile of an ascending list, e.g. fraction=0.99.

    Nearest rank never interpolates, so every reported figure is one that was measured.
    """
    if not sorted_values:
        raise ValueError("no values to take a percentile of")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise_ms(seconds):
    """Return count, p50, p99 and max in milliseconds of a list of durations in seconds."""
    values = sorted(value * 1000 for value in seconds)
    return {
        "count": len(values),
        "p50": percentile(values, 0.50),
        "p99": percentile(values, 0.99),
        "max": values[-1],
    }


def format_ms(summary):
    return (
        f"n={summary['count']:>5}  p50 {summary['p50']:7.3f} ms  "
        f"p99 {summary['p99']:7.3f} ms  max {summary['max']:8.3f} ms"
    )
