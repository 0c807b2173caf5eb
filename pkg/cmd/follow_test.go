package cmd

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/follow"
)

func TestFollowMisuseIsUsageError(t *testing.T) {
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"timeout alone":            {[]string{"testdata/hello.yaml", "--timeout", "1m"}, "--timeout limits"},
		"log-container alone":      {[]string{"testdata/hello.yaml", "--log-container", "sidecar"}, "--log-container goes with --log"},
		"wait on a dry run":        {[]string{"testdata/hello.yaml", "--wait", "--dry-run=server"}, "dry run"},
		"watch and log":            {[]string{"testdata/hello.yaml", "--watch", "--log"}, "choose one"},
		"watch two":                {[]string{"testdata/two.yaml", "--watch"}, "2 are submitted"},
		"log two":                  {[]string{"testdata/two.yaml", "--log"}, "use --wait"},
		"watch with output":        {[]string{"testdata/hello.yaml", "--watch", "-o", "name"}, "-o/--output"},
		"negative timeout":         {[]string{"testdata/hello.yaml", "--wait", "--timeout", "-1s"}, "negative"},
		"from with files":          {[]string{"testdata/hello.yaml", "--from", "workflowtemplate/t"}, "cannot be given too"},
		"from unknown kind":        {[]string{"--from", "pipeline/t"}, "KIND/NAME"},
		"from without name":        {[]string{"--from", "workflowtemplate/"}, "KIND/NAME"},
		"from with client dry run": {[]string{"--from", "wftmpl/t", "--dry-run=client"}, "--dry-run=server"},
	} {
		t.Run(name, func(t *testing.T) {
			argo := fakeserver.NewArgo(t, false)
			r := invocation{env: directEnv(argo)}.run(t, tc.args...)
			r.wantCode(t, ExitUsage)
			r.wantStderr(t, tc.want)
			if n := len(argo.Requests()); n != 0 {
				t.Errorf("%d requests sent for a usage error", n)
			}
		})
	}
}

func TestParseTemplateRef(t *testing.T) {
	for value, want := range map[string]string{
		"workflowtemplate/build": "WorkflowTemplate build", "wftmpl/build": "WorkflowTemplate build",
		"ClusterWorkflowTemplate/r": "ClusterWorkflowTemplate r", "cwftmpl/r": "ClusterWorkflowTemplate r",
		"cronworkflow/n": "CronWorkflow n", "cronwf/n": "CronWorkflow n",
	} {
		ref, err := parseTemplateRef(value)
		if err != nil || ref.Kind+" "+ref.Name != want {
			t.Errorf("parseTemplateRef(%q) = %+v, %v; want %s", value, ref, err, want)
		}
	}
}

func TestFromSendsSubmitOptions(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	r := invocation{env: directEnv(argo)}.run(t, "--from", "cwftmpl/nightly", "-p", "a=1", "-p", "b=x=y",
		"-l", "z=1,a=2", "--entrypoint", "main", "--generate-name", "n-", "--serviceaccount", "runner", "--priority", "3", "--dry-run=server")
	r.wantCode(t, ExitOK)
	reqs := argo.Requests()
	if len(reqs) != 1 || reqs[0].Path != "/api/v1/workflows/argo/submit" {
		t.Fatalf("requests %+v", reqs)
	}
	body := reqs[0].Body
	opts := body["submitOptions"].(map[string]any)
	if body["resourceKind"] != "ClusterWorkflowTemplate" || body["resourceName"] != "nightly" || body["namespace"] != "argo" ||
		opts["entryPoint"] != "main" || opts["generateName"] != "n-" || opts["labels"] != "a=2,z=1" ||
		opts["serviceAccount"] != "runner" || opts["priority"] != float64(3) || opts["serverDryRun"] != true ||
		strings.Join(toStrings(opts["parameters"]), " ") != "a=1 b=x=y" {
		t.Errorf("submit body %v", body)
	}
}

func toStrings(v any) []string {
	var out []string
	for _, s := range v.([]any) {
		out = append(out, s.(string))
	}
	return out
}

func TestFollowOutcome(t *testing.T) {
	refs := []follow.Ref{{Namespace: "argo", Name: "a"}}
	succeeded := follow.Status{Ref: refs[0], Phase: "Succeeded"}
	failed := follow.Status{Ref: refs[0], Phase: "Failed"}
	timedOut, cancel := context.WithTimeoutCause(context.Background(), 0, errFollowTimeout)
	defer cancel()
	interrupted, stop := context.WithCancel(context.Background())
	stop()
	for _, tc := range []struct {
		name     string
		ctx      context.Context
		statuses []follow.Status
		err      error
		want     int
	}{
		{"all succeeded", context.Background(), []follow.Status{succeeded}, nil, ExitOK},
		{"one failed", context.Background(), []follow.Status{succeeded, failed}, nil, ExitFailed},
		{"timeout", timedOut, nil, context.DeadlineExceeded, ExitTimeout},
		{"ctrl-c", interrupted, nil, context.Canceled, ExitInterrupted},
		{"token rejected while following", context.Background(), nil, &argo.APIError{StatusCode: 401}, ExitAuth},
		{"deleted", context.Background(), nil, errors.New("workflow argo/a was deleted before it finished"), ExitFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ExitCode(outcome(tc.ctx, refs, tc.statuses, tc.err)); got != tc.want {
				t.Errorf("exit %d, want %d", got, tc.want)
			}
		})
	}
}

// recordingView counts what a follow.View is asked to show.
type recordingView struct{ updates, done int }

func (v *recordingView) Update(follow.Status) error { v.updates++; return nil }
func (v *recordingView) Done() error                { v.done++; return nil }

func TestTickingViewRedrawsOnATerminalOnly(t *testing.T) {
	for _, tty := range []bool{true, false} {
		rec := &recordingView{}
		interval := time.Duration(0)
		if tty {
			interval = 10 * time.Millisecond
		}
		view := newTickingView(rec, interval, &strings.Builder{})
		view.Update(follow.Status{Phase: "Running"})
		time.Sleep(100 * time.Millisecond)
		if err := view.Done(); err != nil {
			t.Fatal(err)
		}
		if tty && rec.updates < 3 || !tty && rec.updates != 1 || rec.done != 1 {
			t.Errorf("tty=%v: %d updates, %d done", tty, rec.updates, rec.done)
		}
	}
}
