package argo

import (
	"context"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// WorkflowEvent is one change of a watched workflow, as the Argo Server's event stream sends it.
type WorkflowEvent struct {
	Type   string // ADDED, MODIFIED or DELETED
	Object *unstructured.Unstructured
}

// WorkflowWatch is an open event stream. Next blocks until the next event; it returns io.EOF when the
// server ended the stream (it does whenever its Kubernetes watch closes: reconnect, resuming from the
// last resourceVersion), and an *APIError for an error object sent in the stream.
type WorkflowWatch interface {
	Next() (WorkflowEvent, error)
	Close() error
}

// LogEntry is one line of a workflow pod's log.
type LogEntry struct {
	PodName string
	Content string
}

// LogStream is an open log stream; Next returns io.EOF at its end.
type LogStream interface {
	Next() (LogEntry, error)
	Close() error
}

// SubmitOptions are the submitOptions of POST /api/v1/workflows/{ns}/submit.
type SubmitOptions struct {
	Name           string
	GenerateName   string
	EntryPoint     string
	Parameters     []string // "name=value"
	Labels         string   // "k=v,k2=v2"
	ServiceAccount string
	Priority       *int32
	ServerDryRun   bool
}

// Renewer is implemented by Credentials that can fetch a fresh token from the same source. When the
// Argo Server answers 401, the client renews once and retries the request (a 401 created nothing).
type Renewer interface {
	Renew(ctx context.Context) error
}
