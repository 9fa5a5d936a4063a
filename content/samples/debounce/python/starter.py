def debounce_times(times: list[int], wait: int) -> list[int]:
    """Return the times (ms) at which a trailing-edge debounced function fires,
    given the times of the events that call it (never decreasing) and the wait
    in ms (at least 1). The firing times come in increasing order."""
    return []  # replace with your solution
