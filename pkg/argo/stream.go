package argo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"sync/atomic"

	utiljson "k8s.io/apimachinery/pkg/util/json"
)

// stream reads the messages of one open grpc-gateway server stream.
type stream struct {
	ctx        context.Context // the request's; cancelling it ends the stream
	body       io.ReadCloser
	reader     *messageReader
	url        string
	permission string              // what a 403 in the stream denied
	redact     func(string) string // scrubs the request's credential from server text
	closed     atomic.Bool
}

// openStream sends call without Config.Timeout: only ctx bounds the stream.
// It goes through send, so a 401 on open renews the credentials as any
// request does.
func (c *Client) openStream(ctx context.Context, call apiCall) (*stream, error) {
	resp, err := c.send(ctx, call, c.streamClient)
	if err != nil {
		return nil, err
	}
	authorization := resp.Request.Header.Get("Authorization")
	return &stream{
		ctx:        ctx,
		body:       resp.Body,
		reader:     newMessageReader(resp.Body, isEventStream(resp.Header.Get("Content-Type")), maxStreamMessage),
		url:        call.url(c.baseURL),
		permission: call.permission,
		redact:     func(text string) string { return redactCredential(text, authorization) },
	}, nil
}

// isEventStream reports a server-sent events answer; anything else is read
// as newline-delimited JSON.
func isEventStream(contentType string) bool {
	mediaType, _, err := mime.ParseMediaType(contentType)
	return err == nil && mediaType == "text/event-stream"
}

// Close ends the stream; a Next blocked on it returns.
func (s *stream) Close() error {
	s.closed.Store(true)
	return s.body.Close()
}

// readResult returns the "result" of the stream's next message as T. An
// error message becomes *APIError.
func readResult[T any](s *stream) (T, error) {
	var chunk struct {
		Result *T `json:"result"`
	}
	if err := s.ctx.Err(); err != nil {
		return *new(T), err
	}
	if s.closed.Load() {
		return *new(T), s.closedError()
	}
	data, err := s.reader.next()
	if err != nil {
		return *new(T), s.readFailure(err)
	}
	// One pass, keeping integers as int64 as unstructured.Unstructured expects.
	if err := utiljson.Unmarshal(data, &chunk); err != nil {
		return *new(T), fmt.Errorf("argo: a message in the Argo Server's stream %s cannot be read: %w", requestPath(s.url), err)
	}
	if chunk.Result == nil {
		return *new(T), s.errorMessage(data)
	}
	return *chunk.Result, nil
}

// readFailure explains why no message could be read.
func (s *stream) readFailure(err error) error {
	var readErr *bodyReadError
	switch {
	case s.ctx.Err() != nil:
		return s.ctx.Err()
	case err == io.EOF:
		return io.EOF
	case s.closed.Load():
		return s.closedError()
	case errors.As(err, &readErr):
		return &ConnectionError{URL: s.url, TLS: isTLSFailure(readErr.err), Err: readErr.err, broken: true}
	}
	return err
}

func (s *stream) closedError() error {
	return fmt.Errorf("argo: the stream %s was closed: %w", requestPath(s.url), net.ErrClosed)
}

// errorMessage turns a message without a result into an error: grpc-gateway
// ends a stream with {"error":{…}} when the server's call fails.
func (s *stream) errorMessage(data []byte) error {
	status, ok := parseGatewayError(data)
	if !ok {
		return fmt.Errorf("argo: a message in the Argo Server's stream %s has neither a result nor an error: %s", requestPath(s.url), shortText(s.redact(string(data))))
	}
	httpStatus := status.httpCode
	if httpStatus == 0 {
		httpStatus = httpStatusFromGRPC(status.code)
	}
	return &APIError{
		Method:     http.MethodGet,
		URL:        s.url,
		StatusCode: httpStatus,
		Code:       status.code,
		Message:    s.redact(status.message),
		permission: s.permission,
	}
}
