package tokencache

import (
	"encoding/json"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

func TestStorePermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	s, key := newStore(t), testKey("ci")
	get(t, s, key, newMinter())
	for path, want := range map[string]os.FileMode{
		s.Dir:                         0o700,
		s.path(key.ID(), entrySuffix): 0o600,
		s.path(key.ID(), lockSuffix):  0o600,
	} {
		if got := mode(t, path); got != want {
			t.Errorf("%s: mode %#o, want %#o", path, got, want)
		}
	}
}

func TestStoreNarrowsAWideFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	s := newStore(t)
	if err := os.Mkdir(s.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(s.Dir, 0o755); err != nil { // past the umask
		t.Fatal(err)
	}
	get(t, s, testKey("ci"), newMinter())
	if got := mode(t, s.Dir); got != 0o700 {
		t.Errorf("folder mode %#o, want 0700", got)
	}
}

// TestAtomicWrite has writers replace one entry over and over while a reader checks that every
// read is a whole entry.
func TestAtomicWrite(t *testing.T) {
	s, key := newStore(t), testKey("ci")
	if err := ensureDir(s.Dir); err != nil {
		t.Fatal(err)
	}
	id := key.ID()
	// Long enough that a partial write would show.
	long := "Bearer " + string(make([]byte, 64<<10))
	tok := token.NewToken(long, token.Request, "serviceaccount argo/ci", time.Now().Add(time.Hour))
	if err := s.write(id, newEntry(id, key, tok, time.Now())); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(300 * time.Millisecond)
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				if err := s.write(id, newEntry(id, key, tok, time.Now())); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	reads := 0
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(s.path(id, entrySuffix))
		if err != nil {
			t.Fatalf("read %d: %v", reads, err)
		}
		if !json.Valid(data) {
			t.Fatalf("read %d saw a partial entry of %d bytes", reads, len(data))
		}
		reads++
	}
	wg.Wait()
	if left, _ := os.ReadDir(s.Dir); len(left) != 1 {
		t.Errorf("temporary files left behind: %d files", len(left))
	}
}
