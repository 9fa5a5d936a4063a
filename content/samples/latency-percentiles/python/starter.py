def percentiles(records: list[dict]) -> list[dict]:
    """Return p50, p95 and p99 latency per endpoint, by nearest rank.

    records: [{"endpoint": str, "ms": int}, ...] in any order.
    Returns [{"endpoint": str, "p50": int, "p95": int, "p99": int}, ...],
    one entry per endpoint, sorted by endpoint.
    """
    return []  # replace with your solution
