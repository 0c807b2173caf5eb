package submit

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

// Throttle is shared by the creates of one batch. A 429 means the server limits this client, not one
// request: every worker then holds off until the pause ends, instead of each learning it from a
// refused request of its own. The zero value is ready.
type Throttle struct {
	mu    sync.Mutex
	until time.Time
}

// remaining is how long to hold off from now; zero when not throttled.
func (t *Throttle) remaining(now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return max(0, t.until.Sub(now))
}

// extend makes every worker hold off until now+d at least.
func (t *Throttle) extend(now time.Time, d time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if until := now.Add(d); until.After(t.until) {
		t.until = until
	}
}

// holdOff waits while the batch is throttled.
func (p Policy) holdOff(ctx context.Context) error {
	if d := p.Throttle.remaining(p.Now()); d > 0 {
		return p.Sleep(ctx, d)
	}
	return nil
}

// throttled answers the throttles-th 429 of one create with a pause of the whole batch, which every
// create waits out in holdOff before its next attempt: the server's Retry-After when it names a
// moment still ahead, else a backoff. Argo limits each client per one-second window and its
// Retry-After is a date in whole seconds, often already past while the window has not yet reset:
// so the first throttlePolls 429s look for the reset every ThrottleDelay, and later ones double
// the delay up to a second, in case the limit is a longer one.
func (p Policy) throttled(throttles int, retryAfter time.Duration) {
	d := retryAfter
	if d <= 0 {
		d = p.Jitter(min(p.ThrottleDelay<<min(max(throttles-throttlePolls, 0), 20), maxThrottleBackoff))
	}
	p.Throttle.extend(p.Now(), min(d, p.MaxDelay))
}

// isThrottle reports a 429 Too Many Requests.
func isThrottle(err error) bool {
	var apiErr *argo.APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusTooManyRequests
}
