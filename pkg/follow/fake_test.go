package follow

import (
	"context"
	"errors"
	"sync"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

// fakeSource answers from a script per workflow name and records what it was asked.
type fakeSource struct {
	t       *testing.T
	mu      sync.Mutex
	scripts map[string]*script
}

// script is what the server answers for one workflow.
type script struct {
	gets     []getAnswer // successive GET answers; the last one repeats
	sessions []session   // successive WatchWorkflow answers
	// recorded calls
	getCalls int
	watchRVs []string // the resourceVersion of each WatchWorkflow call
	closed   int      // streams closed
}

type getAnswer struct {
	wf  *unstructured.Unstructured
	err error
}

// session is one WatchWorkflow call's answer.
type session struct {
	openErr error         // the call fails with it
	gate    chan struct{} // when set, the first event waits until it is closed
	events  []argo.WorkflowEvent
	end     error // Next's error after the events; nil blocks until ctx ends
}

func newFakeSource(t *testing.T, scripts map[string]*script) *fakeSource {
	return &fakeSource{t: t, scripts: scripts}
}

func (f *fakeSource) script(name string) *script {
	s, ok := f.scripts[name]
	if !ok {
		f.t.Errorf("unexpected request for workflow %q", name)
		return &script{}
	}
	return s
}

func (f *fakeSource) GetWorkflow(ctx context.Context, namespace, name string) (*unstructured.Unstructured, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.script(name)
	if len(s.gets) == 0 {
		f.t.Errorf("unexpected GET of workflow %q", name)
		return nil, &argo.APIError{StatusCode: 500, Message: "unscripted GET"}
	}
	answer := s.gets[min(s.getCalls, len(s.gets)-1)]
	s.getCalls++
	return answer.wf, answer.err
}

func (f *fakeSource) WatchWorkflow(ctx context.Context, namespace, name, resourceVersion string) (argo.WorkflowWatch, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.script(name)
	call := len(s.watchRVs)
	s.watchRVs = append(s.watchRVs, resourceVersion)
	if call >= len(s.sessions) {
		f.t.Errorf("unexpected watch %d of workflow %q from %q", call+1, name, resourceVersion)
		return &fakeWatch{ctx: ctx, source: f, script: s}, nil // blocks until ctx ends
	}
	current := s.sessions[call]
	if current.openErr != nil {
		return nil, current.openErr
	}
	return &fakeWatch{ctx: ctx, source: f, script: s, session: current}, nil
}

// calls returns how often name was fetched and the resourceVersions it was watched from.
func (f *fakeSource) calls(name string) (gets int, watchRVs []string, closed int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.scripts[name]
	return s.getCalls, append([]string(nil), s.watchRVs...), s.closed
}

// fakeWatch plays one session.
type fakeWatch struct {
	ctx     context.Context
	source  *fakeSource
	script  *script
	session session
	sent    int
}

func (w *fakeWatch) Next() (argo.WorkflowEvent, error) {
	if w.session.gate != nil {
		select {
		case <-w.session.gate:
			w.session.gate = nil
		case <-w.ctx.Done():
			return argo.WorkflowEvent{}, &argo.ConnectionError{URL: "fake", Err: w.ctx.Err()}
		}
	}
	if w.sent < len(w.session.events) {
		w.sent++
		return w.session.events[w.sent-1], nil
	}
	if w.session.end != nil {
		return argo.WorkflowEvent{}, w.session.end
	}
	<-w.ctx.Done()
	return argo.WorkflowEvent{}, &argo.ConnectionError{URL: "fake", Err: w.ctx.Err()}
}

func (w *fakeWatch) Close() error {
	w.source.mu.Lock()
	defer w.source.mu.Unlock()
	w.script.closed++
	return nil
}

// workflowState describes a workflow object for tests.
type workflowState struct {
	name, rv, phase, progress, message string
	nodePhases                         map[string]string // node name → phase
}

// object builds the workflow as the Argo Server would send it.
func (s workflowState) object() *unstructured.Unstructured {
	status := map[string]interface{}{}
	if s.phase != "" {
		status["phase"] = s.phase
	}
	if s.progress != "" {
		status["progress"] = s.progress
	}
	if s.message != "" {
		status["message"] = s.message
	}
	if len(s.nodePhases) > 0 {
		nodes := map[string]interface{}{}
		for name, phase := range s.nodePhases {
			nodes[name] = map[string]interface{}{"id": name, "name": name, "displayName": name, "type": "Pod", "phase": phase}
		}
		status["nodes"] = nodes
	}
	return &unstructured.Unstructured{Object: map[string]interface{}{
		"apiVersion": "argoproj.io/v1alpha1",
		"kind":       "Workflow",
		"metadata":   map[string]interface{}{"name": s.name, "namespace": "argo", "resourceVersion": s.rv},
		"status":     status,
	}}
}

func (s workflowState) get() getAnswer { return getAnswer{wf: s.object()} }

func (s workflowState) event(eventType string) argo.WorkflowEvent {
	return argo.WorkflowEvent{Type: eventType, Object: s.object()}
}

func modified(s workflowState) argo.WorkflowEvent { return s.event("MODIFIED") }

// connectionReset is a broken connection.
func connectionReset() error {
	return &argo.ConnectionError{URL: "https://argo.example:2746/api/v1/workflow-events/argo", Err: errors.New("connection reset by peer")}
}

func apiError(status int, message string) error {
	return &argo.APIError{Method: "GET", URL: "https://argo.example:2746/api/v1/workflow-events/argo", StatusCode: status, Message: message}
}
