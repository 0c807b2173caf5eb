package argo

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestSubmitFromSendsRequest(t *testing.T) {
	zero, high := int32(0), int32(5)
	tests := []struct {
		name        string
		kind        string
		opts        SubmitOptions
		wantOptions map[string]interface{}
	}{
		{"all options", "WorkflowTemplate", SubmitOptions{
			Name: "build-1", GenerateName: "build-", EntryPoint: "main", Parameters: []string{"a=1", "b=x=y"},
			Labels: "team=data,env=dev", ServiceAccount: "runner", Priority: &high, ServerDryRun: true,
		}, map[string]interface{}{
			"name": "build-1", "generateName": "build-", "entryPoint": "main", "parameters": []interface{}{"a=1", "b=x=y"},
			"labels": "team=data,env=dev", "serviceAccount": "runner", "priority": float64(5), "serverDryRun": true,
		}},
		{"empty options are left out", "ClusterWorkflowTemplate", SubmitOptions{Parameters: []string{}}, map[string]interface{}{}},
		{"priority zero is sent", "CronWorkflow", SubmitOptions{GenerateName: "nightly-", Priority: &zero},
			map[string]interface{}{"generateName": "nightly-", "priority": float64(0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &fakeServer{status: http.StatusOK, body: createdWorkflowJSON}
			client := plainClient(t, startPlainServer(t, fake), &staticCredentials{value: testAuthorization}, nil)
			wf, err := client.SubmitFrom(context.Background(), "argo", tt.kind, "build", tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if wf.GetName() != "hello-x7k2p" || wf.GetKind() != WorkflowKind || wf.GetAPIVersion() != WorkflowAPIVersion {
				t.Errorf("workflow = %s %s %s", wf.GetAPIVersion(), wf.GetKind(), wf.GetName())
			}
			req := fake.recorded()[0]
			if req.method != http.MethodPost || req.escapedPath != "/api/v1/workflows/argo/submit" || req.header.Get("Content-Type") != "application/json" {
				t.Errorf("request = %s %s (%s), want POST /api/v1/workflows/argo/submit as JSON", req.method, req.escapedPath, req.header.Get("Content-Type"))
			}
			var body map[string]interface{}
			if err := json.Unmarshal(req.body, &body); err != nil {
				t.Fatalf("body %s: %v", req.body, err)
			}
			want := map[string]interface{}{"namespace": "argo", "resourceKind": tt.kind, "resourceName": "build", "submitOptions": tt.wantOptions}
			if !reflect.DeepEqual(body, want) {
				t.Errorf("body =\n%s\nwant\n%v", req.body, want)
			}
		})
	}
}

func TestSubmitFromRefused(t *testing.T) {
	tests := []struct {
		name, kind string
		status     int
		body       string
		want       string
	}{
		{"template missing", "WorkflowTemplate", 404, `{"code":5,"message":"workflowtemplates.argoproj.io \"build\" not found"}`,
			`WorkflowTemplate "build" does not exist in namespace "argo"`},
		{"cron workflow missing", "CronWorkflow", 404, `{"code":5,"message":"cronworkflows.argoproj.io \"build\" not found"}`,
			`CronWorkflow "build" does not exist in namespace "argo"`},
		{"cluster template missing", "ClusterWorkflowTemplate", 404, `{"code":5,"message":"not found"}`,
			`ClusterWorkflowTemplate "build" does not exist in the cluster`},
		{"forbidden", "WorkflowTemplate", 403, `{"code":7,"message":"forbidden"}`,
			`lacks permission to create workflows.argoproj.io and get workflowtemplates.argoproj.io in namespace "argo"`},
		{"forbidden cluster template", "ClusterWorkflowTemplate", 403, `{"code":7,"message":"forbidden"}`,
			`create workflows.argoproj.io in namespace "argo" and get clusterworkflowtemplates.argoproj.io (cluster-wide)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &fakeServer{status: tt.status, body: tt.body}
			client := plainClient(t, startPlainServer(t, fake), &staticCredentials{value: testAuthorization}, nil)
			_, err := client.SubmitFrom(context.Background(), "argo", tt.kind, "build", SubmitOptions{})
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status {
				t.Fatalf("error = %v, want *APIError %d", err, tt.status)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Error() = %q, want %q", err, tt.want)
			}
		})
	}
}

func TestSubmitFromNeedsArguments(t *testing.T) {
	fake := &fakeServer{status: http.StatusOK, body: createdWorkflowJSON}
	client := plainClient(t, startPlainServer(t, fake), nil, nil)
	for _, args := range [][3]string{{"", "WorkflowTemplate", "x"}, {"argo", "WorkflowTemplate", ""}, {"argo", "wftmpl", "x"}, {"argo", "Workflow", "x"}} {
		if _, err := client.SubmitFrom(context.Background(), args[0], args[1], args[2], SubmitOptions{}); err == nil {
			t.Errorf("SubmitFrom(%q, %q, %q): want error", args[0], args[1], args[2])
		}
	}
	if n := len(fake.recorded()); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}
}
