package follow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

func argoRef(name string) Ref { return Ref{Namespace: "argo", Name: name} }

func TestWaitAllReportsInFinishingOrderAndReturnsInRefsOrder(t *testing.T) {
	cGate, aGate := make(chan struct{}), make(chan struct{})
	state := func(name, rv, phase string) workflowState { return workflowState{name: name, rv: rv, phase: phase} }
	src := newFakeSource(t, map[string]*script{
		"a": {gets: []getAnswer{state("a", "1", "Running").get()},
			sessions: []session{{gate: aGate, events: []argo.WorkflowEvent{modified(state("a", "2", "Succeeded"))}}}},
		"b": {gets: []getAnswer{state("b", "1", "Running").get()},
			sessions: []session{{gate: cGate, events: []argo.WorkflowEvent{state("b", "2", "Running").event("DELETED")}}}},
		"c": {gets: []getAnswer{state("c", "1", "Pending").get()},
			sessions: []session{{events: []argo.WorkflowEvent{modified(state("c", "2", "Failed"))}}}},
	})
	refs := []Ref{argoRef("a"), argoRef("b"), argoRef("c")}
	var finished []string
	onFinish := func(s Status) {
		finished = append(finished, s.Name+" "+s.Phase)
		if s.Name == "c" {
			close(cGate) // b is deleted after c finished
			close(aGate) // a can finish only after c
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	statuses, err := WaitAll(ctx, src, refs, fastOptions(), onFinish)

	if want := []string{"c Failed", "a Succeeded"}; !slices.Equal(finished, want) {
		t.Errorf("onFinish saw %q, want %q (finishing order; b failed)", finished, want)
	}
	var phases []string
	for _, s := range statuses {
		phases = append(phases, s.Name+" "+s.Phase)
	}
	if want := []string{"a Succeeded", "b Running", "c Failed"}; !slices.Equal(phases, want) {
		t.Errorf("statuses %q, want %q (refs order, last status of b)", phases, want)
	}
	var deleted *DeletedError
	if !errors.As(err, &deleted) || deleted.Ref != argoRef("b") {
		t.Fatalf("error %v, want b's DeletedError", err)
	}
	if want := "argo/b: workflow argo/b was deleted before it finished"; err.Error() != want {
		t.Errorf("error %q, want %q (a Failed workflow is not an error)", err, want)
	}
}

func TestWaitAllReportsContextEndOnce(t *testing.T) {
	blocked := func(name string) *script {
		return &script{gets: []getAnswer{workflowState{name: name, rv: "1", phase: "Running"}.get()}, sessions: []session{{}}}
	}
	src := newFakeSource(t, map[string]*script{"a": blocked("a"), "b": blocked("b"), "c": blocked("c")})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	statuses, err := WaitAll(ctx, src, []Ref{argoRef("a"), argoRef("b"), argoRef("c")}, fastOptions(), func(s Status) {
		t.Errorf("onFinish(%v) for an unfinished workflow", s.Ref)
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want context.DeadlineExceeded", err)
	}
	if n := strings.Count(err.Error(), context.DeadlineExceeded.Error()); n != 1 {
		t.Errorf("error %q names the deadline %d times, want once", err, n)
	}
	for i, s := range statuses {
		if s.Phase != "Running" || s.Name != []string{"a", "b", "c"}[i] {
			t.Errorf("statuses[%d] = %+v, want %s Running", i, s, []string{"a", "b", "c"}[i])
		}
	}
}

// countingSource answers GETs with finished workflows once release is closed, counting the GETs
// in flight at once.
type countingSource struct {
	release  chan struct{}
	inFlight atomic.Int32
	mu       sync.Mutex
	peak     int32
}

func (c *countingSource) GetWorkflow(ctx context.Context, namespace, name string) (*unstructured.Unstructured, error) {
	now := c.inFlight.Add(1)
	defer c.inFlight.Add(-1)
	c.mu.Lock()
	c.peak = max(c.peak, now)
	c.mu.Unlock()
	select {
	case <-c.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return workflowState{name: name, rv: "1", phase: "Succeeded"}.object(), nil
}

func (c *countingSource) WatchWorkflow(context.Context, string, string, string) (argo.WorkflowWatch, error) {
	return nil, errors.New("finished workflows are not watched")
}

func TestWaitAllFollowsAtMost16AtOnce(t *testing.T) {
	src := &countingSource{release: make(chan struct{})}
	var refs []Ref
	for i := range 40 {
		refs = append(refs, argoRef(fmt.Sprintf("wf-%02d", i)))
	}
	go func() {
		for src.inFlight.Load() < maxConcurrentFollows {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond) // time for a 17th to (wrongly) start
		close(src.release)
	}()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	finished := 0
	statuses, err := WaitAll(ctx, src, refs, fastOptions(), func(Status) { finished++ })
	if err != nil || len(statuses) != 40 || finished != 40 {
		t.Fatalf("WaitAll: %d statuses, %d finished, error %v; want 40, 40, nil", len(statuses), finished, err)
	}
	if src.peak != maxConcurrentFollows {
		t.Errorf("at most %d followed at once, want %d", src.peak, maxConcurrentFollows)
	}
}
