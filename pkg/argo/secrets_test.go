package argo

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"

	"k8s.io/klog/v2"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/klogtest"
)

// TestTokenNeverLeaks drives every outcome with a token and checks that
// neither error texts nor verbose logs contain it.
func TestTokenNeverLeaks(t *testing.T) {
	logs := klogtest.Verbose(t, nil)
	creds := &staticCredentials{value: testAuthorization}
	var errs []error
	record := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}

	ok := startPlainServer(t, &fakeServer{status: http.StatusOK, body: createdWorkflowJSON})
	okClient := plainClient(t, ok, creds, nil)
	_, err := okClient.CreateWorkflow(context.Background(), "argo", sampleWorkflow(), false)
	if err != nil {
		t.Fatal(err)
	}

	for _, status := range []int{401, 403, 409, 400, 404, 500} {
		srv := startPlainServer(t, &fakeServer{status: status, body: `{"code":16,"message":"bad token ` + testAuthorization + `"}`})
		_, err := plainClient(t, srv, creds, nil).CreateWorkflow(context.Background(), "argo", sampleWorkflow(), true)
		record(err)
	}

	tlsSrv := startTLSServer(t, &fakeServer{status: http.StatusOK, body: `{}`})
	tlsClient, err := NewClient(Config{Server: tlsSrv.URL}, creds)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tlsClient.Version(context.Background())
	record(err)

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := listener.Addr().String()
	listener.Close()
	closedClient, err := NewClient(Config{Server: closedAddr}, creds)
	if err != nil {
		t.Fatal(err)
	}
	_, err = closedClient.Version(context.Background())
	record(err)

	_, err = NewClient(Config{Server: "argo:2746", Headers: []string{"Authorization: " + testAuthorization}}, creds)
	record(err)
	_, err = NewClient(Config{Server: "argo:2746", Headers: []string{"X-Token " + testSecret}}, creds)
	record(err)

	if len(errs) != 10 {
		t.Fatalf("got %d errors, want 10: %v", len(errs), errs)
	}
	for _, err := range errs {
		if strings.Contains(err.Error(), testSecret) {
			t.Errorf("error leaks the token: %q", err)
		}
	}

	klog.Flush()
	logged := logs.String()
	if !strings.Contains(logged, "POST "+ok.URL+"/api/v1/workflows/argo 200 OK in ") {
		t.Errorf("klog output lacks the request line; got:\n%s", logged)
	}
	if !strings.Contains(logged, "Response body: ") {
		t.Errorf("klog output lacks the V(8) body length line; got:\n%s", logged)
	}
	if strings.Contains(logged, testSecret) {
		t.Errorf("klog output leaks the token:\n%s", logged)
	}
}
