package submit

import (
	"context"
	"sync"
	"sync/atomic"
)

// Ordered runs work(ctx, i) for i in [0, n) on up to workers goroutines and calls emit(i, result)
// in index order, each as soon as it and all before it are done; emit runs on the caller's
// goroutine, so it may print without locking. When work reports stop, no further index is started
// (those running finish, so that each started one has a known outcome). Ordered returns how many
// indices were started: [started, n) were never attempted.
func Ordered[T any](ctx context.Context, n, workers int, work func(context.Context, int) (T, bool), emit func(int, T)) int {
	workers = max(1, min(workers, n))
	var (
		next    atomic.Int64 // the next index to start
		stopped atomic.Bool
		wg      sync.WaitGroup
	)
	type done struct {
		i      int
		result T
	}
	results := make(chan done, n)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stopped.Load() && ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				result, stop := work(ctx, i)
				if stop {
					stopped.Store(true)
				}
				results <- done{i, result}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	return emitInOrder(results, n, func(d done) (int, T) { return d.i, d.result }, emit)
}

// emitInOrder buffers results that arrive early and emits each run of consecutive indices; it
// returns how many results arrived.
func emitInOrder[D, T any](results <-chan D, n int, split func(D) (int, T), emit func(int, T)) int {
	pending := make(map[int]T)
	next, received := 0, 0
	for d := range results {
		i, result := split(d)
		pending[i] = result
		received++
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			emit(next, r)
			next++
		}
	}
	return received
}
