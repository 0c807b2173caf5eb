package argo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// submitRequest is Argo's WorkflowSubmitRequest.
type submitRequest struct {
	Namespace     string          `json:"namespace"`
	ResourceKind  string          `json:"resourceKind"`
	ResourceName  string          `json:"resourceName"`
	SubmitOptions submitOptionsV1 `json:"submitOptions"`
}

// submitOptionsV1 is the wire form of SubmitOptions; empty fields are left out.
type submitOptionsV1 struct {
	Name           string   `json:"name,omitempty"`
	GenerateName   string   `json:"generateName,omitempty"`
	EntryPoint     string   `json:"entryPoint,omitempty"`
	Parameters     []string `json:"parameters,omitempty"`
	Labels         string   `json:"labels,omitempty"`
	ServiceAccount string   `json:"serviceAccount,omitempty"`
	Priority       *int32   `json:"priority,omitempty"`
	ServerDryRun   bool     `json:"serverDryRun,omitempty"`
}

// templateSource describes a kind SubmitFrom can submit from.
type templateSource struct {
	resource      string // the API resource, for the 403 hint
	clusterScoped bool
}

// templateSourceOf looks up kind ("WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow").
func templateSourceOf(kind string) (templateSource, bool) {
	switch kind {
	case "WorkflowTemplate":
		return templateSource{resource: "workflowtemplates.argoproj.io"}, true
	case "ClusterWorkflowTemplate":
		return templateSource{resource: "clusterworkflowtemplates.argoproj.io", clusterScoped: true}, true
	case "CronWorkflow":
		return templateSource{resource: "cronworkflows.argoproj.io"}, true
	}
	return templateSource{}, false
}

// SubmitFrom posts to {base}/api/v1/workflows/{namespace}/submit, creating a
// workflow in namespace from the template or cron workflow kind/name, and
// returns it as the server answered.
func (c *Client) SubmitFrom(ctx context.Context, namespace, kind, name string, opts SubmitOptions) (*unstructured.Unstructured, error) {
	source, known := templateSourceOf(kind)
	switch {
	case namespace == "" || name == "":
		return nil, errors.New("argo: SubmitFrom needs a namespace and a name")
	case !known:
		return nil, fmt.Errorf("argo: SubmitFrom cannot submit from kind %q; use WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow", kind)
	}
	call := apiCall{
		method:     http.MethodPost,
		path:       "/api/v1/workflows/" + url.PathEscape(namespace) + "/submit",
		body:       submitRequest{Namespace: namespace, ResourceKind: kind, ResourceName: name, SubmitOptions: wireSubmitOptions(opts)},
		permission: source.permission(namespace),
		notFound:   source.notFound(namespace, kind, name),
	}
	data, err := c.do(ctx, call)
	if err != nil {
		return nil, err
	}
	return decodeWorkflow(data)
}

func wireSubmitOptions(opts SubmitOptions) submitOptionsV1 {
	return submitOptionsV1{
		Name:           opts.Name,
		GenerateName:   opts.GenerateName,
		EntryPoint:     opts.EntryPoint,
		Parameters:     opts.Parameters,
		Labels:         opts.Labels,
		ServiceAccount: opts.ServiceAccount,
		Priority:       opts.Priority,
		ServerDryRun:   opts.ServerDryRun,
	}
}

// permission is what a 403 to a submit denied.
func (s templateSource) permission(namespace string) string {
	if s.clusterScoped {
		return fmt.Sprintf("create workflows.argoproj.io in namespace %q and get %s (cluster-wide); submitting needs both", namespace, s.resource)
	}
	return fmt.Sprintf("create workflows.argoproj.io and get %s in namespace %q; submitting needs both", s.resource, namespace)
}

// notFound names the missing template for a 404 hint.
func (s templateSource) notFound(namespace, kind, name string) string {
	if s.clusterScoped {
		return fmt.Sprintf("%s %q does not exist in the cluster: check the name", kind, name)
	}
	return fmt.Sprintf("%s %q does not exist in namespace %q: check the name and the namespace", kind, name, namespace)
}
