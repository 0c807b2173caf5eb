package submit

import (
	"context"
	"errors"
	"net"
	"net/http"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

// Class says what a failed create means for the next attempt.
type Class int

const (
	// Permanent failures are not retried: the answer will not change (400, 401, 403, TLS, …).
	Permanent Class = iota
	// NotSent failures are retried freely: the server did not act on the request (refused, 429).
	NotSent
	// Ambiguous failures are retried, but the workflow may exist: a later 409 must be checked.
	Ambiguous
	// Conflict is a 409: the name is taken, maybe by our own earlier attempt.
	Conflict
)

// Classify sorts a CreateWorkflow error.
func Classify(err error) Class {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) && !isTimeout(err) {
		return Permanent
	}
	var apiErr *argo.APIError
	if errors.As(err, &apiErr) {
		return classifyStatus(apiErr.StatusCode)
	}
	var connErr *argo.ConnectionError
	if !errors.As(err, &connErr) || connErr.TLS {
		return Permanent
	}
	if notDialed(connErr.Err) {
		return NotSent
	}
	return Ambiguous
}

func classifyStatus(status int) Class {
	switch status {
	case http.StatusConflict:
		return Conflict
	case http.StatusTooManyRequests:
		return NotSent
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		// A proxy or the server gave up; whether the create ran behind it is unknown.
		return Ambiguous
	}
	return Permanent
}

// notDialed reports a failure to connect: no byte of the request left this machine.
func notDialed(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// isTimeout reports a network or whole-request timeout, which comes as DeadlineExceeded too.
func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}
