package submit

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

// recorder is a Policy that sleeps not at all but moves its own clock on by each sleep, and
// remembers the delays asked for.
func recorder(delays *[]time.Duration) Policy {
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	return Policy{
		Sleep: func(_ context.Context, d time.Duration) error {
			*delays = append(*delays, d)
			now = now.Add(d)
			return nil
		},
		Jitter: func(d time.Duration) time.Duration { return d },
		Now:    func() time.Time { return now },
	}
}

func mustItem(t *testing.T, generateName, name string, id Identity, index int) *Item {
	t.Helper()
	item, err := NewItem(newWorkflow(generateName, name), id, index)
	if err != nil {
		t.Fatal(err)
	}
	return item
}

func TestCreateAmbiguousThenOurConflictCountsOnce(t *testing.T) {
	srv := newFakeServer()
	srv.after[0] = reset() // stored, but the answer was lost
	var delays []time.Duration
	item := mustItem(t, "hello-", "", Identity{}, 0)
	res, err := Create(t.Context(), srv, item, recorder(&delays))
	if err != nil {
		t.Fatal(err)
	}
	if len(srv.stored) != 1 || res.Already || res.Attempts != 2 || srv.gets != 1 {
		t.Errorf("stored %d, result %+v, gets %d; want one workflow, found by a GET on the 409", len(srv.stored), res, srv.gets)
	}
	if srv.creates[0] != srv.creates[1] || !strings.HasPrefix(srv.creates[0], "hello-") || len(srv.creates[0]) != len("hello-")+5 {
		t.Errorf("creates %v: the retry must send the same client-chosen name", srv.creates)
	}
	if len(delays) != 1 || delays[0] != DefaultBaseDelay {
		t.Errorf("delays %v, want one of %s", delays, DefaultBaseDelay)
	}
}

func TestCreateConflictWithAnotherRenames(t *testing.T) {
	srv := newFakeServer()
	item := mustItem(t, "hello-", "", Identity{Key: "k"}, 0)
	taken := item.Workflow.GetName()
	srv.putForeign(taken)
	res, err := Create(t.Context(), srv, item, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Workflow.GetName() == taken || len(srv.stored) != 2 || res.Already {
		t.Errorf("created %s (taken: %s), %d stored, already=%v", res.Workflow.GetName(), taken, len(srv.stored), res.Already)
	}
}

func TestCreateFixedNameConflictIsAnError(t *testing.T) {
	srv := newFakeServer()
	srv.putForeign("fixed")
	srv.after[0] = reset()
	_, err := Create(t.Context(), srv, mustItem(t, "", "fixed", Identity{}, 0), recorder(new([]time.Duration)))
	var apiErr *argo.APIError
	if !errors.As(err, &apiErr) || !apiErr.Conflict() || len(srv.creates) != 1 {
		t.Errorf("error %v after %d creates, want the 409 at once", err, len(srv.creates))
	}
}

func TestCreateKeyedRerunIsAlreadySubmitted(t *testing.T) {
	srv := newFakeServer()
	first, err := Create(t.Context(), srv, mustItem(t, "hello-", "", Identity{Key: "run-1"}, 3), Policy{})
	if err != nil {
		t.Fatal(err)
	}
	again, err := Create(t.Context(), srv, mustItem(t, "hello-", "", Identity{Key: "run-1"}, 3), Policy{})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Already || again.Workflow.GetName() != first.Workflow.GetName() || len(srv.stored) != 1 {
		t.Errorf("rerun: %+v, %d stored; want the first run's workflow, already submitted", again, len(srv.stored))
	}
}

func TestCreateRetriesAreBounded(t *testing.T) {
	srv := newFakeServer()
	for n := range 10 {
		srv.before[n] = status(http.StatusServiceUnavailable)
	}
	var delays []time.Duration
	_, err := Create(t.Context(), srv, mustItem(t, "hello-", "", Identity{}, 0), recorder(&delays))
	var exhausted *RetriesExhaustedError
	if !errors.As(err, &exhausted) || exhausted.Attempts != DefaultAttempts || !exhausted.MayExist {
		t.Fatalf("error %v, want RetriesExhaustedError after %d attempts", err, DefaultAttempts)
	}
	want := []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second}
	if len(delays) != len(want) {
		t.Fatalf("delays %v, want %v", delays, want)
	}
	for i := range want {
		if delays[i] != want[i] {
			t.Errorf("delays %v, want %v", delays, want)
		}
	}
}

func TestCreateNeverRetriesPermanentFailures(t *testing.T) {
	for _, code := range []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden} {
		srv := newFakeServer()
		srv.before[0] = status(code)
		_, err := Create(t.Context(), srv, mustItem(t, "hello-", "", Identity{}, 0), recorder(new([]time.Duration)))
		if err == nil || len(srv.creates) != 1 {
			t.Errorf("HTTP %d: %d creates, error %v; want exactly one", code, len(srv.creates), err)
		}
	}
}

func TestCreateHonoursRetryAfter(t *testing.T) {
	srv := newFakeServer()
	srv.before[0] = &argo.APIError{StatusCode: http.StatusTooManyRequests, RetryAfter: 3 * time.Second}
	srv.before[1] = &argo.APIError{StatusCode: http.StatusServiceUnavailable, RetryAfter: time.Hour}
	var delays []time.Duration
	if _, err := Create(t.Context(), srv, mustItem(t, "hello-", "", Identity{}, 0), recorder(&delays)); err != nil {
		t.Fatal(err)
	}
	if len(delays) != 2 || delays[0] != 3*time.Second || delays[1] != DefaultMaxDelay {
		t.Errorf("delays %v, want 3s then the cap %s", delays, DefaultMaxDelay)
	}
}

func TestDelayJitterStaysInRange(t *testing.T) {
	p := Policy{}.withDefaults()
	for range 100 {
		if d := p.Delay(3, 0); d < time.Second/2 || d > time.Second {
			t.Fatalf("Delay(3) = %s, want within [500ms, 1s]", d)
		}
	}
}

// Found by the fault-injection e2e test: the check of a 409 meets the same faults as the create.
func TestCreateRetriesTheConflictCheck(t *testing.T) {
	srv := newFakeServer()
	srv.after[0] = reset()
	srv.getFails[0] = reset()
	res, err := Create(t.Context(), srv, mustItem(t, "hello-", "", Identity{}, 0), recorder(new([]time.Duration)))
	if err != nil || res.Already || srv.gets != 2 || len(srv.stored) != 1 {
		t.Errorf("result %+v, error %v, %d gets, %d stored", res, err, srv.gets, len(srv.stored))
	}
}
