package main

// Limiter is a token bucket: it holds at most burst tokens, gains rate tokens
// per second and spends one token on each request it admits.
//
// Tokens are counted in thousandths so that the refill for any whole number
// of milliseconds is an exact integer: rate tokens per second are exactly
// rate thousandths per millisecond, and no fraction is ever lost or rounded.
type Limiter struct {
	rate    int64 // tokens per second, so thousandths per millisecond
	full    int64 // burst, in thousandths
	milli   int64 // tokens now, in thousandths
	last    int64 // time of the previous call, in ms
	started bool  // whether last is set
}

// NewLimiter returns a limiter whose bucket starts full.
func NewLimiter(rate, burst int) *Limiter {
	full := int64(burst) * 1000
	return &Limiter{rate: int64(rate), full: full, milli: full}
}

// Allow reports whether a request arriving at nowMs (milliseconds) is admitted.
func (l *Limiter) Allow(nowMs int64) bool {
	if l.started {
		l.refill(nowMs - l.last)
	}
	l.started, l.last = true, nowMs
	if l.milli < 1000 {
		return false
	}
	l.milli -= 1000
	return true
}

// refill adds the tokens earned in elapsed ms, never past the burst. An idle
// time of full ms or more fills the bucket whatever the rate (rate >= 1),
// which also keeps elapsed*rate from overflowing after a very long pause.
func (l *Limiter) refill(elapsed int64) {
	if elapsed >= l.full {
		l.milli = l.full
		return
	}
	l.milli = min(l.full, l.milli+elapsed*l.rate)
}
