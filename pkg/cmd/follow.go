package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/follow"
)

// errFollowTimeout is the cause of the context that --timeout ends.
var errFollowTimeout = errors.New("--timeout ran out")

// logDrain is how long --log keeps reading after the workflow finished, for the last lines in flight.
const logDrain = 2 * time.Second

// follow waits for the created workflows as --wait, --watch or --log asked, and turns the outcome
// into the documented exit code.
func (o *SubmitOptions) follow(ctx context.Context, client *argo.Client, created []*unstructured.Unstructured) error {
	refs := make([]follow.Ref, 0, len(created))
	for _, wf := range created {
		refs = append(refs, follow.Ref{Namespace: wf.GetNamespace(), Name: wf.GetName()})
	}
	if o.followFlags.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, o.followFlags.Timeout, errFollowTimeout)
		defer cancel()
	}
	out := &syncWriter{w: o.Out}
	var (
		statuses []follow.Status
		err      error
	)
	switch {
	case o.followFlags.Watch:
		statuses, err = o.watch(ctx, client, refs[0])
	case o.followFlags.Log:
		statuses, err = o.logAndWait(ctx, client, refs[0], out)
	default:
		statuses, err = follow.WaitAll(ctx, client, refs, follow.Options{}, printFinished(out))
	}
	return outcome(ctx, refs, statuses, err)
}

func printFinished(out io.Writer) func(follow.Status) {
	return func(s follow.Status) { fmt.Fprintln(out, follow.FinishedLine(s, time.Now())) }
}

func (o *SubmitOptions) watch(ctx context.Context, client *argo.Client, ref follow.Ref) ([]follow.Status, error) {
	tty := isTerminal(o.Out)
	var redraw time.Duration
	if tty {
		redraw = time.Second
	}
	view := newTickingView(follow.NewView(o.Out, tty, o.kube.getenv("NO_COLOR") != "", time.Now), redraw, o.ErrOut)
	final, err := follow.Follow(ctx, client, ref, follow.Options{}, view.Update)
	if doneErr := view.Done(); err == nil {
		err = doneErr
	}
	return []follow.Status{final}, err
}

// logAndWait prints the pods' log lines, prefixed with the pod name, while waiting as --wait does.
func (o *SubmitOptions) logAndWait(ctx context.Context, client *argo.Client, ref follow.Ref, out io.Writer) ([]follow.Status, error) {
	logCtx, stopLogs := context.WithCancel(ctx)
	defer stopLogs()
	lines := make(chan int, 1)
	go func() { lines <- o.streamLogs(logCtx, client, ref, out) }()
	statuses, err := follow.WaitAll(ctx, client, []follow.Ref{ref}, follow.Options{}, printFinished(out))
	var received int
	select {
	case received = <-lines:
	case <-time.After(logDrain):
		stopLogs()
		received = <-lines
	}
	if received == 0 && err == nil {
		fmt.Fprintf(o.ErrOut, "no log lines of container %q were received for %s/%s: no pod of it ran, or its pods are gone\n",
			o.followFlags.LogContainer, ref.Namespace, ref.Name)
	}
	return statuses, err
}

// streamLogs copies the log stream to out until it ends, and returns how many lines it printed.
func (o *SubmitOptions) streamLogs(ctx context.Context, client *argo.Client, ref follow.Ref, out io.Writer) int {
	stream, err := client.FollowLogs(ctx, ref.Namespace, ref.Name, o.followFlags.LogContainer)
	if err != nil {
		if ctx.Err() == nil {
			fmt.Fprintf(o.ErrOut, "warning: cannot follow the logs of %s/%s: %v\n", ref.Namespace, ref.Name, err)
		}
		return 0
	}
	defer stream.Close()
	count := 0
	for {
		entry, err := stream.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) && ctx.Err() == nil {
				fmt.Fprintf(o.ErrOut, "warning: the log stream of %s/%s ended: %v\n", ref.Namespace, ref.Name, err)
			}
			return count
		}
		fmt.Fprintf(out, "%s: %s\n", entry.PodName, strings.TrimSuffix(entry.Content, "\n"))
		count++
	}
}

// outcome: stopped waiting (timeout or Ctrl-C), a follow error, or workflows that did not succeed.
func outcome(ctx context.Context, refs []follow.Ref, statuses []follow.Status, err error) error {
	if ctx.Err() != nil {
		return &stoppedWaitingError{timeout: errors.Is(context.Cause(ctx), errFollowTimeout), refs: refs}
	}
	if err != nil {
		return err
	}
	var failed []string
	for _, s := range statuses {
		if !s.Succeeded() {
			failed = append(failed, fmt.Sprintf("%s/%s %s", s.Namespace, s.Name, s.Phase))
		}
	}
	if len(failed) > 0 {
		return &workflowsFailedError{failed: failed, total: len(statuses)}
	}
	return nil
}

// workflowsFailedError: some workflows ended Failed or Error (exit 1, argo's rule).
type workflowsFailedError struct {
	failed []string
	total  int
}

func (e *workflowsFailedError) Error() string {
	return fmt.Sprintf("%d of %d workflows did not succeed: %s", len(e.failed), e.total, strings.Join(e.failed, ", "))
}

// stoppedWaitingError: --timeout ran out (exit 5) or Ctrl-C (exit 130). The workflows go on.
type stoppedWaitingError struct {
	timeout bool
	refs    []follow.Ref
}

func (e *stoppedWaitingError) Error() string {
	why := "interrupted"
	if e.timeout {
		why = "--timeout ran out"
	}
	return fmt.Sprintf("%s: stopped waiting; the workflows were not touched and go on. Check on them with:\n%s",
		why, checkCommands(e.refs))
}

func checkCommands(refs []follow.Ref) string {
	var b strings.Builder
	for _, r := range refs {
		fmt.Fprintf(&b, "  kubectl get workflows.argoproj.io -n %s %s    (or: argo get -n %s %s)\n", r.Namespace, r.Name, r.Namespace, r.Name)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// syncWriter serializes the log lines and finished lines that --log writes from two goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
