package argo

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"k8s.io/klog/v2"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/klogtest"
)

// Tokens long enough to be redacted; neither may show up in errors or logs.
const (
	expiredToken = "expired-token-0123456789"
	freshToken   = "fresh-token-9876543210"
)

// renewServeRequest runs one kind of request against srv.
type renewServeRequest struct {
	name string
	next http.Handler // what the gate passes accepted requests to
	run  func(ctx context.Context, client *Client) error
}

func renewRequests(t *testing.T) []renewServeRequest {
	return []renewServeRequest{
		{"watch open", newStreamServer(t, "application/json", eventLine("ADDED", "hello", "Running")), func(ctx context.Context, client *Client) error {
			watch, err := client.WatchWorkflow(ctx, "argo", "hello", "")
			if err != nil {
				return err
			}
			defer watch.Close()
			if _, err := watch.Next(); err != nil {
				return err
			}
			if _, err := watch.Next(); err != io.EOF {
				return errors.New("stream did not end")
			}
			return nil
		}},
		{"logs open", newStreamServer(t, "application/json", `{"result":{"content":"a","podName":"p"}}`+"\n"), func(ctx context.Context, client *Client) error {
			logs, err := client.FollowLogs(ctx, "argo", "hello", "")
			if err != nil {
				return err
			}
			defer logs.Close()
			_, err = logs.Next()
			return err
		}},
		{"submit (POST)", &fakeServer{status: 200, body: createdWorkflowJSON}, func(ctx context.Context, client *Client) error {
			_, err := client.SubmitFrom(ctx, "argo", "WorkflowTemplate", "build", SubmitOptions{Parameters: []string{"a=1"}})
			return err
		}},
		{"create (POST)", &fakeServer{status: 200, body: createdWorkflowJSON}, func(ctx context.Context, client *Client) error {
			_, err := client.CreateWorkflow(ctx, "argo", sampleWorkflow(), false)
			return err
		}},
		{"get", &fakeServer{status: 200, body: createdWorkflowJSON}, func(ctx context.Context, client *Client) error {
			_, err := client.GetWorkflow(ctx, "argo", "hello")
			return err
		}},
	}
}

func TestRenewOn401ThenRetry(t *testing.T) {
	for _, req := range renewRequests(t) {
		t.Run(req.name, func(t *testing.T) {
			gate := &tokenGate{accept: freshToken, next: req.next}
			creds := &renewingCredentials{token: expiredToken, renewed: freshToken}
			client := plainClient(t, startPlainServer(t, gate), creds, nil)
			if err := req.run(context.Background(), client); err != nil {
				t.Fatalf("want success after renewal, got %v", err)
			}
			if n := creds.renewCount(); n != 1 {
				t.Errorf("Renew called %d times, want 1", n)
			}
			authorizations, bodies := gate.seen()
			if want := []string{"Bearer " + expiredToken, "Bearer " + freshToken}; strings.Join(authorizations, ",") != strings.Join(want, ",") {
				t.Errorf("server saw %q, want %q", authorizations, want)
			}
			if len(bodies) == 2 && bodies[0] != bodies[1] {
				t.Errorf("the retry sent another body:\n%s\nthen\n%s", bodies[0], bodies[1])
			}
			if strings.HasSuffix(req.name, "(POST)") && bodies[1] == "" {
				t.Error("the retried POST had no body")
			}
		})
	}
}

func TestRenewOnlyOnce(t *testing.T) {
	for _, req := range renewRequests(t) {
		t.Run(req.name, func(t *testing.T) {
			gate := &tokenGate{accept: "", next: req.next} // refuses every token
			creds := &renewingCredentials{token: expiredToken, renewed: freshToken}
			client := plainClient(t, startPlainServer(t, gate), creds, nil)
			err := req.run(context.Background(), client)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || !apiErr.Unauthorized() || apiErr.Code != 16 {
				t.Fatalf("error = %v, want *APIError 401 with code 16", err)
			}
			if !strings.Contains(err.Error(), "also after renewing") {
				t.Errorf("Error() = %q: want it to say renewal did not help", err)
			}
			var renewErr *RenewError
			if errors.As(err, &renewErr) {
				t.Errorf("renewal succeeded; want no RenewError")
			}
			if n := creds.renewCount(); n != 1 {
				t.Errorf("Renew called %d times, want 1", n)
			}
			if authorizations, _ := gate.seen(); len(authorizations) != 2 {
				t.Errorf("server saw %d requests, want 2", len(authorizations))
			}
		})
	}
}

// renewFailure stands for the Credentials' own error type.
type renewFailure struct{}

func (renewFailure) Error() string { return "service account deleted" }

func TestRenewFails(t *testing.T) {
	gate := &tokenGate{accept: freshToken, next: newStreamServer(t, "application/json")}
	creds := &renewingCredentials{token: expiredToken, renewed: freshToken, renewErr: renewFailure{}}
	client := plainClient(t, startPlainServer(t, gate), creds, nil)
	_, err := client.WatchWorkflow(context.Background(), "argo", "hello", "")
	var apiErr *APIError
	var own renewFailure
	var renewErr *RenewError
	if !errors.As(err, &apiErr) || !apiErr.Unauthorized() || !errors.As(err, &own) || !errors.As(err, &renewErr) {
		t.Fatalf("error = %v, want the 401 *APIError and the renewal's error, in a *RenewError", err)
	}
	if !strings.Contains(err.Error(), "(HTTP 401)") || !strings.Contains(err.Error(), "renewing the credentials failed: service account deleted") {
		t.Errorf("Error() = %q", err)
	}
	if n := creds.renewCount(); n != 1 {
		t.Errorf("Renew called %d times, want 1", n)
	}
	if authorizations, _ := gate.seen(); len(authorizations) != 1 {
		t.Errorf("server saw %d requests, want 1 (no retry without a new token)", len(authorizations))
	}
}

func TestNoRenewal(t *testing.T) {
	tests := []struct {
		name   string
		creds  Credentials
		status int
	}{
		{"credentials without Renewer", &staticCredentials{value: "Bearer " + expiredToken}, 401},
		{"no credentials", nil, 401},
		{"403 is not renewed", &renewingCredentials{token: expiredToken, renewed: freshToken}, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &fakeServer{status: tt.status, body: `{"code":16,"message":"no"}`}
			client := plainClient(t, startPlainServer(t, fake), tt.creds, nil)
			_, err := client.WatchWorkflow(context.Background(), "argo", "hello", "")
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status {
				t.Fatalf("error = %v, want *APIError %d", err, tt.status)
			}
			if strings.Contains(err.Error(), "renew") {
				t.Errorf("Error() = %q: nothing was renewed", err)
			}
			if renewing, ok := tt.creds.(*renewingCredentials); ok && renewing.renewCount() != 0 {
				t.Errorf("Renew called on %d", tt.status)
			}
			if n := len(fake.recorded()); n != 1 {
				t.Errorf("server saw %d requests, want 1", n)
			}
		})
	}
}

// TestStreamLogging checks one V(6) line per request, the retry included,
// with the query and without either token.
func TestStreamLogging(t *testing.T) {
	logs := klogtest.Verbose(t, nil)
	gate := &tokenGate{accept: freshToken, next: newStreamServer(t, "application/json", `{"error":{"code":16,"message":"token `+freshToken+` revoked"}}`+"\n")}
	srv := startPlainServer(t, gate)
	client := plainClient(t, srv, &renewingCredentials{token: expiredToken, renewed: freshToken}, nil)
	watch, err := client.WatchWorkflow(context.Background(), "argo", "hello", "42")
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()
	_, err = watch.Next()
	if err == nil || strings.Contains(err.Error(), freshToken) || !strings.Contains(err.Error(), "[REDACTED]") {
		t.Errorf("error = %v: want the echoed token redacted", err)
	}

	klog.Flush()
	logged := logs.String()
	url := srv.URL + "/api/v1/workflow-events/argo?listOptions.fieldSelector=metadata.name%3Dhello&listOptions.resourceVersion=42"
	for _, want := range []string{"GET " + url + " 401 Unauthorized in ", "GET " + url + " 200 OK in "} {
		if strings.Count(logged, want) != 1 {
			t.Errorf("want one line with %q; got:\n%s", want, logged)
		}
	}
	if strings.Contains(logged, expiredToken) || strings.Contains(logged, freshToken) {
		t.Errorf("klog output leaks a token:\n%s", logged)
	}
}
