package follow

import (
	"errors"
	"net/http"
	"strings"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

// DeletedError ends following a workflow that was deleted before it finished.
type DeletedError struct{ Ref Ref }

func (e *DeletedError) Error() string {
	return "workflow " + e.Ref.namespaced() + " was deleted before it finished"
}

// streamingRefusedError tells the follower to poll: the server (or a proxy) will not stream events.
type streamingRefusedError struct{ cause error }

func (e *streamingRefusedError) Error() string { return "event streaming refused: " + e.cause.Error() }
func (e *streamingRefusedError) Unwrap() error { return e.cause }

// httpStatus is the HTTP status of an *argo.APIError in err's chain, 0 when there is none.
func httpStatus(err error) int {
	var apiErr *argo.APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// isAuthError reports a refused token or a missing permission: retrying cannot help.
func isAuthError(err error) bool {
	status := httpStatus(err)
	return status == http.StatusUnauthorized || status == http.StatusForbidden
}

// isExpiredVersion reports a resourceVersion the server no longer keeps history for. Kubernetes
// answers 410 Gone; relayed inside an event stream it may only keep its message.
func isExpiredVersion(err error) bool {
	var apiErr *argo.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	return apiErr.StatusCode == http.StatusGone || strings.Contains(apiErr.Message, "too old resource version")
}

// isStreamingRefused reports an answer meaning the watch endpoint is absent or blocked, as when a
// proxy in front of the Argo Server does not pass streams.
func isStreamingRefused(err error) bool {
	switch httpStatus(err) {
	case http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusNotImplemented:
		return true
	}
	return false
}

// isConnectionError reports a request that got no HTTP answer.
func isConnectionError(err error) bool {
	var connErr *argo.ConnectionError
	return errors.As(err, &connErr)
}

// isTransient reports a failure worth retrying the same request for: no answer, an overloaded or
// failing server.
func isTransient(err error) bool {
	if isAuthError(err) {
		return false // a failed credential renewal wraps both a 401 and the renewal's own failure
	}
	status := httpStatus(err)
	return isConnectionError(err) || status == http.StatusTooManyRequests || status >= http.StatusInternalServerError
}
