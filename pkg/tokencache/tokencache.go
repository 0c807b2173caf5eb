// Package tokencache keeps the tokens minted for the Argo Server in files between runs, so that
// successive and parallel runs share one TokenRequest instead of minting a token each.
//
// Each entry is <key>.json, written atomically (a temporary file in the same folder, synced,
// then renamed), beside <key>.lock, which a run holds while it checks and mints. The folder is
// 0700 and the files 0600: they hold live credentials.
package tokencache

import (
	"errors"
	"os"
	"path/filepath"
	"time"
)

const (
	// folderName is the Store's folder inside kubectl's cache folder.
	folderName = "argo-submit"
	// defaultLockTimeout bounds the wait for another run minting the same token.
	defaultLockTimeout = 30 * time.Second
	// defaultMaxAge is how long a token without expiry (a legacy Secret's) is reused: an hour
	// notices a rotated Secret even where nothing sends the token back with a 401 (the token
	// command only prints it).
	defaultMaxAge = time.Hour
)

// Store is a folder of cached tokens; it implements token.Cache. The zero values of the
// optional fields mean their defaults.
type Store struct {
	Dir string
	// LockTimeout bounds the wait for another run minting the same token, after which this one
	// mints without the cache (0: 30 s).
	LockTimeout time.Duration
	// MaxAge is how long a token without expiry is reused (0: 1 h).
	MaxAge time.Duration
	// Now is the clock (nil: time.Now).
	Now func() time.Time
}

// DefaultDir is where kubectl keeps its caches, so that KUBECACHEDIR moves this one too:
// $KUBECACHEDIR/argo-submit, else ~/.kube/cache/argo-submit. getenv is the command's, so that
// tests choose the folder.
func DefaultDir(getenv func(string) string) (string, error) {
	if dir := getenv("KUBECACHEDIR"); dir != "" {
		return filepath.Join(dir, folderName), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", err
		}
	}
	if home == "" {
		return "", errors.New("no home folder")
	}
	return filepath.Join(home, ".kube", "cache", folderName), nil
}

func (s *Store) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

func (s *Store) lockTimeout() time.Duration {
	if s.LockTimeout <= 0 {
		return defaultLockTimeout
	}
	return s.LockTimeout
}

func (s *Store) maxAge() time.Duration {
	if s.MaxAge <= 0 {
		return defaultMaxAge
	}
	return s.MaxAge
}
