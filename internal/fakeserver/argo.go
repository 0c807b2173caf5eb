// Package fakeserver holds httptest servers that speak the Argo Server's and the Kubernetes API's
// wire protocols, for unit and command tests. Real servers are used by the e2e suite.
package fakeserver

import (
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// ArgoRequest is one request the fake Argo Server received.
type ArgoRequest struct {
	Method        string
	Path          string
	Authorization string
	Header        http.Header
	Body          map[string]any
}

// ArgoResponse is what the fake answers: Status 0 means 200 with the created workflow.
type ArgoResponse struct {
	Status  int
	Code    int    // gRPC code in the error body
	Message string // error message
}

// Argo is a fake Argo Server for POST /api/v1/workflows/{namespace} and GET /api/v1/version.
type Argo struct {
	*httptest.Server
	mu       sync.Mutex
	requests []ArgoRequest
	// Respond decides the answer to the n-th request (0-based, every request counts); nil accepts everything.
	Respond func(n int, req ArgoRequest) ArgoResponse
	// Version is the body of GET /api/v1/version.
	Version map[string]string
}

// NewArgo starts a plain-HTTP fake on 127.0.0.1; tls starts it with a self-signed certificate instead.
func NewArgo(t testing.TB, tls bool) *Argo {
	t.Helper()
	a := &Argo{Version: map[string]string{
		"version": "v3.7.2", "buildDate": "2025-09-01T10:00:00Z", "gitCommit": "0123456789abcdef", "gitTag": "v3.7.2",
		"gitTreeState": "clean", "goVersion": "go1.24.6", "compiler": "gc", "platform": "linux/amd64",
	}}
	a.Server = httptest.NewUnstartedServer(http.HandlerFunc(a.serve))
	if tls {
		a.StartTLS()
	} else {
		a.Start()
	}
	t.Cleanup(a.Close)
	return a
}

// HostPort is the server as ARGO_SERVER takes it.
func (a *Argo) HostPort() string { return a.Listener.Addr().String() }

// Requests returns a copy of what was received so far.
func (a *Argo) Requests() []ArgoRequest {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]ArgoRequest(nil), a.requests...)
}

func (a *Argo) serve(w http.ResponseWriter, r *http.Request) {
	req := ArgoRequest{Method: r.Method, Path: r.URL.Path, Authorization: r.Header.Get("Authorization"), Header: r.Header.Clone()}
	_ = json.NewDecoder(r.Body).Decode(&req.Body)
	a.mu.Lock()
	n := len(a.requests)
	a.requests = append(a.requests, req)
	respond := a.Respond
	version := a.Version
	a.mu.Unlock()

	if r.Method == http.MethodGet && r.URL.Path == "/api/v1/version" {
		serveVersion(w, req, version)
		return
	}
	if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, "/api/v1/workflows/") {
		writeJSON(w, http.StatusNotFound, map[string]any{"code": 5, "message": "Not Found"})
		return
	}
	if respond != nil {
		if resp := respond(n, req); resp.Status != 0 && resp.Status != http.StatusOK {
			writeJSON(w, resp.Status, map[string]any{"code": resp.Code, "message": resp.Message})
			return
		}
	}
	writeJSON(w, http.StatusOK, created(req, n))
}

// serveVersion answers like a server in client auth mode: any Authorization value will do, but
// one is needed.
func serveVersion(w http.ResponseWriter, req ArgoRequest, version map[string]string) {
	if req.Authorization == "" {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"code": 16, "message": "token not valid. see https://argo-workflows.readthedocs.io/en/latest/faq/"})
		return
	}
	writeJSON(w, http.StatusOK, version)
}

// created answers like the Argo Server: the stored object, without apiVersion/kind (typed clients drop
// them), with a generated name, uid and creation timestamp.
func created(req ArgoRequest, n int) map[string]any {
	wf, _ := req.Body["workflow"].(map[string]any)
	meta, _ := wf["metadata"].(map[string]any)
	if meta == nil {
		meta = map[string]any{}
	}
	if meta["name"] == nil || meta["name"] == "" {
		meta["name"] = fmt.Sprintf("%sx%04d", meta["generateName"], n)
	}
	meta["namespace"] = strings.TrimSuffix(strings.TrimPrefix(req.Path, "/api/v1/workflows/"), "/submit")
	meta["uid"] = fmt.Sprintf("00000000-0000-0000-0000-%012d", n)
	meta["creationTimestamp"] = time.Date(2026, 12, 4, 10, 0, n%60, 0, time.UTC).Format(time.RFC3339)
	out := map[string]any{"metadata": meta, "spec": wf["spec"]}
	if req.Body["serverDryRun"] != true {
		out["status"] = map[string]any{}
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// CAPEM is the TLS server's certificate in PEM, for --argo-ca-file.
func (a *Argo) CAPEM() string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: a.Certificate().Raw}))
}
