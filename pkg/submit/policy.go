package submit

import (
	"context"
	"math/rand/v2"
	"time"
)

// Policy bounds the retries of one Create.
type Policy struct {
	Attempts  int           // creates in all, renames included, 429s not (see Throttles); 0 means DefaultAttempts
	BaseDelay time.Duration // the first backoff; doubled after each attempt
	MaxDelay  time.Duration // the cap of the backoff and of a server's Retry-After
	// Throttles is how many 429s one create tolerates (they do not use up Attempts: the server did
	// nothing); 0 means DefaultThrottles. ThrottleDelay is the first backoff after a 429 without a
	// usable Retry-After (doubled after the first ten, up to a second); 0 means DefaultThrottleDelay.
	Throttles     int
	ThrottleDelay time.Duration
	// Throttle is shared by a batch so that one 429 holds off every worker; nil: one per Create.
	Throttle *Throttle
	// Now is the clock of the shared Throttle; nil is time.Now.
	Now func() time.Time
	// Sleep waits d or until ctx ends; nil sleeps for real (tests record instead).
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter picks the delay within [d/2, d]; nil draws it at random so that workers spread out.
	Jitter func(d time.Duration) time.Duration
}

// Defaults: five attempts wait at most 0.25+0.5+1+2 s between them. Thirty 429s wait at most
// about 20 s (ten times 0.1, then 0.2+0.4+0.8, then 1 s each) unless the server asks for longer.
const (
	DefaultAttempts      = 5
	DefaultBaseDelay     = 250 * time.Millisecond
	DefaultMaxDelay      = 10 * time.Second
	DefaultThrottles     = 30
	DefaultThrottleDelay = 100 * time.Millisecond
	throttlePolls        = 10
	maxThrottleBackoff   = time.Second
)

func (p Policy) withDefaults() Policy {
	if p.Attempts <= 0 {
		p.Attempts = DefaultAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = DefaultBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = DefaultMaxDelay
	}
	if p.Throttles <= 0 {
		p.Throttles = DefaultThrottles
	}
	if p.ThrottleDelay <= 0 {
		p.ThrottleDelay = DefaultThrottleDelay
	}
	if p.Throttle == nil {
		p.Throttle = &Throttle{}
	}
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.Sleep == nil {
		p.Sleep = sleep
	}
	if p.Jitter == nil {
		p.Jitter = halfJitter
	}
	return p
}

// Delay is the wait after the attempt-th failure: the server's Retry-After when it gave one,
// else exponential backoff with jitter; both capped at MaxDelay.
func (p Policy) Delay(attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return min(retryAfter, p.MaxDelay)
	}
	d := p.BaseDelay << min(attempt-1, 20)
	return p.Jitter(min(d, p.MaxDelay))
}

func (p Policy) wait(ctx context.Context, attempt int, retryAfter time.Duration) error {
	return p.Sleep(ctx, p.Delay(attempt, retryAfter))
}

func halfJitter(d time.Duration) time.Duration {
	if d < 2 {
		return d
	}
	return d/2 + rand.N(d/2+1)
}

func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-timer.C:
		return nil
	}
}
