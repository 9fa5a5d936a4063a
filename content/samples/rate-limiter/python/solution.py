class Limiter:
    """A token bucket: holds at most `burst` tokens, gains `rate` tokens per
    second and spends one token on each request it admits.

    Tokens are counted in thousandths, so the refill for a whole number of
    milliseconds is an exact integer (rate thousandths per ms) and no
    fraction of a token is ever rounded away.
    """

    def __init__(self, rate: int, burst: int):
        self.rate = rate
        self.full = burst * 1000
        self.milli = self.full
        self.last = None

    def allow(self, now_ms: int) -> bool:
        """Report whether a request arriving at now_ms (milliseconds) is admitted."""
        if self.last is not None:
            self.milli = min(self.full, self.milli + (now_ms - self.last) * self.rate)
        self.last = now_ms
        if self.milli < 1000:
            return False
        self.milli -= 1000
        return True
