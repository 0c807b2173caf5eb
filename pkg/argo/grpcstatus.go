package argo

import "net/http"

// httpStatusFromGRPC maps a gRPC status code to the HTTP status grpc-gateway
// answers with, for errors sent inside a stream without one.
func httpStatusFromGRPC(code int) int {
	switch code {
	case 1: // Canceled
		return 499 // the client closed the request
	case 3, 9, 11: // InvalidArgument, FailedPrecondition, OutOfRange
		return http.StatusBadRequest
	case 4: // DeadlineExceeded
		return http.StatusGatewayTimeout
	case 5: // NotFound
		return http.StatusNotFound
	case 6, 10: // AlreadyExists, Aborted
		return http.StatusConflict
	case 7: // PermissionDenied
		return http.StatusForbidden
	case 8: // ResourceExhausted
		return http.StatusTooManyRequests
	case 12: // Unimplemented
		return http.StatusNotImplemented
	case 14: // Unavailable
		return http.StatusServiceUnavailable
	case 16: // Unauthenticated
		return http.StatusUnauthorized
	}
	return http.StatusInternalServerError // Unknown, Internal, DataLoss, an error claiming OK, anything new
}
