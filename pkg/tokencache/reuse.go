package tokencache

import "time"

const (
	// minRemaining is the least life a reused token must have left: enough for the requests
	// it is for (the Argo client renews it itself one minute before expiry).
	minRemaining = time.Minute
	// remainingShare is the share of its lifetime a reused token must have left (1/5: 20 %),
	// so that a run never starts on a token near its end.
	remainingShare = 5
)

// reusable says whether a token issued at issued may be handed out at now: with an expiry,
// while more than max(60 s, 20 % of its lifetime) remains; without one (a legacy Secret's),
// for maxAge after it was read.
func reusable(issued, expiry, now time.Time, maxAge time.Duration) bool {
	if expiry.IsZero() {
		age := now.Sub(issued)
		return age >= 0 && age < maxAge
	}
	margin := max(minRemaining, expiry.Sub(issued)/remainingShare)
	return expiry.Sub(now) > margin
}
