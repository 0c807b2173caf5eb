package submit

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

func tooMany() error { return &argo.APIError{StatusCode: http.StatusTooManyRequests} }

func TestThrottlesDoNotUseUpAttempts(t *testing.T) {
	srv := newFakeServer()
	for i := range 16 {
		srv.before[i] = tooMany()
	}
	srv.before[16] = reset() // an ambiguous failure after them still has its retries
	var delays []time.Duration
	res, err := Create(t.Context(), srv, mustItem(t, "hello-", "", Identity{}, 0), recorder(&delays))
	if err != nil || res.Attempts != 18 || len(srv.stored) != 1 {
		t.Fatalf("result %+v, error %v, %d stored; want success on the 18th create", res, err, len(srv.stored))
	}
	ms := time.Millisecond
	want := slices.Repeat([]time.Duration{100 * ms}, 10) // polling for the reset of a one-second window
	want = append(want, 200*ms, 400*ms, 800*ms, time.Second, time.Second, time.Second, DefaultBaseDelay)
	if !slices.Equal(delays, want) {
		t.Errorf("delays %v, want %v", delays, want)
	}
}

func TestThrottlesAreBounded(t *testing.T) {
	srv := newFakeServer()
	for i := range 10 {
		srv.before[i] = tooMany()
	}
	policy := recorder(new([]time.Duration))
	policy.Throttles = 4
	_, err := Create(t.Context(), srv, mustItem(t, "hello-", "", Identity{}, 0), policy)
	var exhausted *RetriesExhaustedError
	if !errors.As(err, &exhausted) || exhausted.MayExist || len(srv.creates) != 5 {
		t.Errorf("%d creates, error %v; want the 5th 429 to be the answer, the workflow surely not created", len(srv.creates), err)
	}
}

// One worker's 429 holds off the others before their next create, until the pause ends. The clock
// is moved by hand, as if the creates ran at once.
func TestThrottleIsSharedByTheBatch(t *testing.T) {
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	var slept []time.Duration
	policy := Policy{
		Throttle: &Throttle{},
		Now:      func() time.Time { return now },
		Sleep:    func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil },
		Jitter:   func(d time.Duration) time.Duration { return d },
	}
	limited := newFakeServer()
	limited.before[0] = &argo.APIError{StatusCode: http.StatusTooManyRequests, RetryAfter: 700 * time.Millisecond}
	if _, err := Create(t.Context(), limited, mustItem(t, "a-", "", Identity{}, 0), policy); err != nil {
		t.Fatal(err)
	}
	now = now.Add(200 * time.Millisecond) // another worker starts its create 200 ms into the pause
	other := newFakeServer()
	if _, err := Create(t.Context(), other, mustItem(t, "b-", "", Identity{}, 1), policy); err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{700 * time.Millisecond, 500 * time.Millisecond}; !slices.Equal(slept, want) {
		t.Errorf("slept %v, want %v: the first for its Retry-After, the second for the rest of the pause", slept, want)
	}
	now = now.Add(time.Second)
	slept = nil
	if _, err := Create(t.Context(), newFakeServer(), mustItem(t, "c-", "", Identity{}, 2), policy); err != nil || len(slept) != 0 {
		t.Errorf("after the pause: slept %v, error %v; want no wait", slept, err)
	}
}
