package argo

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestGetWorkflow(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		body       string
		wantStatus int    // 0: success
		wantText   string // in Error()
	}{
		{"found", 200, createdWorkflowJSON, 0, ""},
		{"missing", 404, `{"code":5,"message":"workflows.argoproj.io \"hello\" not found"}`, 404,
			`(HTTP 404): workflows.argoproj.io "hello" not found; workflow "hello" does not exist in namespace "argo"`},
		{"not an Argo Server", 404, "404 page not found", 404, `does not exist in namespace "argo", or --argo-server / --argo-base-href`},
		{"forbidden", 403, `{"code":7,"message":"forbidden"}`, 403, `lacks permission to get workflows.argoproj.io in namespace "argo"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &fakeServer{status: tt.status, body: tt.body}
			client := plainClient(t, startPlainServer(t, fake), &staticCredentials{value: testAuthorization}, nil)
			wf, err := client.GetWorkflow(context.Background(), "argo", "hello")
			req := fake.recorded()[0]
			if req.method != http.MethodGet || req.escapedPath != "/api/v1/workflows/argo/hello" || len(req.body) != 0 {
				t.Errorf("request = %s %s %q, want GET /api/v1/workflows/argo/hello without body", req.method, req.escapedPath, req.body)
			}
			if tt.wantStatus == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if wf.GetName() != "hello-x7k2p" || wf.GetKind() != WorkflowKind || wf.GetAPIVersion() != WorkflowAPIVersion {
					t.Errorf("workflow = %s %s %s", wf.GetAPIVersion(), wf.GetKind(), wf.GetName())
				}
				return
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.wantStatus {
				t.Fatalf("error = %v, want *APIError %d", err, tt.wantStatus)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("Error() = %q, want %q", err, tt.wantText)
			}
		})
	}
}

func TestGetWorkflowNeedsArguments(t *testing.T) {
	client, err := NewClient(Config{Server: "127.0.0.1:1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.GetWorkflow(context.Background(), "argo", ""); err == nil {
		t.Error("empty name: want error")
	}
}
