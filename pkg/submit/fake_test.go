package submit

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"syscall"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

// fakeServer stores workflows by name; fail decides the n-th create's fate before (lost) or after
// (ambiguous) it is stored.
type fakeServer struct {
	mu      sync.Mutex
	stored  map[string]*unstructured.Unstructured
	creates []string // names sent, in order
	gets    int
	// getFails fails the n-th get (0-based).
	getFails map[int]error
	// before fails the n-th create (0-based) without storing; after stores, then fails.
	before, after map[int]error
}

func newFakeServer() *fakeServer {
	return &fakeServer{stored: map[string]*unstructured.Unstructured{}, before: map[int]error{}, after: map[int]error{}, getFails: map[int]error{}}
}

func (f *fakeServer) CreateWorkflow(_ context.Context, _ string, wf *unstructured.Unstructured, _ bool) (*unstructured.Unstructured, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := len(f.creates)
	f.creates = append(f.creates, wf.GetName())
	if err := f.before[n]; err != nil {
		return nil, err
	}
	if _, taken := f.stored[wf.GetName()]; taken {
		return nil, &argo.APIError{StatusCode: http.StatusConflict, Message: "already exists"}
	}
	f.stored[wf.GetName()] = wf.DeepCopy()
	if err := f.after[n]; err != nil {
		return nil, err
	}
	return wf.DeepCopy(), nil
}

func (f *fakeServer) GetWorkflow(_ context.Context, _, name string) (*unstructured.Unstructured, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := f.gets
	f.gets++
	if err := f.getFails[n]; err != nil {
		return nil, err
	}
	wf, ok := f.stored[name]
	if !ok {
		return nil, &argo.APIError{StatusCode: http.StatusNotFound}
	}
	return wf.DeepCopy(), nil
}

// putForeign stores a workflow of someone else under name.
func (f *fakeServer) putForeign(name string) {
	wf := &unstructured.Unstructured{Object: map[string]any{}}
	wf.SetName(name)
	wf.SetLabels(map[string]string{SubmissionIDLabel: "someone-else"})
	f.stored[name] = wf
}

func reset() error {
	return &argo.ConnectionError{URL: "https://argo/api", Err: &net.OpError{Op: "read", Err: syscall.ECONNRESET}}
}

func refused() error {
	return &argo.ConnectionError{URL: "https://argo/api", Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}
}

func status(code int) error { return &argo.APIError{StatusCode: code, Message: fmt.Sprint(code)} }

func newWorkflow(generateName, name string) *unstructured.Unstructured {
	wf := &unstructured.Unstructured{Object: map[string]any{"apiVersion": argo.WorkflowAPIVersion, "kind": argo.WorkflowKind}}
	wf.SetNamespace("argo")
	wf.SetGenerateName(generateName)
	wf.SetName(name)
	return wf
}
