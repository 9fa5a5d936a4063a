// Package pool puts a bounded queue in front of a fixed set of workers. A
// job waits for a free worker only while the queue has room; past that it is
// refused at once, so load beyond what the machine can run never piles up.
package pool

import (
	"context"
	"errors"
	"math"
	"sync"
	"time"
)

// ErrFull is returned when every worker is busy and the queue is full.
var ErrFull = errors.New("pool: every worker is busy and the queue is full")

// Pool hands out workers of type T, one job at a time each.
type Pool[T any] struct {
	admit   chan struct{} // one token per job admitted: running or queued
	workers chan T

	mu      sync.Mutex
	avg     time.Duration // moving average of job durations
	running int
	queued  int
}

// New returns a pool of the given workers with room for queue jobs waiting.
func New[T any](workers []T, queue int) *Pool[T] {
	p := &Pool[T]{
		admit:   make(chan struct{}, len(workers)+queue),
		workers: make(chan T, len(workers)),
		avg:     200 * time.Millisecond,
	}
	for _, w := range workers {
		p.workers <- w
	}
	return p
}

// Do runs job on a free worker, waiting in the queue if there is room. It
// returns ErrFull without waiting if there is not, and ctx's error if ctx
// ends while the job waits.
func (p *Pool[T]) Do(ctx context.Context, job func(ctx context.Context, w T) error) error {
	select {
	case p.admit <- struct{}{}:
	default:
		return ErrFull
	}
	defer func() { <-p.admit }()
	p.count(&p.queued, 1)
	var w T
	select {
	case w = <-p.workers:
		p.count(&p.queued, -1)
	case <-ctx.Done():
		p.count(&p.queued, -1)
		return ctx.Err()
	}
	defer func() { p.workers <- w }()
	p.count(&p.running, 1)
	defer p.count(&p.running, -1)
	start := time.Now()
	defer func() { p.observe(time.Since(start)) }()
	return job(ctx, w)
}

func (p *Pool[T]) count(n *int, d int) {
	p.mu.Lock()
	*n += d
	p.mu.Unlock()
}

func (p *Pool[T]) observe(d time.Duration) {
	p.mu.Lock()
	p.avg = (p.avg*7 + d) / 8
	p.mu.Unlock()
}

// Stats are a snapshot of the pool's load.
type Stats struct {
	Workers, Running, Queued int
	Average                  time.Duration // of recent jobs
}

// Stats returns the pool's load now.
func (p *Pool[T]) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return Stats{Workers: cap(p.workers), Running: p.running, Queued: p.queued, Average: p.avg}
}

// RetryAfter estimates when a refused job would find room: the time for the
// queue ahead of it to drain, in whole seconds, at least one.
func (p *Pool[T]) RetryAfter() time.Duration {
	s := p.Stats()
	ahead := float64(s.Queued+1) / float64(max(s.Workers, 1))
	secs := math.Ceil(ahead * s.Average.Seconds())
	return time.Duration(max(secs, 1)) * time.Second
}

// Close takes every worker back, waiting for running jobs to end or ctx
// to, and returns them for the caller to release.
func (p *Pool[T]) Close(ctx context.Context) ([]T, error) {
	var out []T
	for range cap(p.workers) {
		select {
		case w := <-p.workers:
			out = append(out, w)
		case <-ctx.Done():
			return out, ctx.Err()
		}
	}
	return out, nil
}
