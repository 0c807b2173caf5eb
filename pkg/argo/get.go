package argo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// GetWorkflow reads {base}/api/v1/workflows/{namespace}/{name}.
func (c *Client) GetWorkflow(ctx context.Context, namespace, name string) (*unstructured.Unstructured, error) {
	if namespace == "" || name == "" {
		return nil, errors.New("argo: GetWorkflow needs a namespace and a name")
	}
	call := apiCall{
		method:     http.MethodGet,
		path:       workflowPath(namespace, name),
		permission: fmt.Sprintf("get workflows.argoproj.io in namespace %q", namespace),
		notFound:   fmt.Sprintf("workflow %q does not exist in namespace %q", name, namespace),
	}
	data, err := c.do(ctx, call)
	if err != nil {
		return nil, err
	}
	return decodeWorkflow(data)
}

// workflowPath is the escaped path of one workflow.
func workflowPath(namespace, name string) string {
	return "/api/v1/workflows/" + url.PathEscape(namespace) + "/" + url.PathEscape(name)
}
