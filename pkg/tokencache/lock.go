package tokencache

import (
	"context"
	"time"

	"github.com/gofrs/flock"
	"k8s.io/klog/v2"
)

// lockRetry is how often a waiting run tries the lock again.
const lockRetry = 20 * time.Millisecond

// lock takes the entry's lock file, waiting up to the lock timeout for another run (process or
// goroutine: each lock opens its own descriptor) minting the same token. It returns false when
// the lock cannot be had; the caller then does without the cache rather than fail.
func (s *Store) lock(ctx context.Context, id string) (unlock func(), locked bool) {
	l := flock.New(s.path(id, lockSuffix), flock.SetPermissions(fileMode))
	wait, cancel := context.WithTimeout(ctx, s.lockTimeout())
	defer cancel()
	ok, err := l.TryLockContext(wait, lockRetry)
	if err != nil || !ok {
		klog.V(1).Infof("token cache: entry %s still locked after %s (%v): minting a token without the cache",
			short(id), s.lockTimeout(), err)
		_ = l.Close()
		return nil, false
	}
	return func() { _ = l.Unlock() }, true
}
