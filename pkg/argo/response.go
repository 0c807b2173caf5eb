package argo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	utiljson "k8s.io/apimachinery/pkg/util/json"
)

const (
	// maxErrorBody caps what is read of a refusal: proxies may answer with
	// large HTML pages, and only the start is useful in a message.
	maxErrorBody = 1 << 20
	// maxSuccessBody caps a workflow answer; Argo's own limit on workflow
	// size is far below this, so more means something is wrong.
	maxSuccessBody = 64 << 20
	// maxMessageRunes keeps a non-JSON refusal readable on one line.
	maxMessageRunes = 300
)

// readSuccessBody reads a 2xx body, refusing one beyond maxSuccessBody.
func readSuccessBody(body io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(body, maxSuccessBody+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxSuccessBody {
		return nil, fmt.Errorf("the Argo Server's answer is larger than %d MiB", maxSuccessBody>>20)
	}
	return data, nil
}

// decodeObject decodes a JSON object keeping integers as int64, as
// unstructured.Unstructured expects.
func decodeObject(data []byte) (map[string]interface{}, error) {
	var object map[string]interface{}
	if err := utiljson.Unmarshal(data, &object); err != nil {
		return nil, fmt.Errorf("the Argo Server's answer is not a JSON object: %w", err)
	}
	if object == nil {
		return nil, errors.New("the Argo Server's answer is not a JSON object")
	}
	return object, nil
}

// newAPIError builds an APIError from a refusal, reading at most
// maxErrorBody. The request's credential is scrubbed from the body first,
// in case the server (or a proxy) echoes it.
func newAPIError(method, requestURL string, resp *http.Response, authorization string) *APIError {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	code, message := parseErrorBody([]byte(redactCredential(string(body), authorization)))
	return &APIError{
		Method:     method,
		URL:        requestURL,
		StatusCode: resp.StatusCode,
		Code:       code,
		Message:    message,
		redirectTo: redirectTarget(resp),
		RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
}

// parseErrorBody reads a grpc-gateway error, or falls back to the text.
func parseErrorBody(body []byte) (code int, message string) {
	if status, ok := parseGatewayError(body); ok {
		return status.code, status.message
	}
	return 0, shortText(string(body))
}

// gatewayStatus is an error as grpc-gateway reports it.
type gatewayStatus struct {
	code     int // gRPC code
	httpCode int // HTTP status, when the body names one
	message  string
}

// gatewayError holds every error shape grpc-gateway writes: {"code","message"}
// for a unary call; {"error":{…}} in a stream, with "code" (v2) or
// "grpc_code"/"http_code" (v1, also camelCase); and {"error":"…","code"}
// from old versions.
type gatewayError struct {
	Code      *int            `json:"code"`
	GRPCCode  *int            `json:"grpc_code"`
	GRPCCamel *int            `json:"grpcCode"`
	HTTPCode  int             `json:"http_code"`
	HTTPCamel int             `json:"httpCode"`
	Message   string          `json:"message"`
	Error     json.RawMessage `json:"error"`
}

// parseGatewayError reads data as one of grpc-gateway's error shapes; ok is
// false when it is not JSON or names neither a code nor a message.
func parseGatewayError(data []byte) (status gatewayStatus, ok bool) {
	var outer gatewayError
	if err := json.Unmarshal(data, &outer); err != nil {
		return gatewayStatus{}, false
	}
	status = outer.status()
	switch {
	case bytes.HasPrefix(outer.Error, []byte("{")):
		var inner gatewayError
		if err := json.Unmarshal(outer.Error, &inner); err == nil {
			status = inner.status()
		}
	case status.message == "":
		_ = json.Unmarshal(outer.Error, &status.message) // older grpc-gateway versions put the text here
	}
	return status, status.message != "" || status.code != 0
}

// status flattens one level of a gatewayError.
func (g gatewayError) status() gatewayStatus {
	status := gatewayStatus{httpCode: g.HTTPCode, message: g.Message}
	if status.httpCode == 0 {
		status.httpCode = g.HTTPCamel
	}
	for _, code := range []*int{g.Code, g.GRPCCode, g.GRPCCamel} {
		if code != nil {
			status.code = *code
			break
		}
	}
	return status
}

// shortText makes a body one trimmed line of at most maxMessageRunes runes.
func shortText(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	runes := []rune(text)
	if len(runes) > maxMessageRunes {
		return string(runes[:maxMessageRunes]) + "…"
	}
	return text
}

// redirectTarget returns a 3xx Location without user info, query or
// fragment: login redirects often carry state tokens there.
func redirectTarget(resp *http.Response) string {
	location, err := resp.Location()
	if err != nil {
		return ""
	}
	clean := url.URL{Scheme: location.Scheme, Host: location.Host, Path: location.Path}
	return clean.String()
}

// redactCredential removes the credential part of an Authorization value
// ("Bearer <token>", "Basic <base64>") from text.
func redactCredential(text, authorization string) string {
	credential := authorization
	if _, afterScheme, found := strings.Cut(authorization, " "); found {
		credential = strings.TrimSpace(afterScheme)
	}
	if len(credential) < minRedactedLength {
		return text
	}
	return strings.ReplaceAll(text, credential, "[REDACTED]")
}

// minRedactedLength avoids scrubbing common words when a credential is
// implausibly short; real tokens are far longer.
const minRedactedLength = 6
