// Package argo talks to the Argo Server's HTTP/JSON API (grpc-gateway) with
// typed errors, without importing Argo's Go module.
package argo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// The workflow type as the Argo Server stores it.
const (
	WorkflowAPIVersion = "argoproj.io/v1alpha1"
	WorkflowKind       = "Workflow"
)

// defaultUserAgent is sent when Config.UserAgent is empty.
const defaultUserAgent = "kubectl-argo-submit"

// Credentials supplies the Authorization header value ("Bearer …" or
// "Basic …") for each request. It is called per request so a later version
// can renew expiring tokens.
type Credentials interface {
	Authorization(ctx context.Context) (string, error)
}

// Client sends requests to one Argo Server over one reused transport.
type Client struct {
	httpClient *http.Client // bounded by Config.Timeout
	// streamClient shares the transport but has no whole-request timeout:
	// event and log streams stay open as long as their context.
	streamClient *http.Client
	baseURL      string // scheme://host[:port][/prefix], no trailing slash
	creds        Credentials
	extra        extraHeaders
	userAgent    string
}

// NewClient validates cfg (→ *ConfigError) and builds one keep-alive
// transport, reused for every request. A nil creds sends no Authorization
// header, for servers running with --auth-mode=server.
func NewClient(cfg Config, creds Credentials) (*Client, error) {
	base, err := cfg.baseURL()
	if err != nil {
		return nil, err
	}
	extra, err := parseHeaders(cfg.Headers)
	if err != nil {
		return nil, err
	}
	if cfg.Timeout < 0 {
		return nil, &ConfigError{Field: "Timeout", Err: fmt.Errorf("timeout %s is negative; use 0 for none", cfg.Timeout)}
	}
	transport, err := newTransport(cfg)
	if err != nil {
		return nil, err
	}
	userAgent := cfg.UserAgent
	if userAgent == "" {
		userAgent = defaultUserAgent
	}
	return &Client{
		httpClient:   newHTTPClient(transport, cfg.Timeout),
		streamClient: newHTTPClient(transport, 0),
		baseURL:      base.String(),
		creds:        creds,
		extra:        extra,
		userAgent:    userAgent,
	}, nil
}

// newHTTPClient wraps the shared transport; timeout 0 means none.
func newHTTPClient(transport http.RoundTripper, timeout time.Duration) *http.Client {
	return &http.Client{
		Transport: transport,
		Timeout:   timeout,
		// A redirected POST would turn into a GET and lose its body and
		// (across hosts) its Authorization; report the redirect instead.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// BaseURL is the address API paths are appended to, e.g.
// "https://argo.example.com:2746/argo". It never contains credentials.
func (c *Client) BaseURL() string { return c.baseURL }

// createWorkflowRequest is Argo's WorkflowCreateRequest, reduced to what we send.
type createWorkflowRequest struct {
	Namespace    string                 `json:"namespace"`
	Workflow     map[string]interface{} `json:"workflow"`
	ServerDryRun bool                   `json:"serverDryRun"`
}

// CreateWorkflow posts wf to {base}/api/v1/workflows/{namespace} and returns
// the created (or, with serverDryRun, the validated) workflow as the server
// answered it.
func (c *Client) CreateWorkflow(ctx context.Context, namespace string, wf *unstructured.Unstructured, serverDryRun bool) (*unstructured.Unstructured, error) {
	if namespace == "" {
		return nil, errors.New("argo: CreateWorkflow needs a namespace")
	}
	if wf == nil || wf.Object == nil {
		return nil, errors.New("argo: CreateWorkflow needs a workflow")
	}
	body := createWorkflowRequest{Namespace: namespace, Workflow: wf.Object, ServerDryRun: serverDryRun}
	call := apiCall{
		method:     http.MethodPost,
		path:       "/api/v1/workflows/" + url.PathEscape(namespace),
		body:       body,
		permission: fmt.Sprintf("create workflows.argoproj.io in namespace %q", namespace),
	}
	data, err := c.do(ctx, call)
	if err != nil {
		return nil, err
	}
	return decodeWorkflow(data)
}

// decodeWorkflow reads a workflow the server answered with.
func decodeWorkflow(data []byte) (*unstructured.Unstructured, error) {
	object, err := decodeObject(data)
	if err != nil {
		return nil, err
	}
	return withWorkflowKind(object), nil
}

// withWorkflowKind wraps object, adding the apiVersion/kind the server's
// typed answer lacks (its Kubernetes client dropped them); printers need them.
func withWorkflowKind(object map[string]interface{}) *unstructured.Unstructured {
	wf := &unstructured.Unstructured{Object: object}
	if wf.GetKind() == "" {
		wf.SetAPIVersion(WorkflowAPIVersion)
		wf.SetKind(WorkflowKind)
	}
	return wf
}

// VersionInfo is the Argo Server's build information.
type VersionInfo struct {
	Version      string `json:"version"`
	BuildDate    string `json:"buildDate"`
	GitCommit    string `json:"gitCommit"`
	GitTag       string `json:"gitTag"`
	GitTreeState string `json:"gitTreeState"`
	GoVersion    string `json:"goVersion"`
	Compiler     string `json:"compiler"`
	Platform     string `json:"platform"`
}

// Version asks GET {base}/api/v1/version. It is informational only and NOT
// an authentication check: in client auth mode the server answers 200 to any
// token, valid or not.
func (c *Client) Version(ctx context.Context) (*VersionInfo, error) {
	data, err := c.do(ctx, apiCall{method: http.MethodGet, path: "/api/v1/version"})
	if err != nil {
		return nil, err
	}
	var info VersionInfo
	if err := json.Unmarshal(data, &info); err != nil {
		return nil, fmt.Errorf("the Argo Server's version answer is not valid JSON: %w", err)
	}
	return &info, nil
}
