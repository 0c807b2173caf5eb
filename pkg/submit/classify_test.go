package submit

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want Class
	}{
		{"400", status(http.StatusBadRequest), Permanent},
		{"401", status(http.StatusUnauthorized), Permanent},
		{"403", status(http.StatusForbidden), Permanent},
		{"404", status(http.StatusNotFound), Permanent},
		{"500", status(http.StatusInternalServerError), Permanent},
		{"409", status(http.StatusConflict), Conflict},
		{"429", status(http.StatusTooManyRequests), NotSent},
		{"502", status(http.StatusBadGateway), Ambiguous},
		{"503", status(http.StatusServiceUnavailable), Ambiguous},
		{"504", status(http.StatusGatewayTimeout), Ambiguous},
		{"reset", reset(), Ambiguous},
		{"refused", refused(), NotSent},
		{"TLS", &argo.ConnectionError{TLS: true, Err: errors.New("bad certificate")}, Permanent},
		{"canceled", context.Canceled, Permanent},
		{"renewal failed", &argo.RenewError{Unauthorized: &argo.APIError{StatusCode: 401}, Err: errors.New("x")}, Permanent},
		{"other", errors.New("credentials"), Permanent},
	} {
		if got := Classify(tc.err); got != tc.want {
			t.Errorf("%s: Classify = %d, want %d", tc.name, got, tc.want)
		}
	}
}
