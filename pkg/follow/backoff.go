package follow

import (
	"context"
	"time"
)

// backoff spaces reconnects: first, then doubling up to maxBackoff, until reset.
type backoff struct {
	first    time.Duration
	upcoming time.Duration // 0: first
}

// next is the delay before the coming reconnect.
func (b *backoff) next() time.Duration {
	if b.upcoming == 0 {
		b.upcoming = b.first
	}
	delay := b.upcoming
	b.upcoming = min(2*delay, max(maxBackoff, b.first))
	return delay
}

// reset starts over from first: the connection worked.
func (b *backoff) reset() { b.upcoming = 0 }

// sleep waits d, or less when ctx ends first (→ ctx.Err()).
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
