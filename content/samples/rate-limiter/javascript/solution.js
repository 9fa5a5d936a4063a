/**
 * A token bucket: holds at most `burst` tokens, gains `rate` tokens per
 * second and spends one token on each request it admits.
 *
 * Tokens are counted in thousandths, so the refill for a whole number of
 * milliseconds is an exact integer (rate thousandths per ms) and no fraction
 * of a token is ever rounded away, as it would be by summing 0.1s in floats.
 */
class Limiter {
  constructor(rate, burst) {
    this.rate = rate;
    this.full = burst * 1000;
    this.milli = this.full;
    this.last = null;
  }

  /** Reports whether a request arriving at nowMs (milliseconds) is admitted. */
  allow(nowMs) {
    if (this.last !== null) {
      // An idle time of `full` ms or more fills the bucket (rate >= 1); the
      // shortcut keeps the product well inside the exact range of a double.
      const elapsed = nowMs - this.last;
      this.milli = elapsed >= this.full ? this.full : Math.min(this.full, this.milli + elapsed * this.rate);
    }
    this.last = nowMs;
    if (this.milli < 1000) {
      return false;
    }
    this.milli -= 1000;
    return true;
  }
}

module.exports = { Limiter };
