package argo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// WatchWorkflow opens GET {base}/api/v1/workflow-events/{namespace} for the
// workflow name, from resourceVersion when given. Only ctx bounds the stream,
// not Config.Timeout; the caller closes it.
func (c *Client) WatchWorkflow(ctx context.Context, namespace, name, resourceVersion string) (WorkflowWatch, error) {
	if namespace == "" || name == "" {
		return nil, errors.New("argo: WatchWorkflow needs a namespace and a name")
	}
	query := url.Values{"listOptions.fieldSelector": {"metadata.name=" + name}}
	if resourceVersion != "" {
		query.Set("listOptions.resourceVersion", resourceVersion)
	}
	s, err := c.openStream(ctx, apiCall{
		method:     http.MethodGet,
		path:       "/api/v1/workflow-events/" + url.PathEscape(namespace),
		query:      query,
		permission: fmt.Sprintf("list and watch workflows.argoproj.io in namespace %q", namespace),
	})
	if err != nil {
		return nil, err
	}
	return &workflowWatch{stream: s}, nil
}

// workflowWatch is the WorkflowWatch of one event stream.
type workflowWatch struct{ *stream }

// watchEventV1 is the result of a workflow-events message.
type watchEventV1 struct {
	Type   string                 `json:"type"`
	Object map[string]interface{} `json:"object"`
}

// Next returns the next event; see WorkflowWatch.
func (w *workflowWatch) Next() (WorkflowEvent, error) {
	event, err := readResult[watchEventV1](w.stream)
	if err != nil {
		return WorkflowEvent{}, err
	}
	if event.Object == nil {
		return WorkflowEvent{}, fmt.Errorf("argo: a %q event in the Argo Server's stream %s has no workflow", event.Type, requestPath(w.url))
	}
	return WorkflowEvent{Type: event.Type, Object: withWorkflowKind(event.Object)}, nil
}
