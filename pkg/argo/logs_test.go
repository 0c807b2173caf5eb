package argo

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestFollowLogs(t *testing.T) {
	ndjson := `{"result":{"content":"hello world","podName":"hello-x7k2p-main-1"}}` + "\n" +
		`{"result":{"content":"  indented, with \"quotes\"","podName":"hello-x7k2p-main-2"}}` + "\n" +
		`{"result":{"content":"","podName":"hello-x7k2p-main-2"}}` + "\n"
	sse := ":\n\n"
	for _, line := range strings.Split(strings.TrimSpace(ndjson), "\n") {
		sse += "data: " + line + " \n\n:\n"
	}
	tests := []struct {
		name, contentType, body, container, wantQuery string
	}{
		{"ndjson", "application/json", ndjson, "wait", "logOptions.container=wait&logOptions.follow=true"},
		{"default container", "application/json", ndjson, "", "logOptions.container=main&logOptions.follow=true"},
		{"sse", "text/event-stream", sse, "main", "logOptions.container=main&logOptions.follow=true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newStreamServer(t, tt.contentType, splitEvery(tt.body, 11)...)
			client := plainClient(t, startPlainServer(t, srv), &staticCredentials{value: testAuthorization}, nil)
			logs, err := client.FollowLogs(context.Background(), "argo", "hello-x7k2p", tt.container)
			if err != nil {
				t.Fatal(err)
			}
			defer logs.Close()
			var got []LogEntry
			for {
				entry, err := logs.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, entry)
			}
			want := []LogEntry{
				{PodName: "hello-x7k2p-main-1", Content: "hello world"},
				{PodName: "hello-x7k2p-main-2", Content: `  indented, with "quotes"`},
				{PodName: "hello-x7k2p-main-2", Content: ""},
			}
			if len(got) != len(want) {
				t.Fatalf("entries = %q, want %q", got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("entry %d = %q, want %q", i, got[i], want[i])
				}
			}
			req := srv.recorded()[0]
			if req.method != http.MethodGet || req.escapedPath != "/api/v1/workflows/argo/hello-x7k2p/log" || req.rawQuery != tt.wantQuery {
				t.Errorf("request = %s %s?%s, want GET /api/v1/workflows/argo/hello-x7k2p/log?%s", req.method, req.escapedPath, req.rawQuery, tt.wantQuery)
			}
		})
	}
}

func TestFollowLogsErrors(t *testing.T) {
	srv := newStreamServer(t, "application/json", `{"result":{"content":"a","podName":"p"}}`+"\n", `{"error":{"code":7,"message":"pods \"p\" is forbidden"}}`+"\n")
	client := plainClient(t, startPlainServer(t, srv), nil, nil)
	logs, err := client.FollowLogs(context.Background(), "argo", "hello", "main")
	if err != nil {
		t.Fatal(err)
	}
	defer logs.Close()
	if _, err := logs.Next(); err != nil {
		t.Fatal(err)
	}
	_, err = logs.Next()
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !apiErr.Forbidden() || !strings.Contains(err.Error(), `pods/log in namespace "argo"`) {
		t.Errorf("error = %v, want a 403 *APIError naming pods/log", err)
	}

	missing := startPlainServer(t, &fakeServer{status: 404, body: `{"code":5,"message":"workflows.argoproj.io \"hello\" not found"}`})
	_, err = plainClient(t, missing, nil, nil).FollowLogs(context.Background(), "argo", "hello", "main")
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || !strings.Contains(err.Error(), `workflow "hello" does not exist in namespace "argo"`) {
		t.Errorf("error = %v, want a 404 *APIError naming the workflow", err)
	}
	if _, err := client.FollowLogs(context.Background(), "", "hello", ""); err == nil {
		t.Error("empty namespace: want error")
	}
}
