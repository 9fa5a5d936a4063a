package pool

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestDoRefusesBeyondTheQueue(t *testing.T) {
	tests := []struct {
		name           string
		workers, queue int
		jobs           int
		wantFull       int
	}{
		{"room for all", 2, 2, 4, 0},
		{"two over", 2, 2, 6, 2},
		{"no queue", 1, 0, 3, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			workers := make([]int, tt.workers)
			for i := range workers {
				workers[i] = i
			}
			p := New(workers, tt.queue)
			release := make(chan struct{})
			var wg sync.WaitGroup
			errs := make(chan error, tt.jobs)
			for range tt.jobs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs <- p.Do(t.Context(), func(context.Context, int) error { <-release; return nil })
				}()
			}
			// Let every job be admitted or refused before any finishes.
			deadline := time.Now().Add(2 * time.Second)
			for {
				s := p.Stats()
				if s.Running+s.Queued == min(tt.jobs, tt.workers+tt.queue) || time.Now().After(deadline) {
					break
				}
				time.Sleep(time.Millisecond)
			}
			time.Sleep(10 * time.Millisecond)
			close(release)
			wg.Wait()
			close(errs)
			full := 0
			for err := range errs {
				if errors.Is(err, ErrFull) {
					full++
				} else if err != nil {
					t.Errorf("Do: %v", err)
				}
			}
			if full != tt.wantFull {
				t.Errorf("%d jobs refused, want %d", full, tt.wantFull)
			}
			if s := p.Stats(); s.Running != 0 || s.Queued != 0 {
				t.Errorf("after the jobs: %+v", s)
			}
			if ws, err := p.Close(t.Context()); err != nil || len(ws) != tt.workers {
				t.Errorf("Close = %v, %v; want %d workers back", ws, err, tt.workers)
			}
		})
	}
}

func TestDoGivesUpWhenCtxEnds(t *testing.T) {
	p := New([]int{0}, 1)
	hold := make(chan struct{})
	go p.Do(t.Context(), func(context.Context, int) error { <-hold; return nil })
	for p.Stats().Running == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	err := p.Do(ctx, func(context.Context, int) error { t.Error("job ran without a worker"); return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Do = %v, want deadline exceeded", err)
	}
	close(hold)
	if _, err := p.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestRetryAfter(t *testing.T) {
	p := New([]int{0, 1}, 8)
	if got := p.RetryAfter(); got != time.Second {
		t.Errorf("RetryAfter of an idle pool = %v, want 1s", got)
	}
	p.avg = 3 * time.Second
	p.queued = 3
	if got := p.RetryAfter(); got != 6*time.Second {
		t.Errorf("RetryAfter = %v, want 6s (2 jobs per worker ahead at 3s each)", got)
	}
}
