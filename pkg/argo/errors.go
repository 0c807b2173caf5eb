package argo

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ConfigError reports an unusable Config: a bad server address, an unreadable
// or invalid CA file, a malformed header, conflicting TLS settings, or an
// Authorization header in Headers. The caller exits 2.
type ConfigError struct {
	Field string // the Config field at fault, e.g. "Server", "CAFile", "Headers"
	Err   error
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("invalid Argo Server configuration (%s): %v", e.Field, e.Err)
}

func (e *ConfigError) Unwrap() error { return e.Err }

// ConnectionError reports that no HTTP answer came back: the server was
// unreachable (DNS, refused, reset, timeout), TLS failed (TLS=true), or an
// open event or log stream broke off.
// The caller exits 4.
type ConnectionError struct {
	URL string // the request URL; never holds credentials
	TLS bool
	Err error

	// broken marks a stream that was open when its connection failed.
	broken bool
}

func (e *ConnectionError) Error() string {
	if e.broken {
		return fmt.Sprintf("the stream from the Argo Server at %s broke: %v; the server may have restarted, or a proxy or the network cut the connection", e.URL, e.Err)
	}
	if e.TLS {
		return fmt.Sprintf("TLS connection to the Argo Server at %s failed: %v; %s", e.URL, e.Err, e.hint())
	}
	return fmt.Sprintf("cannot reach the Argo Server at %s: %v; %s", e.URL, e.Err, e.hint())
}

func (e *ConnectionError) Unwrap() error { return e.Err }

// hint names what to try next, picked from the kind of failure.
func (e *ConnectionError) hint() string {
	var recordHeader tls.RecordHeaderError
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	switch {
	case errors.Is(e.Err, http.ErrSchemeMismatch) || errors.As(e.Err, &recordHeader):
		return "the server answered in plain HTTP, not TLS: use --argo-secure=false or an http:// URL in --argo-server"
	case errors.As(e.Err, &unknownAuthority):
		return "the certificate is signed by an authority this machine does not trust: pass the CA bundle with --argo-ca-file, or (unsafe) use --argo-insecure-skip-verify"
	case errors.As(e.Err, &hostname):
		return "the certificate is not valid for this host name: use a host the certificate names in --argo-server, or (unsafe) use --argo-insecure-skip-verify"
	case e.TLS:
		return "check --argo-ca-file or (unsafe) --argo-insecure-skip-verify; if the server speaks plain HTTP use --argo-secure=false"
	case isTimeout(e.Err):
		return "the server did not answer in time: check --argo-server and that the address is reachable from here, or allow a longer timeout"
	}
	return "check --argo-server (host:port or URL) and that the Argo Server is running; " +
		"from outside the cluster try `kubectl -n argo port-forward svc/argo-server 2746:2746` with --argo-server=localhost:2746; " +
		"if it serves plain HTTP add --argo-secure=false"
}

// isTimeout reports a dial, TLS-handshake or whole-request timeout.
func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

// isTLSFailure reports whether err came from the TLS layer rather than the network.
func isTLSFailure(err error) bool {
	var verify *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var recordHeader tls.RecordHeaderError
	var alert tls.AlertError
	// net/http reports a plain-HTTP answer to a TLS hello as ErrSchemeMismatch.
	return errors.Is(err, http.ErrSchemeMismatch) || errors.As(err, &verify) || errors.As(err, &unknownAuthority) ||
		errors.As(err, &hostname) || errors.As(err, &invalid) ||
		errors.As(err, &recordHeader) || errors.As(err, &alert)
}

// APIError is an HTTP answer outside 2xx from the Argo Server (or a proxy in front of it).
type APIError struct {
	Method, URL string
	StatusCode  int    // HTTP status
	Code        int    // gRPC code from the body {"code":<int>,"message":"…"} (0 if absent)
	Message     string // body "message", or a trimmed body text when not JSON
	// RetryAfter is the server's Retry-After (seconds or HTTP date) from now; 0 when absent.
	RetryAfter time.Duration

	// permission describes what a 403 denied, e.g.
	// `create workflows.argoproj.io in namespace "argo"`; empty when unknown.
	permission string
	// redirectTo is a 3xx Location without query or credentials.
	redirectTo string
	// notFound explains a 404 in terms of the requested object, e.g.
	// `WorkflowTemplate "build" does not exist in namespace "argo"`.
	notFound string
	// afterRenewal marks a 401 to a request retried with renewed credentials.
	afterRenewal bool
}

func (e *APIError) Error() string {
	message := e.Message
	if message == "" {
		message = http.StatusText(e.StatusCode)
	}
	message = strings.TrimSuffix(message, ".") // a hint follows after "; "
	text := fmt.Sprintf("Argo Server refused %s %s (HTTP %d): %s", e.Method, requestPath(e.URL), e.StatusCode, message)
	if hint := e.hint(); hint != "" {
		text += "; " + hint
	}
	return text
}

// Unauthorized reports HTTP 401: the credentials were not accepted.
func (e *APIError) Unauthorized() bool { return e.StatusCode == http.StatusUnauthorized }

// Forbidden reports HTTP 403: the identity is known but lacks permission.
func (e *APIError) Forbidden() bool { return e.StatusCode == http.StatusForbidden }

// Conflict reports HTTP 409: the workflow name is taken.
func (e *APIError) Conflict() bool { return e.StatusCode == http.StatusConflict }

// hint explains the status in terms of what the user can change.
func (e *APIError) hint() string {
	status := e.StatusCode
	switch {
	case status == http.StatusUnauthorized && e.afterRenewal:
		return "the token was rejected, also after renewing it: check --argo-token / ARGO_TOKEN, or mint one with --token-service-account"
	case status == http.StatusUnauthorized:
		return "the token was rejected (expired, revoked, or not a token this cluster accepts): check --argo-token / ARGO_TOKEN, or mint one with --token-service-account"
	case status == http.StatusForbidden:
		return e.forbiddenHint()
	case status == http.StatusConflict:
		return "a workflow with that name already exists: use --generate-name or another --name"
	case status == http.StatusBadRequest && strings.Contains(e.Message, "HTTP request to an HTTPS server"):
		return "the server speaks HTTPS: drop --argo-secure=false or use an https:// URL in --argo-server"
	case (status == http.StatusBadRequest || status == http.StatusUnprocessableEntity) && e.Method == http.MethodPost:
		return "the server rejected the workflow as invalid"
	case status == http.StatusNotFound && e.notFound != "":
		return e.notFoundHint()
	case status == http.StatusNotFound:
		return "wrong --argo-server or --argo-base-href, or the address is not an Argo Server"
	case status >= 500:
		return "server-side failure: see the Argo Server logs, or retry later"
	case status >= 300 && status < 400:
		return e.redirectHint()
	}
	return ""
}

func (e *APIError) forbiddenHint() string {
	if e.permission == "" {
		return "the identity behind the token lacks permission for this request"
	}
	return "the identity behind the token lacks permission to " + e.permission
}

// notFoundHint names the missing object. Without a gRPC code the 404 did not
// come from the Argo Server's API, so the address may be wrong instead.
func (e *APIError) notFoundHint() string {
	if e.Code == 0 {
		return e.notFound + ", or --argo-server / --argo-base-href do not point at an Argo Server"
	}
	return e.notFound
}

func (e *APIError) redirectHint() string {
	if e.redirectTo == "" {
		return "the server redirected the request: point --argo-server and --argo-base-href at the final address"
	}
	return "the server redirected to " + e.redirectTo + ": point --argo-server and --argo-base-href at the final address"
}

// RenewError reports a 401 after which renewing the credentials failed. Both
// the refusal (*APIError) and the renewal's error can be found with errors.As.
type RenewError struct {
	Unauthorized *APIError
	Err          error
}

func (e *RenewError) Error() string {
	return fmt.Sprintf("%v; renewing the credentials failed: %v", e.Unauthorized, e.Err)
}

func (e *RenewError) Unwrap() []error { return []error{e.Unauthorized, e.Err} }

// requestPath shortens a request URL to its path for messages, as the host is
// usually known to the user; it falls back to the whole URL.
func requestPath(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Path == "" {
		return rawURL
	}
	return u.EscapedPath()
}
