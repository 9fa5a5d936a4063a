package main

// Limiter is a token bucket: it holds at most burst tokens, gains rate tokens
// per second and spends one token on each request it admits.
type Limiter struct {
	// Add the fields you need.
}

// NewLimiter returns a limiter whose bucket starts full.
func NewLimiter(rate, burst int) *Limiter {
	return &Limiter{}
}

// Allow reports whether a request arriving at nowMs (milliseconds) is admitted.
func (l *Limiter) Allow(nowMs int64) bool {
	return true // admits everything: replace with your token bucket
}
