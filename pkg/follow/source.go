package follow

import (
	"context"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

// Source is what following needs of the Argo Server; *argo.Client satisfies it.
type Source interface {
	GetWorkflow(ctx context.Context, namespace, name string) (*unstructured.Unstructured, error)
	WatchWorkflow(ctx context.Context, namespace, name, resourceVersion string) (argo.WorkflowWatch, error)
}

// Ref names one submitted workflow.
type Ref struct{ Namespace, Name string }

// namespaced is "namespace/name" for messages. It is not String, so that printing a Status (which
// embeds Ref) still shows all of it.
func (r Ref) namespaced() string { return r.Namespace + "/" + r.Name }

// Defaults of Options.
const (
	defaultPollInterval = 2 * time.Second
	defaultBackoff      = 500 * time.Millisecond
	maxBackoff          = 10 * time.Second
)

// Options tune how Follow talks to the server.
type Options struct {
	PollInterval time.Duration    // polling fallback interval, default 2s when 0
	Backoff      time.Duration    // first reconnect delay, default 500ms, doubling to 10s max, reset after an event
	Now          func() time.Time // default time.Now (tests inject)
}

// withDefaults fills the zero fields.
func (o Options) withDefaults() Options {
	if o.PollInterval <= 0 {
		o.PollInterval = defaultPollInterval
	}
	if o.Backoff <= 0 {
		o.Backoff = defaultBackoff
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}
