def debounce_times(times: list[int], wait: int) -> list[int]:
    """Return the times (ms) at which a trailing-edge debounced function fires,
    given the times of the events that call it (never decreasing) and the wait
    in ms (at least 1). The firing times come in increasing order.

    An event ends its burst when the next one comes `wait` ms or more later
    (or never): the timer it started then runs out, at its time plus `wait`.
    """
    fired = []
    for i, t in enumerate(times):
        if i == len(times) - 1 or times[i + 1] - t >= wait:
            fired.append(t + wait)
    return fired
