package argo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// defaultLogContainer is the container whose log the argo CLI shows by default.
const defaultLogContainer = "main"

// FollowLogs opens GET {base}/api/v1/workflows/{namespace}/{name}/log,
// following the log of container ("main" when empty) in every pod of the
// workflow. Only ctx bounds the stream, not Config.Timeout; the caller closes it.
func (c *Client) FollowLogs(ctx context.Context, namespace, name, container string) (LogStream, error) {
	if namespace == "" || name == "" {
		return nil, errors.New("argo: FollowLogs needs a namespace and a name")
	}
	if container == "" {
		container = defaultLogContainer
	}
	s, err := c.openStream(ctx, apiCall{
		method:     http.MethodGet,
		path:       workflowPath(namespace, name) + "/log",
		query:      url.Values{"logOptions.container": {container}, "logOptions.follow": {"true"}},
		permission: fmt.Sprintf("get workflows.argoproj.io and pods/log in namespace %q", namespace),
		notFound:   fmt.Sprintf("workflow %q does not exist in namespace %q", name, namespace),
	})
	if err != nil {
		return nil, err
	}
	return &logStream{stream: s}, nil
}

// logStream is the LogStream of one log stream.
type logStream struct{ *stream }

// logEntryV1 is the result of a log message.
type logEntryV1 struct {
	Content string `json:"content"`
	PodName string `json:"podName"`
}

// Next returns the next log line; see LogStream.
func (l *logStream) Next() (LogEntry, error) {
	entry, err := readResult[logEntryV1](l.stream)
	if err != nil {
		return LogEntry{}, err
	}
	return LogEntry{PodName: entry.PodName, Content: entry.Content}, nil
}
