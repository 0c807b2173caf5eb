package argo

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// testSecret is the token part of testAuthorization; it must never show up
// in errors or logs.
const (
	testSecret        = "s3cr3t-t0ken-must-not-leak"
	testAuthorization = "Bearer " + testSecret
)

// staticCredentials hands out a fixed value or error and counts calls.
type staticCredentials struct {
	value string
	err   error
	mu    sync.Mutex
	calls int
}

func (s *staticCredentials) Authorization(context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	return s.value, s.err
}

// recordedRequest is what the fake Argo Server saw.
type recordedRequest struct {
	method      string
	escapedPath string
	host        string
	protoMajor  int
	header      http.Header
	body        []byte
}

// fakeServer answers every request with one status and body and records requests.
type fakeServer struct {
	status int
	body   string
	header http.Header

	mu       sync.Mutex
	requests []recordedRequest
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, recordedRequest{
		method:      r.Method,
		escapedPath: r.URL.EscapedPath(),
		host:        r.Host,
		protoMajor:  r.ProtoMajor,
		header:      r.Header.Clone(),
		body:        body,
	})
	f.mu.Unlock()
	for key, values := range f.header {
		w.Header()[key] = values
	}
	w.WriteHeader(f.status)
	_, _ = io.WriteString(w, f.body)
}

func (f *fakeServer) recorded() []recordedRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recordedRequest(nil), f.requests...)
}

// startPlainServer runs fake on 127.0.0.1 over plain HTTP.
func startPlainServer(t *testing.T, fake http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(fake)
	srv.Config.ErrorLog = quietLog()
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// quietLog hides the test servers' expected TLS handshake complaints.
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }

// plainClient builds a Client for srv using the host:port form.
func plainClient(t *testing.T, srv *httptest.Server, creds Credentials, edit func(*Config)) *Client {
	t.Helper()
	cfg := Config{Server: strings.TrimPrefix(srv.URL, "http://"), Secure: false}
	if edit != nil {
		edit(&cfg)
	}
	client, err := NewClient(cfg, creds)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return client
}

func sampleWorkflow() *unstructured.Unstructured {
	return &unstructured.Unstructured{Object: map[string]interface{}{
		"apiVersion": "argoproj.io/v1alpha1",
		"kind":       "Workflow",
		"metadata":   map[string]interface{}{"generateName": "hello-"},
		"spec": map[string]interface{}{
			"entrypoint":  "main",
			"parallelism": int64(2),
		},
	}}
}

const createdWorkflowJSON = `{
"metadata":{"name":"hello-x7k2p","namespace":"argo","generation":1,"uid":"1234"},
"spec":{"entrypoint":"main","parallelism":2},"status":{}}`
