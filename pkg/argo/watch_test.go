package argo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// readEvents calls Next until it fails and returns the events and the error.
func readEvents(t *testing.T, watch WorkflowWatch) ([]WorkflowEvent, error) {
	t.Helper()
	var events []WorkflowEvent
	for i := 0; i < 100; i++ {
		event, err := watch.Next()
		if err != nil {
			return events, err
		}
		events = append(events, event)
	}
	t.Fatal("the stream did not end")
	return nil, nil
}

func openWatch(t *testing.T, srv http.Handler, creds Credentials) WorkflowWatch {
	t.Helper()
	client := plainClient(t, startPlainServer(t, srv), creds, nil)
	watch, err := client.WatchWorkflow(context.Background(), "argo", "hello", "")
	if err != nil {
		t.Fatalf("WatchWorkflow: %v", err)
	}
	t.Cleanup(func() { watch.Close() })
	return watch
}

func TestWatchWorkflowEvents(t *testing.T) {
	ndjson := eventLine("ADDED", "hello", "Pending") + "\n" + eventLine("MODIFIED", "hello", "Running") + eventLine("MODIFIED", "hello", "Succeeded")
	sse := ":\n\n" +
		"data: " + strings.TrimSuffix(eventLine("ADDED", "hello", "Pending"), "\n") + " \n\n\n" +
		": keep-alive\n" +
		"event: message\nid: 2\ndata: " + strings.TrimSuffix(eventLine("MODIFIED", "hello", "Running"), "\n") + "\n\n" +
		":\n\n" +
		// one message over two data lines, with CRLF line ends
		"data: {\"result\":{\"type\":\"MODIFIED\",\r\ndata: \"object\":{\"metadata\":{\"name\":\"hello\",\"generation\":3},\"status\":{\"phase\":\"Succeeded\"}}}}\r\n\r\n" +
		":\n"
	tests := []struct {
		name        string
		contentType string
		chunks      []string
	}{
		{"ndjson", "application/json", []string{ndjson}},
		{"ndjson split across chunks", "application/json", splitEvery(ndjson, 17)},
		{"sse", "text/event-stream; charset=utf-8", []string{sse}},
		{"sse split across chunks", "text/event-stream", splitEvery(sse, 5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newStreamServer(t, tt.contentType, tt.chunks...)
			watch := openWatch(t, srv, &staticCredentials{value: testAuthorization})
			events, err := readEvents(t, watch)
			if err != io.EOF {
				t.Fatalf("end of stream = %v, want io.EOF", err)
			}
			checkEvents(t, events, "ADDED/Pending", "MODIFIED/Running", "MODIFIED/Succeeded")
			if _, err := watch.Next(); err != io.EOF {
				t.Errorf("Next after the end = %v, want io.EOF again", err)
			}
			if err := watch.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
	}
}

func checkEvents(t *testing.T, events []WorkflowEvent, want ...string) {
	t.Helper()
	var got []string
	for _, event := range events {
		phase, _, _ := unstructured.NestedString(event.Object.Object, "status", "phase")
		got = append(got, event.Type+"/"+phase)
		if event.Object.GetAPIVersion() != WorkflowAPIVersion || event.Object.GetKind() != WorkflowKind || event.Object.GetName() != "hello" {
			t.Errorf("object = %s %s %s, want a %s %s named hello", event.Object.GetAPIVersion(), event.Object.GetKind(), event.Object.GetName(), WorkflowAPIVersion, WorkflowKind)
		}
		if generation, found, err := unstructured.NestedInt64(event.Object.Object, "metadata", "generation"); err != nil || !found || generation != 3 {
			t.Errorf("metadata.generation = %v, %v, %v; want int64 3", generation, found, err)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("events = %v, want %v", got, want)
	}
}

// splitEvery cuts s into pieces of n bytes, to cross message boundaries.
func splitEvery(s string, n int) []string {
	var pieces []string
	for len(s) > n {
		pieces = append(pieces, s[:n])
		s = s[n:]
	}
	return append(pieces, s)
}

func TestWatchWorkflowQuery(t *testing.T) {
	tests := []struct {
		name, namespace, workflow, resourceVersion string
		wantPath, wantQuery                        string
	}{
		{"from now", "argo", "hello", "", "/api/v1/workflow-events/argo", "listOptions.fieldSelector=metadata.name%3Dhello"},
		{"from a resource version", "argo", "hello", "12345", "/api/v1/workflow-events/argo",
			"listOptions.fieldSelector=metadata.name%3Dhello&listOptions.resourceVersion=12345"},
		{"escaped", "a b", "x&y=z", "1", "/api/v1/workflow-events/a%20b",
			"listOptions.fieldSelector=metadata.name%3Dx%26y%3Dz&listOptions.resourceVersion=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newStreamServer(t, "application/json")
			client := plainClient(t, startPlainServer(t, srv), &staticCredentials{value: testAuthorization}, nil)
			watch, err := client.WatchWorkflow(context.Background(), tt.namespace, tt.workflow, tt.resourceVersion)
			if err != nil {
				t.Fatal(err)
			}
			defer watch.Close()
			req := srv.recorded()[0]
			if req.method != http.MethodGet || req.escapedPath != tt.wantPath || req.rawQuery != tt.wantQuery {
				t.Errorf("request = %s %s?%s, want GET %s?%s", req.method, req.escapedPath, req.rawQuery, tt.wantPath, tt.wantQuery)
			}
			if req.header.Get("Authorization") != testAuthorization {
				t.Errorf("Authorization not sent")
			}
		})
	}
}

func TestWatchWorkflowNeedsArguments(t *testing.T) {
	client, err := NewClient(Config{Server: "127.0.0.1:1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][2]string{{"", "hello"}, {"argo", ""}} {
		if _, err := client.WatchWorkflow(context.Background(), args[0], args[1], ""); err == nil {
			t.Errorf("WatchWorkflow(%q, %q): want error", args[0], args[1])
		}
	}
}

func TestWatchWorkflowErrorInStream(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		message     string
		wantStatus  int
		wantCode    int
		wantMessage string
	}{
		{"grpc-gateway v2", "application/json", `{"error":{"code":5,"message":"workflow gone","details":[]}}`, 404, 5, "workflow gone"},
		{"httpCode given", "application/json", `{"error":{"code":10,"message":"too old resource version","httpCode":410}}`, 410, 10, "too old resource version"},
		{"grpc-gateway v1", "application/json", `{"error":{"grpc_code":7,"http_code":403,"message":"forbidden","http_status":"Forbidden"}}`, 403, 7, "forbidden"},
		{"top level", "application/json", `{"code":13,"message":"etcd unavailable"}`, 500, 13, "etcd unavailable"},
		{"sse", "text/event-stream", "data: {\"error\":{\"code\":16,\"message\":\"expired\"}} \n\n", 401, 16, "expired"},
		{"token echoed", "application/json", `{"error":{"code":16,"message":"bad token ` + testSecret + `"}}`, 401, 16, "bad token [REDACTED]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := eventLine("ADDED", "hello", "Running")
			if tt.contentType == "text/event-stream" {
				first = "data: " + first + "\n"
			}
			srv := newStreamServer(t, tt.contentType, first, tt.message+"\n")
			watch := openWatch(t, srv, &staticCredentials{value: testAuthorization})
			events, err := readEvents(t, watch)
			if len(events) != 1 {
				t.Errorf("got %d events before the error, want 1", len(events))
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error = %v, want *APIError", err)
			}
			if apiErr.StatusCode != tt.wantStatus || apiErr.Code != tt.wantCode || apiErr.Message != tt.wantMessage || apiErr.Method != http.MethodGet {
				t.Errorf("APIError = {%s %d %d %q}, want {GET %d %d %q}", apiErr.Method, apiErr.StatusCode, apiErr.Code, apiErr.Message, tt.wantStatus, tt.wantCode, tt.wantMessage)
			}
			if !strings.Contains(err.Error(), "/api/v1/workflow-events/argo") || strings.Contains(err.Error(), testSecret) {
				t.Errorf("Error() = %q: want the path and no token", err)
			}
		})
	}
}

func TestWatchWorkflowOpenRefused(t *testing.T) {
	// grpc-gateway writes a stream's first error as {"error":{…}} with the mapped status.
	srv := startPlainServer(t, &fakeServer{status: 403, body: `{"error":{"grpc_code":7,"http_code":403,"message":"workflows.argoproj.io is forbidden"}}`})
	client := plainClient(t, srv, &staticCredentials{value: testAuthorization}, nil)
	_, err := client.WatchWorkflow(context.Background(), "argo", "hello", "")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !apiErr.Forbidden() || apiErr.Code != 7 || apiErr.Message != "workflows.argoproj.io is forbidden" {
		t.Fatalf("error = %#v, want *APIError 403 with code 7 and the message", err)
	}
	if !strings.Contains(err.Error(), `watch workflows.argoproj.io in namespace "argo"`) {
		t.Errorf("Error() = %q: want the missing permission", err)
	}
}

func TestWatchWorkflowLongLine(t *testing.T) {
	big := strings.Repeat("x", 1<<20) // far beyond bufio.Scanner's 64 KiB
	line := `{"result":{"type":"MODIFIED","object":{"metadata":{"name":"hello","generation":3},"status":{"phase":"Running","message":"` + big + `"}}}}` + "\n"
	for _, contentType := range []string{"application/json", "text/event-stream"} {
		t.Run(contentType, func(t *testing.T) {
			body := line
			if contentType == "text/event-stream" {
				body = "data: " + line + "\n"
			}
			srv := newStreamServer(t, contentType, body, body)
			events, err := readEvents(t, openWatch(t, srv, nil))
			if err != io.EOF {
				t.Fatalf("end = %v, want io.EOF", err)
			}
			checkEvents(t, events, "MODIFIED/Running", "MODIFIED/Running")
			if message, _, _ := unstructured.NestedString(events[0].Object.Object, "status", "message"); message != big {
				t.Errorf("status.message has %d bytes, want %d", len(message), len(big))
			}
		})
	}
}

func TestMessageReaderLimit(t *testing.T) {
	tests := []struct {
		name string
		sse  bool
		body string
	}{
		{"ndjson line", false, "{}\n" + strings.Repeat(" ", 2000) + "\n"},
		{"ndjson without end", false, "{}\n" + strings.Repeat("x", 2000)},
		{"sse line", true, "data: {}\n\ndata: " + strings.Repeat("x", 2000) + "\n\n"},
		{"sse data lines", true, "data: {}\n\n" + strings.Repeat("data: "+strings.Repeat("x", 100)+"\n", 20) + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reader := newMessageReader(strings.NewReader(tt.body), tt.sse, 1024)
			if message, err := reader.next(); err != nil || string(message) != "{}" {
				t.Fatalf("first message = %q, %v; want {}", message, err)
			}
			_, err := reader.next()
			if err == nil || !strings.Contains(err.Error(), "longer than 1024 bytes") {
				t.Fatalf("error = %v, want the limit named", err)
			}
			if _, again := reader.next(); again != err {
				t.Errorf("the error must stick: %v", again)
			}
		})
	}
	if got := byteSize(maxStreamMessage); got != "32 MiB" {
		t.Errorf("limit reads %q, want 32 MiB", got)
	}
}

func TestWatchWorkflowBodyEnds(t *testing.T) {
	event := strings.TrimSuffix(eventLine("MODIFIED", "hello", "Running"), "\n")
	tests := []struct {
		name        string
		contentType string
		body        string
		wantEvents  int
		wantConnErr bool
	}{
		{"empty", "application/json", "", 0, false},
		{"last line without newline", "application/json", event + "\n" + event, 2, false},
		{"cut after a whole line", "application/json", event + "\n" + event[:40], 1, false},
		{"cut before any whole line", "application/json", event[:40], 0, true},
		{"sse without final blank line", "text/event-stream", "data: " + event + "\n\ndata: " + event + "\n", 2, false},
		{"sse cut", "text/event-stream", "data: " + event + "\n\ndata: " + event[:40], 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A plain body with Content-Length: the server ends it cleanly.
			fake := &fakeServer{status: 200, body: tt.body, header: http.Header{"Content-Type": {tt.contentType}}}
			events, err := readEvents(t, openWatch(t, fake, nil))
			if len(events) != tt.wantEvents {
				t.Errorf("got %d events, want %d", len(events), tt.wantEvents)
			}
			var connErr *ConnectionError
			if tt.wantConnErr != errors.As(err, &connErr) || (!tt.wantConnErr && err != io.EOF) {
				t.Errorf("end = %v; want ConnectionError %v, else io.EOF", err, tt.wantConnErr)
			}
		})
	}
}

// resetServer writes a chunked 200 with one event, then resets the connection.
type resetServer struct{ t *testing.T }

func (s resetServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		s.t.Errorf("hijack: %v", err)
		return
	}
	line := eventLine("MODIFIED", "hello", "Running")
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n", len(line), line)
	fmt.Fprintf(buf, "%x\r\n%s\r\n", 20, line[:20]) // half a message, then the connection dies
	_ = buf.Flush()
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0) // RST instead of FIN
	}
	conn.Close()
}

func TestWatchWorkflowConnectionReset(t *testing.T) {
	srv := startPlainServer(t, resetServer{t})
	client := plainClient(t, srv, &staticCredentials{value: testAuthorization}, nil)
	watch, err := client.WatchWorkflow(context.Background(), "argo", "hello", "")
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()
	events, err := readEvents(t, watch)
	if len(events) != 1 {
		t.Errorf("got %d events before the reset, want 1", len(events))
	}
	var connErr *ConnectionError
	if !errors.As(err, &connErr) {
		t.Fatalf("error = %v (%T), want *ConnectionError", err, err)
	}
	if connErr.URL != srv.URL+"/api/v1/workflow-events/argo?listOptions.fieldSelector=metadata.name%3Dhello" || connErr.TLS {
		t.Errorf("ConnectionError = %+v", connErr)
	}
	if !strings.Contains(err.Error(), "stream from the Argo Server") || !strings.Contains(err.Error(), "broke") {
		t.Errorf("Error() = %q: want it to say the open stream broke", err)
	}
}

func TestWatchWorkflowCancelUnblocksNext(t *testing.T) {
	srv := newStreamServer(t, "application/json", eventLine("ADDED", "hello", "Running"))
	srv.hold = true
	client := plainClient(t, startPlainServer(t, srv), nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watch, err := client.WatchWorkflow(ctx, "argo", "hello", "")
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()
	if _, err := watch.Next(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := watch.Next()
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != context.Canceled {
			t.Errorf("Next after cancel = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Next still blocked after the context was cancelled")
	}
}

func TestWatchWorkflowCloseUnblocksNext(t *testing.T) {
	srv := newStreamServer(t, "application/json")
	srv.hold = true
	watch := openWatch(t, srv, nil)
	done := make(chan error, 1)
	go func() {
		_, err := watch.Next()
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	if err := watch.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	select {
	case err := <-done:
		if !errors.Is(err, net.ErrClosed) {
			t.Errorf("Next after Close = %v, want net.ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Next still blocked after Close")
	}
}

func TestWatchWorkflowIgnoresRequestTimeout(t *testing.T) {
	srv := newStreamServer(t, "application/json", eventLine("ADDED", "hello", "Running"), eventLine("MODIFIED", "hello", "Succeeded"))
	srv.delay = 150 * time.Millisecond
	client := plainClient(t, startPlainServer(t, srv), nil, func(cfg *Config) { cfg.Timeout = 50 * time.Millisecond })
	watch, err := client.WatchWorkflow(context.Background(), "argo", "hello", "")
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()
	events, err := readEvents(t, watch)
	if err != io.EOF {
		t.Fatalf("end = %v, want io.EOF: Config.Timeout must not cut a stream", err)
	}
	checkEvents(t, events, "ADDED/Running", "MODIFIED/Succeeded")
}

func TestWatchWorkflowMalformedMessage(t *testing.T) {
	tests := []struct{ name, line, want string }{
		{"not json", "<html>", "cannot be read"},
		{"neither result nor error", `{"hello":"world"}`, "neither a result nor an error"},
		{"event without object", `{"result":{"type":"DELETED"}}`, "has no workflow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newStreamServer(t, "application/json", tt.line+"\n")
			_, err := openWatch(t, srv, nil).Next()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
			var apiErr *APIError
			var connErr *ConnectionError
			if errors.As(err, &apiErr) || errors.As(err, &connErr) {
				t.Errorf("error = %T, want a plain error", err)
			}
		})
	}
}

// TestStreamOverHTTPS checks a stream over TLS with HTTP/2, as a real Argo Server serves it.
func TestStreamOverHTTPS(t *testing.T) {
	srv := newStreamServer(t, "application/json", eventLine("ADDED", "hello", "Running"))
	tlsSrv := startTLSServer(t, srv)
	client, err := NewClient(Config{Server: tlsSrv.URL, CAFile: writeCAFile(t, tlsSrv)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	watch, err := client.WatchWorkflow(context.Background(), "argo", "hello", "")
	if err != nil {
		t.Fatal(err)
	}
	defer watch.Close()
	events, err := readEvents(t, watch)
	if err != io.EOF {
		t.Fatalf("end = %v, want io.EOF", err)
	}
	checkEvents(t, events, "ADDED/Running")
}
