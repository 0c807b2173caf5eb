package follow

import (
	"context"
	"errors"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/klog/v2"
)

// Follow reports every change of one workflow's Status (deduplicated: only when something shown changed —
// phase, message, progress, nodes' phases and messages) through onChange (may be nil), until it finishes
// (returns its final Status, nil) or ctx ends (returns last Status, ctx.Err()). The first Status read is
// always reported, so a view shows even a workflow that had already finished.
//
// It first GETs the workflow, then watches from that resourceVersion; when the stream ends (io.EOF) or the
// connection breaks (*argo.ConnectionError) it reconnects transparently with backoff, resuming from the last
// resourceVersion it saw; on 410 Gone it GETs again and watches from the fresh one; when streaming is refused
// (APIError 404, 405, 501, or a watch that fails to open 3 times in a row with other errors that are neither
// auth nor connection errors) it polls GetWorkflow every PollInterval. Auth errors (APIError 401/403) end it,
// and so does a DELETED event (*DeletedError).
//
// The watch must end when ctx does: Follow relies on Source honouring ctx to stop a blocked Next.
func Follow(ctx context.Context, src Source, ref Ref, opts Options, onChange func(Status)) (Status, error) {
	opts = opts.withDefaults()
	f := &follower{
		src:      src,
		ref:      ref,
		opts:     opts,
		onChange: onChange,
		last:     Status{Ref: ref, Phase: phasePending},
		retry:    backoff{first: opts.Backoff},
	}
	err := f.run(ctx)
	return f.last, err
}

// follower is the state of one Follow call.
type follower struct {
	src      Source
	ref      Ref
	opts     Options
	onChange func(Status)

	last  Status  // the latest status read, reported or not
	seen  bool    // last came from the server
	rv    string  // the resourceVersion to resume watching from
	retry backoff // delays between reconnects
}

// run reads the workflow once, then watches it, polling instead when the server will not stream.
func (f *follower) run(ctx context.Context) error {
	if err := f.refresh(ctx); err != nil || f.last.Finished() {
		return err
	}
	err := f.watch(ctx)
	var refused *streamingRefusedError
	if !errors.As(err, &refused) {
		return err
	}
	klog.V(1).Infof("the Argo Server does not stream workflow events (%v); polling workflow %s every %s instead",
		refused.cause, f.ref.namespaced(), f.opts.PollInterval)
	return f.poll(ctx)
}

// observe takes in a workflow object read from the server and reports its status when it shows
// something new.
func (f *follower) observe(wf *unstructured.Unstructured) {
	next := StatusOf(wf)
	if next.Namespace == "" {
		next.Namespace = f.ref.Namespace
	}
	if next.Name == "" {
		next.Name = f.ref.Name
	}
	if next.ResourceVersion != "" {
		f.rv = next.ResourceVersion
	}
	changed := !f.seen || shownChanged(f.last, next)
	f.last, f.seen = next, true
	if changed && f.onChange != nil {
		f.onChange(next)
	}
}

// shownChanged reports whether next differs from prev in anything the views show, so that events
// which only touch other fields (annotations, resource durations) print nothing.
func shownChanged(prev, next Status) bool {
	if prev.Phase != next.Phase || prev.Message != next.Message || prev.Progress != next.Progress ||
		len(prev.Nodes) != len(next.Nodes) {
		return true
	}
	for id, node := range next.Nodes {
		before, ok := prev.Nodes[id]
		if !ok || before.Phase != node.Phase || before.Message != node.Message {
			return true
		}
	}
	return false
}
