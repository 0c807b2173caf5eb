package follow

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/klogtest"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

// helloRef names the workflow most tests follow.
func helloRef() Ref { return Ref{Namespace: "argo", Name: "hello"} }

// fastOptions keep the tests' waits tiny.
func fastOptions() Options {
	return Options{PollInterval: time.Millisecond, Backoff: time.Millisecond}
}

// followResult is what one Follow call returned and reported.
type followResult struct {
	final    Status
	err      error
	reported []Status
}

// phases are the reported statuses as "Phase progress" strings, for compact comparison.
func (r followResult) phases() []string {
	var shown []string
	for _, s := range r.reported {
		shown = append(shown, strings.TrimSpace(s.Phase+" "+s.Progress))
	}
	return shown
}

func runFollow(t *testing.T, ctx context.Context, src Source) followResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var result followResult
	result.final, result.err = Follow(ctx, src, helloRef(), fastOptions(), func(s Status) {
		result.reported = append(result.reported, s)
	})
	return result
}

func hello(rv, phase, progress string) workflowState {
	return workflowState{name: "hello", rv: rv, phase: phase, progress: progress}
}

func TestFollowReturnsAtOnceWhenAlreadyFinished(t *testing.T) {
	src := newFakeSource(t, map[string]*script{"hello": {gets: []getAnswer{hello("7", "Succeeded", "1/1").get()}}})
	result := runFollow(t, t.Context(), src)
	if result.err != nil || !result.final.Succeeded() {
		t.Fatalf("Follow = %+v, %v; want Succeeded, nil", result.final, result.err)
	}
	if got := result.phases(); !slices.Equal(got, []string{"Succeeded 1/1"}) {
		t.Errorf("reported %q, want the finished status once", got)
	}
	if _, rvs, _ := src.calls("hello"); len(rvs) != 0 {
		t.Errorf("watched %d times, want no watch", len(rvs))
	}
}

func TestFollowResumesAfterStreamEnds(t *testing.T) {
	src := newFakeSource(t, map[string]*script{"hello": {
		gets: []getAnswer{hello("1", "Running", "0/2").get()},
		sessions: []session{
			{events: []argo.WorkflowEvent{
				modified(hello("2", "Running", "0/2")), // nothing shown changed
				modified(hello("3", "Running", "1/2")),
				modified(hello("4", "Running", "1/2")), // nothing shown changed
			}, end: io.EOF},
			{events: []argo.WorkflowEvent{modified(hello("5", "Succeeded", "2/2"))}},
		},
	}})
	result := runFollow(t, t.Context(), src)
	if result.err != nil || !result.final.Succeeded() {
		t.Fatalf("Follow = %+v, %v; want Succeeded, nil", result.final, result.err)
	}
	if want := []string{"Running 0/2", "Running 1/2", "Succeeded 2/2"}; !slices.Equal(result.phases(), want) {
		t.Errorf("reported %q, want %q (unchanged events left out)", result.phases(), want)
	}
	gets, rvs, closed := src.calls("hello")
	if want := []string{"1", "4"}; !slices.Equal(rvs, want) {
		t.Errorf("watched from resourceVersions %q, want %q: resume from the last one seen", rvs, want)
	}
	if gets != 1 || closed != 2 {
		t.Errorf("%d GETs and %d streams closed, want 1 and 2", gets, closed)
	}
	if result.final.ResourceVersion != "5" {
		t.Errorf("final resourceVersion %q, want 5", result.final.ResourceVersion)
	}
}

func TestFollowReconnectsAfterConnectionBreaks(t *testing.T) {
	src := newFakeSource(t, map[string]*script{"hello": {
		gets: []getAnswer{hello("1", "Running", "").get()},
		sessions: []session{
			{events: []argo.WorkflowEvent{modified(hello("2", "Running", "1/2"))}, end: connectionReset()},
			{openErr: connectionReset()},
			{events: []argo.WorkflowEvent{modified(hello("3", "Failed", "1/2"))}},
		},
	}})
	result := runFollow(t, t.Context(), src)
	if result.err != nil || result.final.Phase != "Failed" {
		t.Fatalf("Follow = %+v, %v; want Failed, nil", result.final, result.err)
	}
	if _, rvs, _ := src.calls("hello"); !slices.Equal(rvs, []string{"1", "2", "2"}) {
		t.Errorf("watched from %q, want [1 2 2]", rvs)
	}
}

func TestFollowRereadsAfterExpiredResourceVersion(t *testing.T) {
	tests := []struct {
		name    string
		session session
	}{
		{"410 on open", session{openErr: apiError(410, "too old resource version: 1 (90)")}},
		{"expiry inside the stream", session{end: apiError(500, "too old resource version: 1 (90)")}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			src := newFakeSource(t, map[string]*script{"hello": {
				gets: []getAnswer{hello("1", "Running", "").get(), hello("90", "Running", "1/2").get()},
				sessions: []session{
					test.session,
					{events: []argo.WorkflowEvent{modified(hello("91", "Succeeded", "2/2"))}},
				},
			}})
			result := runFollow(t, t.Context(), src)
			if result.err != nil || !result.final.Succeeded() {
				t.Fatalf("Follow = %+v, %v; want Succeeded, nil", result.final, result.err)
			}
			gets, rvs, _ := src.calls("hello")
			if gets != 2 || !slices.Equal(rvs, []string{"1", "90"}) {
				t.Errorf("%d GETs, watched from %q; want 2 GETs, watched from [1 90]", gets, rvs)
			}
		})
	}
}

func TestFollowPollsWhenStreamingIsRefused(t *testing.T) {
	tests := []struct {
		name     string
		sessions []session
	}{
		{"404", []session{{openErr: apiError(404, "Not Found")}}},
		{"405", []session{{openErr: apiError(405, "Method Not Allowed")}}},
		{"501", []session{{openErr: apiError(501, "Not Implemented")}}},
		{"three failed opens", []session{
			{openErr: apiError(502, "Bad Gateway")},
			{openErr: apiError(400, "bad request")},
			{openErr: apiError(502, "Bad Gateway")},
		}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			log := klogtest.Verbose(t, nil)
			src := newFakeSource(t, map[string]*script{"hello": {
				gets: []getAnswer{
					hello("1", "Running", "0/2").get(),
					hello("2", "Running", "1/2").get(),
					{err: apiError(503, "Service Unavailable")}, // polling goes on
					hello("3", "Running", "1/2").get(),
					hello("4", "Succeeded", "2/2").get(),
				},
				sessions: test.sessions,
			}})
			result := runFollow(t, t.Context(), src)
			if result.err != nil || !result.final.Succeeded() {
				t.Fatalf("Follow = %+v, %v; want Succeeded, nil", result.final, result.err)
			}
			if want := []string{"Running 0/2", "Running 1/2", "Succeeded 2/2"}; !slices.Equal(result.phases(), want) {
				t.Errorf("reported %q, want %q", result.phases(), want)
			}
			gets, rvs, _ := src.calls("hello")
			if gets != 5 || len(rvs) != len(test.sessions) {
				t.Errorf("%d GETs and %d watches, want 5 and %d", gets, len(rvs), len(test.sessions))
			}
			if !strings.Contains(log.String(), "polling workflow argo/hello every 1ms") {
				t.Errorf("the fallback was not logged:\n%s", log)
			}
		})
	}
}

func TestFollowKeepsWatchingWhileServerIsUnreachable(t *testing.T) {
	src := newFakeSource(t, map[string]*script{"hello": {
		gets: []getAnswer{hello("1", "Running", "").get()},
		sessions: []session{
			{openErr: connectionReset()},
			{openErr: connectionReset()},
			{openErr: connectionReset()},
			{openErr: connectionReset()},
			{events: []argo.WorkflowEvent{modified(hello("2", "Succeeded", ""))}},
		},
	}})
	result := runFollow(t, t.Context(), src)
	if result.err != nil || !result.final.Succeeded() {
		t.Fatalf("Follow = %+v, %v; want Succeeded, nil", result.final, result.err)
	}
	if gets, rvs, _ := src.calls("hello"); gets != 1 || len(rvs) != 5 {
		t.Errorf("%d GETs and %d watches, want 1 and 5: connection errors are no reason to poll", gets, len(rvs))
	}
}

func TestFollowRetriesFailedFirstRead(t *testing.T) {
	src := newFakeSource(t, map[string]*script{"hello": {
		gets: []getAnswer{{err: connectionReset()}, {err: apiError(503, "Service Unavailable")}, hello("1", "Succeeded", "").get()},
	}})
	result := runFollow(t, t.Context(), src)
	if result.err != nil || !result.final.Succeeded() {
		t.Fatalf("Follow = %+v, %v; want Succeeded, nil", result.final, result.err)
	}
}

func TestFollowEndsOnAuthError(t *testing.T) {
	running := hello("1", "Running", "")
	tests := []struct {
		name   string
		script *script
		status int
	}{
		{"401 on first read", &script{gets: []getAnswer{{err: apiError(401, "Unauthorized")}}}, 401},
		{"401 on watch", &script{gets: []getAnswer{running.get()}, sessions: []session{{openErr: apiError(401, "Unauthorized")}}}, 401},
		{"403 on watch", &script{gets: []getAnswer{running.get()}, sessions: []session{{openErr: apiError(403, "Forbidden")}}}, 403},
		{"401 in stream", &script{gets: []getAnswer{running.get()}, sessions: []session{{end: apiError(401, "token expired")}}}, 401},
		{"403 while polling", &script{
			gets:     []getAnswer{running.get(), {err: apiError(403, "Forbidden")}},
			sessions: []session{{openErr: apiError(404, "Not Found")}},
		}, 403},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			result := runFollow(t, t.Context(), newFakeSource(t, map[string]*script{"hello": test.script}))
			var apiErr *argo.APIError
			if !errors.As(result.err, &apiErr) || apiErr.StatusCode != test.status {
				t.Fatalf("Follow error = %v, want the APIError %d", result.err, test.status)
			}
			if result.final.Name != "hello" || result.final.Namespace != "argo" {
				t.Errorf("final status %+v does not name the workflow", result.final)
			}
		})
	}
}

func TestFollowEndsWhenWorkflowIsDeleted(t *testing.T) {
	running := hello("1", "Running", "")
	tests := []struct {
		name   string
		script *script
	}{
		{"DELETED event", &script{
			gets:     []getAnswer{running.get()},
			sessions: []session{{events: []argo.WorkflowEvent{hello("2", "Running", "").event("DELETED")}}},
		}},
		{"gone while polling", &script{
			gets:     []getAnswer{running.get(), {err: apiError(404, `workflows.argoproj.io "hello" not found`)}},
			sessions: []session{{openErr: apiError(501, "Not Implemented")}},
		}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			result := runFollow(t, t.Context(), newFakeSource(t, map[string]*script{"hello": test.script}))
			var deleted *DeletedError
			if !errors.As(result.err, &deleted) || deleted.Ref != helloRef() {
				t.Fatalf("Follow error = %v, want a DeletedError for %v", result.err, helloRef())
			}
			if want := "workflow argo/hello was deleted before it finished"; result.err.Error() != want {
				t.Errorf("error %q, want %q", result.err, want)
			}
			if result.final.Phase != "Running" {
				t.Errorf("final status %+v, want the last one seen", result.final)
			}
		})
	}
}

func TestFollowStopsWhenContextEnds(t *testing.T) {
	src := newFakeSource(t, map[string]*script{"hello": {
		gets:     []getAnswer{hello("1", "Pending", "").get()},
		sessions: []session{{events: []argo.WorkflowEvent{modified(hello("2", "Running", "0/1"))}}}, // then blocks
	}})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	final, err := Follow(ctx, src, helloRef(), fastOptions(), func(s Status) {
		if s.Phase == "Running" {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Follow error = %v, want context.Canceled", err)
	}
	if final.Phase != "Running" || final.Progress != "0/1" {
		t.Errorf("final status %+v, want the last one seen (Running 0/1)", final)
	}
}

func TestBackoffDoublesToMaximumAndResets(t *testing.T) {
	b := backoff{first: 500 * time.Millisecond}
	var delays []time.Duration
	for range 8 {
		delays = append(delays, b.next())
	}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second, 10 * time.Second}
	if !slices.Equal(delays, want) {
		t.Errorf("delays %v, want %v", delays, want)
	}
	b.reset()
	if got := b.next(); got != 500*time.Millisecond {
		t.Errorf("after reset the delay is %v, want 500ms", got)
	}
}
