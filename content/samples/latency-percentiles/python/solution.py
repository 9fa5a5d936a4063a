from collections import defaultdict


def percentiles(records: list[dict]) -> list[dict]:
    """Return p50, p95 and p99 latency per endpoint, by nearest rank.

    records: [{"endpoint": str, "ms": int}, ...] in any order.
    Returns [{"endpoint": str, "p50": int, "p95": int, "p99": int}, ...],
    one entry per endpoint, sorted by endpoint.
    """
    by_endpoint = defaultdict(list)
    for r in records:
        by_endpoint[r["endpoint"]].append(r["ms"])
    out = []
    for endpoint in sorted(by_endpoint):
        values = sorted(by_endpoint[endpoint])
        out.append({
            "endpoint": endpoint,
            "p50": nearest_rank(values, 50),
            "p95": nearest_rank(values, 95),
            "p99": nearest_rank(values, 99),
        })
    return out


def nearest_rank(values: list[int], p: int) -> int:
    """The p-th percentile of sorted values: the value at rank ceil(p*n/100),
    counting ranks from 1. Integer arithmetic, so no float rounding."""
    rank = (p * len(values) + 99) // 100
    return values[rank - 1]
