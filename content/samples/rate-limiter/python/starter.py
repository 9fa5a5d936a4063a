class Limiter:
    """A token bucket: holds at most `burst` tokens, gains `rate` tokens per
    second and spends one token on each request it admits."""

    def __init__(self, rate: int, burst: int):
        # The bucket starts full. Add the state you need.
        pass

    def allow(self, now_ms: int) -> bool:
        """Report whether a request arriving at now_ms (milliseconds) is admitted."""
        return True  # admits everything: replace with your token bucket
