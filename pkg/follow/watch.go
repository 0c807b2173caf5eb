package follow

import (
	"context"
	"errors"
	"io"
	"time"

	"k8s.io/klog/v2"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

// maxFailedOpens is how many watches in a row may fail to open before the follower polls instead.
const maxFailedOpens = 3

// Event types of the Argo Server's workflow event stream.
const (
	eventDeleted  = "DELETED"
	eventBookmark = "BOOKMARK"
)

// watch follows the event stream until the workflow finishes, reconnecting as needed. It returns a
// *streamingRefusedError when the server will not stream, so that the caller polls instead.
func (f *follower) watch(ctx context.Context) error {
	failedOpens := 0
	for !f.last.Finished() {
		stream, err := f.src.WatchWorkflow(ctx, f.ref.Namespace, f.ref.Name, f.rv)
		if err != nil {
			if !isConnectionError(err) { // an unreachable server says nothing about streaming
				failedOpens++
			}
		} else {
			failedOpens = 0
			err = f.consume(ctx, stream)
		}
		if err == nil {
			return nil
		}
		if err := f.recover(ctx, err, failedOpens); err != nil {
			return err
		}
	}
	return nil
}

// consume observes a stream's events until the workflow finishes (nil) or the stream ends (its error).
func (f *follower) consume(ctx context.Context, stream argo.WorkflowWatch) error {
	defer stream.Close()
	opened := f.opts.Now()
	for {
		event, err := stream.Next()
		if err != nil {
			klog.V(4).Infof("watch of workflow %s ended after %s: %v",
				f.ref.namespaced(), f.opts.Now().Sub(opened).Round(time.Millisecond), describeStreamEnd(err))
			return err
		}
		f.retry.reset()
		if done, err := f.apply(event); done || err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// apply takes in one event; done when the workflow finished.
func (f *follower) apply(event argo.WorkflowEvent) (done bool, err error) {
	switch {
	case event.Type == eventDeleted:
		return true, &DeletedError{Ref: f.ref}
	case event.Object == nil:
		return false, nil
	case event.Type == eventBookmark: // only a resourceVersion to resume from; no status
		if rv := event.Object.GetResourceVersion(); rv != "" {
			f.rv = rv
		}
		return false, nil
	}
	f.observe(event.Object)
	return f.last.Finished(), nil
}

// recover decides what follows a watch that failed to open or ended: nil to watch again (after the
// backoff delay), or the error that ends watching.
func (f *follower) recover(ctx context.Context, err error, failedOpens int) error {
	var deleted *DeletedError
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case isAuthError(err) || errors.As(err, &deleted):
		return err
	case isStreamingRefused(err) || failedOpens >= maxFailedOpens:
		return &streamingRefusedError{cause: err}
	}
	delay := f.retry.next()
	if err := sleep(ctx, delay); err != nil {
		return err
	}
	if isExpiredVersion(err) {
		klog.V(4).Infof("resourceVersion %q of workflow %s expired; reading the workflow again", f.rv, f.ref.namespaced())
		return f.refresh(ctx)
	}
	klog.V(4).Infof("watching workflow %s again from resourceVersion %q after %s", f.ref.namespaced(), f.rv, delay)
	return nil
}

// describeStreamEnd words the usual ending of a stream for the log.
func describeStreamEnd(err error) string {
	if errors.Is(err, io.EOF) {
		return "the server ended the stream"
	}
	return err.Error()
}
