package argo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

func TestCreateWorkflowSendsRequest(t *testing.T) {
	for _, dryRun := range []bool{false, true} {
		t.Run(map[bool]string{false: "create", true: "server dry run"}[dryRun], func(t *testing.T) {
			fake := &fakeServer{status: http.StatusOK, body: createdWorkflowJSON}
			srv := startPlainServer(t, fake)
			client := plainClient(t, srv, &staticCredentials{value: testAuthorization}, func(cfg *Config) {
				cfg.UserAgent = "kubectl-argo-submit/test"
				cfg.Headers = []string{"X-Team:  data ", "X-Multi: a", "X-Multi: b", "Host: argo.internal"}
			})

			created, err := client.CreateWorkflow(context.Background(), "argo", sampleWorkflow(), dryRun)
			if err != nil {
				t.Fatalf("CreateWorkflow: %v", err)
			}
			if created.GetName() != "hello-x7k2p" || created.GetNamespace() != "argo" {
				t.Errorf("created = %s/%s, want argo/hello-x7k2p", created.GetNamespace(), created.GetName())
			}
			// The server's typed answer lacks apiVersion/kind; printers need them.
			if created.GetAPIVersion() != WorkflowAPIVersion || created.GetKind() != WorkflowKind {
				t.Errorf("created is %s %s, want %s %s", created.GetAPIVersion(), created.GetKind(), WorkflowAPIVersion, WorkflowKind)
			}
			// Integers must stay int64 for unstructured helpers.
			if generation, found, err := unstructured.NestedInt64(created.Object, "metadata", "generation"); err != nil || !found || generation != 1 {
				t.Errorf("metadata.generation = %v, %v, %v; want int64 1", generation, found, err)
			}

			requests := fake.recorded()
			if len(requests) != 1 {
				t.Fatalf("server saw %d requests, want 1", len(requests))
			}
			req := requests[0]
			checkCreateRequest(t, req, dryRun)
		})
	}
}

func checkCreateRequest(t *testing.T, req recordedRequest, dryRun bool) {
	t.Helper()
	if req.method != http.MethodPost || req.escapedPath != "/api/v1/workflows/argo" {
		t.Errorf("request = %s %s, want POST /api/v1/workflows/argo", req.method, req.escapedPath)
	}
	wantHeaders := map[string]string{
		"Authorization": testAuthorization,
		"Content-Type":  "application/json",
		"Accept":        "application/json",
		"User-Agent":    "kubectl-argo-submit/test",
		"X-Team":        "data",
	}
	for key, want := range wantHeaders {
		if got := req.header.Get(key); got != want {
			t.Errorf("header %s = %q, want %q", key, got, want)
		}
	}
	if got := req.header.Values("X-Multi"); len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Errorf("X-Multi = %q, want [a b]", got)
	}
	if req.host != "argo.internal" {
		t.Errorf("Host = %q, want argo.internal", req.host)
	}
	var body struct {
		Namespace    string                 `json:"namespace"`
		ServerDryRun *bool                  `json:"serverDryRun"`
		Workflow     map[string]interface{} `json:"workflow"`
	}
	if err := json.Unmarshal(req.body, &body); err != nil {
		t.Fatalf("request body %s: %v", req.body, err)
	}
	if body.Namespace != "argo" || body.ServerDryRun == nil || *body.ServerDryRun != dryRun {
		t.Errorf("body namespace=%q serverDryRun=%v, want argo and %v", body.Namespace, body.ServerDryRun, dryRun)
	}
	if name, _, _ := unstructured.NestedString(body.Workflow, "metadata", "generateName"); name != "hello-" {
		t.Errorf("workflow.metadata.generateName = %q, want hello-", name)
	}
}

func TestCreateWorkflowEscapesNamespace(t *testing.T) {
	fake := &fakeServer{status: http.StatusOK, body: createdWorkflowJSON}
	srv := startPlainServer(t, fake)
	client := plainClient(t, srv, nil, func(cfg *Config) { cfg.BaseHref = "/argo/" })

	if _, err := client.CreateWorkflow(context.Background(), "a/b c", sampleWorkflow(), false); err != nil {
		t.Fatal(err)
	}
	req := fake.recorded()[0]
	if want := "/argo/api/v1/workflows/a%2Fb%20c"; req.escapedPath != want {
		t.Errorf("path = %q, want %q", req.escapedPath, want)
	}
	if _, ok := req.header["Authorization"]; ok {
		t.Errorf("nil credentials must send no Authorization header")
	}
}

func TestCreateWorkflowNeedsArguments(t *testing.T) {
	client, err := NewClient(Config{Server: "127.0.0.1:1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateWorkflow(context.Background(), "", sampleWorkflow(), false); err == nil {
		t.Error("empty namespace: want error")
	}
	if _, err := client.CreateWorkflow(context.Background(), "argo", nil, false); err == nil {
		t.Error("nil workflow: want error")
	}
}

func TestCreateWorkflowRefused(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		body        string
		wantCode    int
		wantMessage string
		wantHint    string
		check       func(*APIError) bool
	}{
		{"401 json", 401, `{"code":16,"message":"token not valid for running mode"}`, 16, "token not valid for running mode", "--argo-token", (*APIError).Unauthorized},
		{"401 empty body", 401, ``, 0, "", "--token-service-account", (*APIError).Unauthorized},
		{"403 json", 403, `{"code":7,"message":"workflows.argoproj.io is forbidden"}`, 7, "workflows.argoproj.io is forbidden", `create workflows.argoproj.io in namespace "argo"`, (*APIError).Forbidden},
		{"409 json", 409, `{"code":6,"message":"workflows.argoproj.io \"hello\" already exists"}`, 6, `workflows.argoproj.io "hello" already exists`, "--generate-name", (*APIError).Conflict},
		{"400 json", 400, `{"code":3,"message":"spec.entrypoint is required"}`, 3, "spec.entrypoint is required", "rejected the workflow as invalid", nil},
		{"422 json", 422, `{"code":3,"message":"bad template"}`, 3, "bad template", "rejected the workflow as invalid", nil},
		{"404 text", 404, "404 page not found\n", 0, "404 page not found", "--argo-base-href", nil},
		{"500 json", 500, `{"code":13,"message":"etcd unavailable"}`, 13, "etcd unavailable", "server-side failure", nil},
		{"502 html", 502, "<html>\n  <head><title>502 Bad Gateway</title></head>\n</html>\n", 0, "<html> <head><title>502 Bad Gateway</title></head> </html>", "server-side failure", nil},
		{"old gateway error field", 403, `{"error":"denied","code":7}`, 7, "denied", "lacks permission", (*APIError).Forbidden},
		{"json without message", 500, `{"details":[]}`, 0, `{"details":[]}`, "server-side failure", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startPlainServer(t, &fakeServer{status: tt.status, body: tt.body})
			client := plainClient(t, srv, &staticCredentials{value: testAuthorization}, nil)

			_, err := client.CreateWorkflow(context.Background(), "argo", sampleWorkflow(), false)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error = %v, want *APIError", err)
			}
			if apiErr.StatusCode != tt.status || apiErr.Code != tt.wantCode || apiErr.Message != tt.wantMessage {
				t.Errorf("APIError = {%d, %d, %q}, want {%d, %d, %q}", apiErr.StatusCode, apiErr.Code, apiErr.Message, tt.status, tt.wantCode, tt.wantMessage)
			}
			if apiErr.Method != http.MethodPost || apiErr.URL != srv.URL+"/api/v1/workflows/argo" {
				t.Errorf("APIError request = %s %s", apiErr.Method, apiErr.URL)
			}
			text := err.Error()
			wantPrefix := fmt.Sprintf("Argo Server refused POST /api/v1/workflows/argo (HTTP %d): ", tt.status)
			if !strings.HasPrefix(text, wantPrefix) || !strings.Contains(text, tt.wantHint) {
				t.Errorf("Error() = %q, want prefix %q and hint %q", text, wantPrefix, tt.wantHint)
			}
			if tt.check != nil && !tt.check(apiErr) {
				t.Errorf("status helper is false for %d", tt.status)
			}
		})
	}
}

func TestAPIErrorMessageFormat(t *testing.T) {
	err := &APIError{Method: "POST", URL: "https://argo.example.com:2746/api/v1/workflows/argo", StatusCode: 403, Code: 7, Message: "forbidden"}
	want := "Argo Server refused POST /api/v1/workflows/argo (HTTP 403): forbidden; the identity behind the token lacks permission for this request"
	if err.Error() != want {
		t.Errorf("Error() =\n%q\nwant\n%q", err.Error(), want)
	}
	empty := &APIError{Method: "GET", URL: "http://h/api/v1/version", StatusCode: 401}
	if !strings.Contains(empty.Error(), "(HTTP 401): Unauthorized;") {
		t.Errorf("empty message should fall back to the status text: %q", empty.Error())
	}
	if empty.Forbidden() || empty.Conflict() || !empty.Unauthorized() {
		t.Errorf("helpers disagree with status 401")
	}
}

func TestLongErrorBodyIsShortened(t *testing.T) {
	srv := startPlainServer(t, &fakeServer{status: 502, body: strings.Repeat("x", 3<<20)})
	client := plainClient(t, srv, nil, nil)
	_, err := client.Version(context.Background())
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error = %v, want *APIError", err)
	}
	if n := len([]rune(apiErr.Message)); n != maxMessageRunes+1 || !strings.HasSuffix(apiErr.Message, "…") {
		t.Errorf("message has %d runes, want %d ending in …", n, maxMessageRunes+1)
	}
}

func TestRedirectIsReported(t *testing.T) {
	fake := &fakeServer{
		status: http.StatusFound,
		header: http.Header{"Location": {"https://sso.example.com/login?state=opaque-state"}},
	}
	srv := startPlainServer(t, fake)
	client := plainClient(t, srv, &staticCredentials{value: testAuthorization}, nil)

	_, err := client.CreateWorkflow(context.Background(), "argo", sampleWorkflow(), false)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusFound {
		t.Fatalf("error = %v, want *APIError 302", err)
	}
	if !strings.Contains(err.Error(), "https://sso.example.com/login") || strings.Contains(err.Error(), "opaque-state") {
		t.Errorf("Error() = %q: want the target without its query", err)
	}
	if n := len(fake.recorded()); n != 1 {
		t.Errorf("server saw %d requests, want 1 (redirect not followed)", n)
	}
}

func TestServerEchoingTokenIsRedacted(t *testing.T) {
	srv := startPlainServer(t, &fakeServer{status: 401, body: `{"code":16,"message":"token ` + testSecret + ` expired"}`})
	client := plainClient(t, srv, &staticCredentials{value: testAuthorization}, nil)
	_, err := client.Version(context.Background())
	if err == nil || strings.Contains(err.Error(), testSecret) || !strings.Contains(err.Error(), "[REDACTED]") {
		t.Errorf("error = %v: want the echoed token redacted", err)
	}
}

func TestSuccessMustBeJSONObject(t *testing.T) {
	for _, body := range []string{`[]`, `null`, `not json`, ``} {
		srv := startPlainServer(t, &fakeServer{status: 200, body: body})
		client := plainClient(t, srv, nil, nil)
		if _, err := client.CreateWorkflow(context.Background(), "argo", sampleWorkflow(), false); err == nil {
			t.Errorf("body %q: want error", body)
		}
	}
}

// credentialsExpiredError stands for an error type of the caller's own.
type credentialsExpiredError struct{}

func (credentialsExpiredError) Error() string { return "service account token expired" }

func TestCredentialsErrorSendsNothing(t *testing.T) {
	fake := &fakeServer{status: http.StatusOK, body: createdWorkflowJSON}
	srv := startPlainServer(t, fake)
	client := plainClient(t, srv, &staticCredentials{err: credentialsExpiredError{}}, nil)

	_, createErr := client.CreateWorkflow(context.Background(), "argo", sampleWorkflow(), false)
	_, versionErr := client.Version(context.Background())
	for _, err := range []error{createErr, versionErr} {
		var own credentialsExpiredError
		if !errors.As(err, &own) {
			t.Errorf("error = %v, want the caller's error wrapped", err)
		}
	}
	if n := len(fake.recorded()); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}
}

func TestAuthorizationWithNewlineIsRefused(t *testing.T) {
	fake := &fakeServer{status: http.StatusOK, body: `{}`}
	srv := startPlainServer(t, fake)
	client := plainClient(t, srv, &staticCredentials{value: testAuthorization + "\n"}, nil)
	_, err := client.Version(context.Background())
	if err == nil || strings.Contains(err.Error(), testSecret) {
		t.Errorf("error = %v: want a refusal that does not echo the token", err)
	}
	if n := len(fake.recorded()); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}
}

func TestVersion(t *testing.T) {
	body := `{"version":"v3.7.2","buildDate":"2025-09-01T10:00:00Z","gitCommit":"abc123","gitTag":"v3.7.2",
"gitTreeState":"clean","goVersion":"go1.24.6","compiler":"gc","platform":"linux/amd64","extra":"ignored"}`
	fake := &fakeServer{status: http.StatusOK, body: body}
	srv := startPlainServer(t, fake)
	client := plainClient(t, srv, &staticCredentials{value: testAuthorization}, nil)

	info, err := client.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := VersionInfo{"v3.7.2", "2025-09-01T10:00:00Z", "abc123", "v3.7.2", "clean", "go1.24.6", "gc", "linux/amd64"}
	if *info != want {
		t.Errorf("Version() = %+v, want %+v", *info, want)
	}
	req := fake.recorded()[0]
	if req.method != http.MethodGet || req.escapedPath != "/api/v1/version" {
		t.Errorf("request = %s %s, want GET /api/v1/version", req.method, req.escapedPath)
	}
	if req.header.Get("User-Agent") != defaultUserAgent || req.header.Get("Content-Type") != "" {
		t.Errorf("headers = %v: want default User-Agent and no Content-Type", req.header)
	}
}

func TestVersionRefusedHintIsGeneric(t *testing.T) {
	srv := startPlainServer(t, &fakeServer{status: 400, body: `{"code":3,"message":"bad"}`})
	client := plainClient(t, srv, nil, nil)
	_, err := client.Version(context.Background())
	if err == nil || strings.Contains(err.Error(), "workflow") {
		t.Errorf("error = %v: a GET must not blame a workflow", err)
	}
}
