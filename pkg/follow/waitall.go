package follow

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// maxConcurrentFollows bounds the open watches, so a large batch does not exhaust the server's (or a
// proxy's) connection limits.
const maxConcurrentFollows = 16

// WaitAll follows every ref concurrently (at most 16 at a time) and calls onFinish (may be nil; serialized,
// never concurrently) as each finishes, in finishing order. It returns the final statuses in refs order and
// the errors joined (each wrapped with its ref, e.g. "argo/hello-x: …"); on ctx end it returns what it has
// and ctx.Err() (once, not per workflow).
func WaitAll(ctx context.Context, src Source, refs []Ref, opts Options, onFinish func(Status)) ([]Status, error) {
	statuses := make([]Status, len(refs))
	errs := make([]error, len(refs))
	slots := make(chan struct{}, maxConcurrentFollows)
	var finishing sync.Mutex // serializes onFinish
	var running sync.WaitGroup
	for i, ref := range refs {
		running.Go(func() {
			statuses[i], errs[i] = followInSlot(ctx, slots, src, ref, opts)
			if errs[i] == nil && onFinish != nil {
				finishing.Lock()
				defer finishing.Unlock()
				onFinish(statuses[i])
			}
		})
	}
	running.Wait()
	return statuses, joinErrors(ctx, refs, errs)
}

// followInSlot follows ref once one of the slots is free.
func followInSlot(ctx context.Context, slots chan struct{}, src Source, ref Ref, opts Options) (Status, error) {
	select {
	case slots <- struct{}{}:
		defer func() { <-slots }()
	case <-ctx.Done():
		return Status{Ref: ref, Phase: phasePending}, ctx.Err()
	}
	return Follow(ctx, src, ref, opts, nil)
}

// joinErrors wraps each workflow's error with its ref and reports the end of ctx once instead of
// once per workflow.
func joinErrors(ctx context.Context, refs []Ref, errs []error) error {
	var joined []error
	ctxEnded := false
	for i, err := range errs {
		switch {
		case err == nil:
		case ctx.Err() != nil && errors.Is(err, ctx.Err()):
			ctxEnded = true
		default:
			joined = append(joined, fmt.Errorf("%s: %w", refs[i].namespaced(), err))
		}
	}
	if ctxEnded {
		joined = append(joined, ctx.Err())
	}
	return errors.Join(joined...)
}
