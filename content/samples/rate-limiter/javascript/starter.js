/**
 * A token bucket: holds at most `burst` tokens, gains `rate` tokens per
 * second and spends one token on each request it admits.
 */
class Limiter {
  constructor(rate, burst) {
    // The bucket starts full. Add the state you need.
  }

  /** Reports whether a request arriving at nowMs (milliseconds) is admitted. */
  allow(nowMs) {
    return true; // admits everything: replace with your token bucket
  }
}

module.exports = { Limiter };
