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
	query  url.Values  // nil for none
	body   interface{} // JSON-encoded when not nil
	// permission names what a 403 would deny, for the error hint.
	permission string
	// notFound explains a 404 from the Argo Server itself, e.g. `WorkflowTemplate "x" does not
	// exist in namespace "argo"`; empty for the generic wrong-address hint.
	notFound string
}

// url is the full request URL. It never holds credentials.
func (call apiCall) url(baseURL string) string {
	if len(call.query) == 0 {
		return baseURL + call.path
	}
	return baseURL + call.path + "?" + call.query.Encode()
}

// do sends call and returns the body of a 2xx answer. Other answers become
// *APIError, network and TLS failures *ConnectionError.
func (c *Client) do(ctx context.Context, call apiCall) ([]byte, error) {
	resp, err := c.send(ctx, call, c.httpClient)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := readSuccessBody(resp.Body)
	if err != nil {
		return nil, transportError(ctx, call.url(c.baseURL), err)
	}
	klog.V(8).Infof("Response body: %d bytes", len(data))
	return data, nil
}

// send is the one path every request takes. It returns a 2xx response
// whose body the caller must close; other answers become *APIError, failures
// without an answer *ConnectionError. On a 401, credentials that implement
// Renewer are renewed once and the request is sent once more.
func (c *Client) send(ctx context.Context, call apiCall, httpClient *http.Client) (*http.Response, error) {
	body, err := encodeBody(call.body)
	if err != nil {
		return nil, err
	}
	resp, err := c.attempt(ctx, call, body, httpClient)
	refused, renewer := c.renewalFor(err)
	if renewer == nil {
		return resp, err
	}
	if renewErr := renewer.Renew(ctx); renewErr != nil {
		return nil, &RenewError{Unauthorized: refused, Err: renewErr}
	}
	// Retrying is safe even for a POST: the server refuses a 401 before
	// running the call, so nothing was created. The body is sent again from
	// the same bytes.
	resp, err = c.attempt(ctx, call, body, httpClient)
	var again *APIError
	if errors.As(err, &again) && again.Unauthorized() {
		again.afterRenewal = true
	}
	return resp, err
}

// renewalFor returns the 401 refusal in err and the Renewer to call, or a
// nil Renewer when err is no 401 or the credentials cannot renew.
func (c *Client) renewalFor(err error) (*APIError, Renewer) {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !apiErr.Unauthorized() {
		return nil, nil
	}
	renewer, ok := c.creds.(Renewer)
	if !ok {
		return nil, nil
	}
	return apiErr, renewer
}

// attempt sends call once and logs one line for it.
func (c *Client) attempt(ctx context.Context, call apiCall, body []byte, httpClient *http.Client) (*http.Response, error) {
	req, err := c.newRequest(ctx, call, body)
	if err != nil {
		return nil, err
	}
	// Kept only to scrub a server that echoes the token in its error text.
	authorization := req.Header.Get("Authorization")
	requestURL := call.url(c.baseURL)
	start := time.Now()
	resp, err := httpClient.Do(req)
	if err != nil {
		err = transportError(ctx, requestURL, err)
		klog.V(6).Infof("%s %s failed in %d milliseconds: %v", call.method, requestURL, time.Since(start).Milliseconds(), err)
		return nil, err
	}
	klog.V(6).Infof("%s %s %s in %d milliseconds", call.method, requestURL, resp.Status, time.Since(start).Milliseconds())

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		defer resp.Body.Close()
		apiErr := newAPIError(call.method, requestURL, resp, authorization)
		apiErr.permission = call.permission
		apiErr.notFound = call.notFound
		return nil, apiErr
	}
	return resp, nil
}

// encodeBody marshals a request body once, so a retry can send the same bytes.
func encodeBody(body interface{}) ([]byte, error) {
	if body == nil {
		return nil, nil
	}
	data, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("argo: encoding the request body: %w", err)
	}
	return data, nil
}

// newRequest builds the HTTP request. Credentials are asked for first, so
// nothing is sent when they fail.
func (c *Client) newRequest(ctx context.Context, call apiCall, body []byte) (*http.Request, error) {
	authorization, err := c.authorization(ctx)
	if err != nil {
		return nil, err
	}
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, call.method, call.url(c.baseURL), reader)
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
