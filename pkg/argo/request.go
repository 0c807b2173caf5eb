package argo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"k8s.io/klog/v2"
)

// apiCall is one request to the Argo Server API.
type apiCall struct {
	method string
	path   string      // escaped path below the base URL, starting with "/api/v1/"
	body   interface{} // JSON-encoded when not nil
	// permission names what a 403 would deny, for the error hint.
	permission string
}

// do sends call and returns the body of a 2xx answer. Other answers become
// *APIError, network and TLS failures *ConnectionError.
func (c *Client) do(ctx context.Context, call apiCall) ([]byte, error) {
	req, err := c.newRequest(ctx, call)
	if err != nil {
		return nil, err
	}
	// Kept only to scrub a server that echoes the token in its error text.
	authorization := req.Header.Get("Authorization")
	requestURL := c.baseURL + call.path
	start := time.Now()
	resp, err := c.httpClient.Do(req)
	if err != nil {
		err = transportError(ctx, requestURL, err)
		klog.V(6).Infof("%s %s failed in %d milliseconds: %v", call.method, requestURL, time.Since(start).Milliseconds(), err)
		return nil, err
	}
	defer resp.Body.Close()
	klog.V(6).Infof("%s %s %s in %d milliseconds", call.method, requestURL, resp.Status, time.Since(start).Milliseconds())

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := newAPIError(call.method, requestURL, resp, authorization)
		apiErr.permission = call.permission
		return nil, apiErr
	}
	data, err := readSuccessBody(resp.Body)
	if err != nil {
		return nil, transportError(ctx, requestURL, err)
	}
	klog.V(8).Infof("Response body: %d bytes", len(data))
	return data, nil
}

// newRequest builds the HTTP request. Credentials are asked for first, so
// nothing is sent when they fail.
func (c *Client) newRequest(ctx context.Context, call apiCall) (*http.Request, error) {
	authorization, err := c.authorization(ctx)
	if err != nil {
		return nil, err
	}
	var body io.Reader
	if call.body != nil {
		data, err := json.Marshal(call.body)
		if err != nil {
			return nil, fmt.Errorf("argo: encoding the request body: %w", err)
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, call.method, c.baseURL+call.path, body)
	if err != nil {
		return nil, fmt.Errorf("argo: building the request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("User-Agent", c.userAgent)
	c.extra.apply(req)
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	return req, nil
}

// authorization asks the Credentials for this request's header value. The
// value itself never appears in errors.
func (c *Client) authorization(ctx context.Context) (string, error) {
	if c.creds == nil {
		return "", nil
	}
	value, err := c.creds.Authorization(ctx)
	if err != nil {
		return "", fmt.Errorf("argo: getting credentials for the Argo Server: %w", err)
	}
	if strings.ContainsFunc(value, isControlChar) {
		return "", errors.New("argo: the Authorization value contains a control character (a stray newline in a token file?)")
	}
	return value, nil
}

// transportError turns a failure without an HTTP answer into a
// *ConnectionError. The caller's own cancellation or deadline is returned
// as is, so errors.Is(err, context.Canceled) keeps working.
func transportError(ctx context.Context, requestURL string, err error) error {
	if ctx.Err() != nil {
		return err
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err // the URL is already in ConnectionError
	}
	return &ConnectionError{URL: requestURL, TLS: isTLSFailure(err), Err: err}
}
