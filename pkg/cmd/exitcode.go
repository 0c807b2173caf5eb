package cmd

import (
	"fmt"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/workflow"
)

// Exit codes, documented in the README ("Exit codes") and relied on by CI scripts.
const (
	ExitOK          = 0 // everything submitted (or printed)
	ExitFailed      = 1 // the Argo Server refused a workflow (409, 400 …) or another runtime error
	ExitUsage       = 2 // bad flags or invalid input: nothing was submitted
	ExitAuth        = 3 // no token could be resolved, or the token was rejected (401/403)
	ExitUnreachable = 4 // the Argo Server (or the Kubernetes API) unreachable, or TLS failure
	ExitTimeout     = 5 // --timeout ran out before the followed workflows finished
	// ExitInterrupted is the shell's code for a Ctrl-C (128 + SIGINT): waiting stopped, nothing touched.
	ExitInterrupted = 130
)

// UsageError is a misuse of the command line; nothing was sent anywhere.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usageErrorf(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// ExitCode maps an error returned by the command to its documented exit code. Wrapped and joined
// errors are searched whole; when several classes are present, the one a user must fix first wins:
// input, then credentials, then connectivity, then an interrupted or timed-out wait.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	found := map[int]bool{}
	collectClasses(err, found)
	for _, code := range []int{ExitUsage, ExitAuth, ExitUnreachable, ExitInterrupted, ExitTimeout} {
		if found[code] {
			return code
		}
	}
	return ExitFailed
}

// collectClasses records the class of the outermost known error on every branch of the error tree.
func collectClasses(err error, found map[int]bool) {
	if code, ok := classOf(err); ok {
		found[code] = true
		return
	}
	switch e := err.(type) {
	case interface{ Unwrap() []error }:
		for _, inner := range e.Unwrap() {
			collectClasses(inner, found)
		}
	case interface{ Unwrap() error }:
		if inner := e.Unwrap(); inner != nil {
			collectClasses(inner, found)
		}
	}
}

func classOf(err error) (int, bool) {
	switch e := err.(type) {
	case *UsageError, *workflow.InputError, *argo.ConfigError:
		return ExitUsage, true
	case *token.Error:
		return tokenErrorClass(e), true
	case *argo.APIError:
		if e.Unauthorized() || e.Forbidden() {
			return ExitAuth, true
		}
		return ExitFailed, true
	case *argo.ConnectionError:
		return ExitUnreachable, true
	case *stoppedWaitingError:
		if e.timeout {
			return ExitTimeout, true
		}
		return ExitInterrupted, true
	case *workflowsFailedError:
		return ExitFailed, true
	}
	return 0, false
}

func tokenErrorClass(err *token.Error) int {
	switch err.Kind {
	case token.KindUsage:
		return ExitUsage
	case token.KindAuth:
		return ExitAuth
	case token.KindUnreachable:
		return ExitUnreachable
	}
	return ExitFailed
}
