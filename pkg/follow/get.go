package follow

import (
	"context"
	"net/http"
	"time"

	"k8s.io/klog/v2"
)

// refresh GETs the workflow, retrying transient failures with backoff, and observes it.
func (f *follower) refresh(ctx context.Context) error {
	for {
		wf, err := f.src.GetWorkflow(ctx, f.ref.Namespace, f.ref.Name)
		if err == nil {
			f.observe(wf)
			return nil
		}
		if err := f.getFailed(ctx, err); err != nil {
			return err
		}
		delay := f.retry.next()
		klog.V(4).Infof("reading workflow %s failed: %v; retrying in %s", f.ref.namespaced(), err, delay)
		if err := sleep(ctx, delay); err != nil {
			return err
		}
	}
}

// poll GETs the workflow every PollInterval until it finishes: the fallback when the server will not
// stream events.
func (f *follower) poll(ctx context.Context) error {
	ticker := time.NewTicker(f.opts.PollInterval)
	defer ticker.Stop()
	for !f.last.Finished() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
		}
		wf, err := f.src.GetWorkflow(ctx, f.ref.Namespace, f.ref.Name)
		if err != nil {
			if err := f.getFailed(ctx, err); err != nil {
				return err
			}
			klog.V(4).Infof("polling workflow %s failed: %v; trying again in %s", f.ref.namespaced(), err, f.opts.PollInterval)
			continue
		}
		f.observe(wf)
	}
	return nil
}

// getFailed is the error that ends following after a failed GET, or nil when the GET is worth retrying.
func (f *follower) getFailed(ctx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case isTransient(err):
		return nil
	case f.seen && httpStatus(err) == http.StatusNotFound:
		return &DeletedError{Ref: f.ref} // it was there before
	}
	return err
}
