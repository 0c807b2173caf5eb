package argo

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// streamServer answers every request with a 200 stream: contentType, then
// each chunk flushed on its own (after delay). With hold it keeps the stream
// open until the client goes away or the test ends.
type streamServer struct {
	contentType string
	chunks      []string
	delay       time.Duration
	hold        bool
	release     chan struct{}

	mu       sync.Mutex
	requests []recordedStreamRequest
}

// recordedStreamRequest is what the fake stream server saw.
type recordedStreamRequest struct {
	method, escapedPath, rawQuery string
	header                        http.Header
}

func newStreamServer(t *testing.T, contentType string, chunks ...string) *streamServer {
	s := &streamServer{contentType: contentType, chunks: chunks, release: make(chan struct{})}
	t.Cleanup(func() { close(s.release) }) // runs before the server's Close
	return s
}

func (s *streamServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, recordedStreamRequest{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone()})
	s.mu.Unlock()
	w.Header().Set("Content-Type", s.contentType)
	w.WriteHeader(http.StatusOK)
	w.(http.Flusher).Flush()
	for _, chunk := range s.chunks {
		if !s.wait(r.Context(), s.delay) {
			return
		}
		_, _ = io.WriteString(w, chunk)
		w.(http.Flusher).Flush()
	}
	if s.hold {
		s.wait(r.Context(), time.Hour)
	}
}

// wait sleeps d unless the request or the test ends first.
func (s *streamServer) wait(ctx context.Context, d time.Duration) bool {
	select {
	case <-time.After(d):
		return true
	case <-ctx.Done():
	case <-s.release:
	}
	return false
}

func (s *streamServer) recorded() []recordedStreamRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]recordedStreamRequest(nil), s.requests...)
}

// eventLine is one NDJSON workflow-events message.
func eventLine(eventType, name, phase string) string {
	return fmt.Sprintf(`{"result":{"type":%q,"object":{"metadata":{"name":%q,"namespace":"argo","resourceVersion":"7","generation":3},"status":{"phase":%q}}}}`,
		eventType, name, phase) + "\n"
}

// renewingCredentials starts with token and switches to renewed on Renew,
// unless renewErr is set. It counts Renew calls.
type renewingCredentials struct {
	mu       sync.Mutex
	token    string
	renewed  string
	renewErr error
	renewals int
}

func (r *renewingCredentials) Authorization(context.Context) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return "Bearer " + r.token, nil
}

func (r *renewingCredentials) Renew(context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.renewals++
	if r.renewErr != nil {
		return r.renewErr
	}
	r.token = r.renewed
	return nil
}

func (r *renewingCredentials) renewCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.renewals
}

// tokenGate answers 401 unless the request carries "Bearer "+accept, and
// passes accepted requests to next. It records every Authorization and body.
type tokenGate struct {
	accept string
	next   http.Handler

	mu             sync.Mutex
	authorizations []string
	bodies         []string
}

func (g *tokenGate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	authorization := r.Header.Get("Authorization")
	g.mu.Lock()
	g.authorizations = append(g.authorizations, authorization)
	g.bodies = append(g.bodies, string(body))
	g.mu.Unlock()
	if g.accept == "" || authorization != "Bearer "+g.accept {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"error":{"grpc_code":16,"http_code":401,"message":"token not valid","http_status":"Unauthorized"}}`)
		return
	}
	g.next.ServeHTTP(w, r)
}

func (g *tokenGate) seen() (authorizations, bodies []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.authorizations...), append([]string(nil), g.bodies...)
}
