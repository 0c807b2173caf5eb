package cmd

import (
	"errors"
	"fmt"
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/workflow"
)

func TestExitCode(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, ExitOK},
		{"plain", errors.New("boom"), ExitFailed},
		{"usage", usageErrorf("bad"), ExitUsage},
		{"input", &workflow.InputError{Source: "a.yaml", Index: 1, Err: errors.New("bad")}, ExitUsage},
		{"argo config", &argo.ConfigError{Field: "server", Err: errors.New("bad")}, ExitUsage},
		{"token usage", &token.Error{Kind: token.KindUsage, Message: "bad"}, ExitUsage},
		{"token auth", &token.Error{Kind: token.KindAuth, Message: "no"}, ExitAuth},
		{"token unreachable", &token.Error{Kind: token.KindUnreachable, Message: "down"}, ExitUnreachable},
		{"401", &argo.APIError{StatusCode: 401}, ExitAuth},
		{"403 wrapped", fmt.Errorf("a.yaml: %w", &argo.APIError{StatusCode: 403}), ExitAuth},
		{"409", &argo.APIError{StatusCode: 409}, ExitFailed},
		{"400", &argo.APIError{StatusCode: 400}, ExitFailed},
		{"connection", &argo.ConnectionError{URL: "https://x", Err: errors.New("refused")}, ExitUnreachable},
		{"joined conflict and forbidden", errors.Join(&argo.APIError{StatusCode: 409}, &argo.APIError{StatusCode: 403}), ExitAuth},
		{"reported failures", &reportedError{summary: "1 of 2", err: &argo.APIError{StatusCode: 409}}, ExitFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ExitCode(tc.err); got != tc.want {
				t.Errorf("ExitCode(%v) = %d, want %d", tc.err, got, tc.want)
			}
		})
	}
}
